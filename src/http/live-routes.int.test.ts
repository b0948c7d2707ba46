import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import type { Relais } from '../app.ts';
import type { LiveSubscriptions } from '../domain/live/live-channel.ts';
import { createInProcessLiveHub } from '../integrations/in-process-live-hub.ts';
import { buildHttpServer } from './http-server.ts';
import { accountIdOf, bearer, createProfessional } from '../../tests/support/factories.ts';
import { notificationRequest } from '../../tests/support/notification-requests.ts';
import { openEventStream } from '../../tests/support/sse-client.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`live push over server-sent events on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let baseUrl: string;
    before(async () => {
      relais = await startTestRelais(dialect, { liveHeartbeatMs: 100 });
      await relais.http.listen({ host: '127.0.0.1', port: 0 });
      baseUrl = `http://127.0.0.1:${(relais.http.server.address() as AddressInfo).port}`;
    });
    after(() => relais.close());

    async function user() {
      const pro = await createProfessional(relais);
      return { ...pro, accountId: await accountIdOf(relais, pro.token) };
    }

    test('a notification created after connecting reaches my open stream (cookie auth), and only mine', async () => {
      const me = await user();
      const other = await user();
      const stream = await openEventStream(`${baseUrl}/api/live`, { cookie: `relais_session=${me.token}` });
      try {
        assert.equal(stream.status, 200);
        assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
        await stream.next('ready');
        await relais.services.notifications.notify([
          notificationRequest(other.accountId, { title: 'Pas pour moi' }),
        ]);
        const [created] = await relais.services.notifications.notify([
          notificationRequest(me.accountId, {
            title: 'Nouvelle tâche : rappeler le patient',
            urgency: 'urgent',
          }),
        ]);
        const pushed = (await stream.next('notification')).data as Record<string, unknown>;
        assert.equal(pushed['id'], created!.id);
        assert.equal(pushed['title'], 'Nouvelle tâche : rappeler le patient');
        assert.equal(pushed['urgency'], 'urgent');
        assert.equal(pushed['readAt'], null);
        assert.equal(typeof pushed['createdAt'], 'string');

        const read = await relais.http.inject({
          method: 'POST',
          url: `/api/notifications/${created!.id}/read`,
          headers: bearer(me.token),
        });
        assert.equal(read.statusCode, 204);
        assert.deepEqual((await stream.next('notifications-read')).data, { notificationId: created!.id });

        relais.live.publish([me.accountId], { type: 'worklist-changed', data: { reason: 'task-created' } });
        assert.deepEqual((await stream.next('worklist-changed')).data, { reason: 'task-created' });
        assert.equal(
          stream.events.filter((event) => event.type === 'notification').length,
          1,
          'the other account’s notification never reached me',
        );
      } finally {
        stream.close();
      }
    });

    test('the bearer token works too; the stream ends at the next heartbeat once the session is gone', async () => {
      const me = await user();
      const stream = await openEventStream(`${baseUrl}/api/live`, bearer(me.token));
      await stream.next('ready');
      await relais.http.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(me.token) });
      await Promise.race([
        stream.closed,
        new Promise((_, reject) => setTimeout(() => reject(new Error('stream still open')), 3_000)),
      ]);
      assert.equal(stream.ended, true);
    });
  });
}

describe('live push and shutdown', () => {
  test('closing the app ends open live streams instead of waiting for them', async () => {
    const relais = await startTestRelais('pglite');
    await relais.http.listen({ host: '127.0.0.1', port: 0 });
    const pro = await createProfessional(relais);
    const port = (relais.http.server.address() as AddressInfo).port;
    const stream = await openEventStream(`http://127.0.0.1:${port}/api/live`, bearer(pro.token));
    await stream.next('ready');
    const closing = relais.close();
    await Promise.race([
      closing,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('close() hung on the open stream')), 5_000),
      ),
    ]);
    await stream.closed;
    assert.equal(stream.ended, true);
  });

  test('a connection that goes away unsubscribes from the hub', async () => {
    const relais = await startTestRelais('pglite');
    const hub = createInProcessLiveHub();
    let subscribed = 0;
    const counting: LiveSubscriptions = {
      subscribe(accountId, listener) {
        subscribed += 1;
        const unsubscribe = hub.subscribe(accountId, listener);
        return () => {
          subscribed -= 1;
          unsubscribe();
        };
      },
    };
    const server = await buildHttpServer(relais.services, {
      logger: pino({ level: 'silent' }),
      webRoot: undefined,
      secureCookies: false,
      loginRateLimit: { max: 100, timeWindow: 60_000 },
      live: counting,
      liveHeartbeatMs: 60_000,
    });
    try {
      await server.listen({ host: '127.0.0.1', port: 0 });
      const pro = await createProfessional(relais);
      const port = (server.server.address() as AddressInfo).port;
      const stream = await openEventStream(`http://127.0.0.1:${port}/api/live`, bearer(pro.token));
      await stream.next('ready');
      assert.equal(subscribed, 1);
      stream.close();
      // A function, so the compiler does not narrow the count to the 1 asserted above.
      const stillSubscribed = () => subscribed > 0;
      for (let waited = 0; stillSubscribed() && waited < 2_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(subscribed, 0, 'the server let go of the closed connection');
    } finally {
      await server.close();
      await relais.close();
    }
  });

  test('an invalid message type is refused before it reaches any stream', async () => {
    const relais = await startTestRelais('pglite');
    try {
      assert.throws(
        () => relais.live.publish([], { type: 'two\nlines', data: {} }),
        (error: Error & { code?: string }) => error.code === 'invalid-input',
      );
    } finally {
      await relais.close();
    }
  });
});
