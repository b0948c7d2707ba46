import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Relais } from '../app.ts';
import type {
  NotificationPage,
  NotificationSettingsView,
  UnreadCount,
} from '../contracts/notification-contracts.ts';
import { accountIdOf, bearer, createProfessional } from '../../tests/support/factories.ts';
import { notificationRequest } from '../../tests/support/notification-requests.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`notifications API on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    /** A professional with their account id, and a GET helper with their token. */
    async function signedInUser() {
      const pro = await createProfessional(relais);
      const accountId = await accountIdOf(relais, pro.token);
      const get = async <T>(url: string) => {
        const response = await relais.http.inject({ url, headers: bearer(pro.token) });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<T>();
      };
      const post = (url: string) => relais.http.inject({ method: 'POST', url, headers: bearer(pro.token) });
      return { ...pro, accountId, get, post };
    }

    test('notify is idempotent per recipient and key, and writes one journal event per notification', async () => {
      const user = await signedInUser();
      const request = notificationRequest(user.accountId, { idempotencyKey: 'rules:event-1:call-task' });
      const first = await relais.services.notifications.notify([request, request]);
      assert.equal(first.length, 1, 'the same key twice in one call creates one');
      const again = await relais.services.notifications.notify([{ ...request, title: 'Autre titre' }]);
      assert.deepEqual(again, [], 'a replay creates nothing new');
      const page = await user.get<NotificationPage>('/api/notifications');
      assert.deepEqual(
        page.items.map((item) => item.title),
        ['Nouvelle tâche : rappeler le patient'],
      );

      const other = await signedInUser();
      const sameKey = await relais.services.notifications.notify([
        { ...request, recipientAccountId: other.accountId },
      ]);
      assert.equal(sameKey.length, 1, 'the key is unique per recipient, so a fan-out may share it');

      const events = await relais.database.db
        .selectFrom('events')
        .select(['type', 'patient_id', 'payload'])
        .where('type', '=', 'notification.created')
        .where(sql`payload->>'recipientAccountId'`, '=', user.accountId)
        .execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]?.patient_id, null, 'notification events stay out of the patient timeline');
    });

    test('unread first, newest first, paginated; count and mark read (one, then all)', async () => {
      const user = await signedInUser();
      const titles = ['un', 'deux', 'trois', 'quatre', 'cinq'];
      const created = [];
      for (const title of titles) {
        // One by one, so each gets its own creation time.
        const [notification] = await relais.services.notifications.notify([
          notificationRequest(user.accountId, { title }),
        ]);
        created.push(notification!);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.deepEqual(await user.get<UnreadCount>('/api/notifications/unread-count'), { count: 5 });

      const deux = created[1]!;
      const marked = await user.post(`/api/notifications/${deux.id}/read`);
      assert.equal(marked.statusCode, 204, marked.body);
      assert.equal((await user.post(`/api/notifications/${deux.id}/read`)).statusCode, 204, 'again is fine');
      assert.deepEqual(await user.get<UnreadCount>('/api/notifications/unread-count'), { count: 4 });

      const seen: string[] = [];
      let url = '/api/notifications?limit=2';
      for (;;) {
        const page = await user.get<NotificationPage>(url);
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((item) => item.title));
        if (page.nextCursor === null) break;
        url = `/api/notifications?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
      }
      assert.deepEqual(seen, ['cinq', 'quatre', 'trois', 'un', 'deux']);
      const readOne = (await user.get<NotificationPage>('/api/notifications')).items.find(
        (i) => i.title === 'deux',
      );
      assert.ok(readOne?.readAt !== null && readOne?.readAt !== undefined);

      const all = await user.post('/api/notifications/read-all');
      assert.equal(all.statusCode, 200, all.body);
      assert.deepEqual(all.json(), { count: 4 });
      assert.deepEqual(await user.get<UnreadCount>('/api/notifications/unread-count'), { count: 0 });
      const readEvents = await relais.database.db
        .selectFrom('events')
        .select('payload')
        .where('type', '=', 'notification.read')
        .where('actor_account_id', '=', user.accountId)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        readEvents.map((event) => event.payload),
        [{ notificationId: deux.id }, { notificationId: null, count: 4 }],
        'one event per change, none for marking a read one again',
      );
    });

    test("I see and mark only my own notifications; someone else's id is a 404", async () => {
      const me = await signedInUser();
      const them = await signedInUser();
      const [theirs] = await relais.services.notifications.notify([notificationRequest(them.accountId)]);
      assert.deepEqual((await me.get<NotificationPage>('/api/notifications')).items, []);
      assert.deepEqual(await me.get<UnreadCount>('/api/notifications/unread-count'), { count: 0 });
      const mark = await me.post(`/api/notifications/${theirs!.id}/read`);
      assert.equal(mark.statusCode, 404);
      assert.equal(mark.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.deepEqual(await them.get<UnreadCount>('/api/notifications/unread-count'), { count: 1 });
      assert.equal((await me.post(`/api/notifications/${randomUUID()}/read`)).statusCode, 404);
    });

    test('bad input is a 4xx problem that says what is wrong, and changes nothing', async () => {
      const user = await signedInUser();
      for (const url of [
        '/api/notifications?limit=0',
        '/api/notifications?limit=101',
        '/api/notifications?limit=ten',
        '/api/notifications?cursor=not-a-cursor',
        '/api/notifications?color=red',
      ]) {
        const response = await relais.http.inject({ url, headers: bearer(user.token) });
        assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
        assert.ok(response.json<{ detail: string }>().detail.length > 0);
      }
      assert.equal((await user.post('/api/notifications/not-a-uuid/read')).statusCode, 400);

      await assert.rejects(
        relais.services.notifications.notify([
          notificationRequest(user.accountId),
          notificationRequest(user.accountId, { kind: 'gossip' as 'message', link: 'https://evil.example' }),
        ]),
        (error: Error & { code?: string }) =>
          error.code === 'invalid-input' &&
          /kind must be one of/.test(error.message) &&
          /link/.test(error.message),
      );
      await assert.rejects(
        relais.services.notifications.notify([notificationRequest(randomUUID())]),
        (error: Error & { code?: string }) => error.code === 'not-found',
      );
      assert.deepEqual(
        await user.get<UnreadCount>('/api/notifications/unread-count'),
        { count: 0 },
        'all or nothing',
      );

      const put = (payload: unknown) =>
        relais.http.inject({
          method: 'PUT',
          url: '/api/me/notification-settings',
          headers: bearer(user.token),
          payload: payload as Record<string, unknown>,
        });
      const valid = { emailAddress: null, emailMode: 'digest-only', digestHour: 7, detailLevel: 'minimal' };
      for (const bad of [
        { ...valid, digestHour: 24 },
        { ...valid, emailMode: 'sometimes' },
        { ...valid, emailAddress: 'not an address' },
        { ...valid, extra: true },
      ]) {
        const response = await put(bad);
        assert.equal(response.statusCode, 400, response.body);
      }
      const notAddress = await put({ ...valid, emailAddress: 'not an address' });
      assert.match(notAddress.json<{ detail: string }>().detail, /emailAddress/);
      const settings = await user.get<NotificationSettingsView>('/api/me/notification-settings');
      assert.equal(settings.emailMode, 'urgent-now-digest-rest', 'still the default after refused saves');
    });

    test('settings: defaults, save, read back; e-mail shown as disabled without SMTP', async () => {
      const user = await signedInUser();
      assert.deepEqual(await user.get<NotificationSettingsView>('/api/me/notification-settings'), {
        emailAddress: null,
        emailMode: 'urgent-now-digest-rest',
        digestHour: 8,
        detailLevel: 'minimal',
        emailEnabled: false,
        timeZone: 'Europe/Paris',
      });
      const saved = await relais.http.inject({
        method: 'PUT',
        url: '/api/me/notification-settings',
        headers: bearer(user.token),
        payload: {
          emailAddress: '  dr.testeur@example.org ',
          emailMode: 'all-now',
          digestHour: 18,
          detailLevel: 'titles',
        },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const read = await user.get<NotificationSettingsView>('/api/me/notification-settings');
      assert.equal(read.emailAddress, 'dr.testeur@example.org');
      assert.equal(read.emailMode, 'all-now');
      assert.equal(read.digestHour, 18);
      assert.equal(read.detailLevel, 'titles');
      const [notification] = await relais.services.notifications.notify([
        notificationRequest(user.accountId),
      ]);
      const row = await relais.database.db
        .selectFrom('notifications')
        .select(['email_plan', 'email_due_at'])
        .where('id', '=', notification!.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { email_plan: 'none', email_due_at: null }, 'no SMTP: nothing planned');
    });

    test('every notification route needs a session', async () => {
      for (const [method, url] of [
        ['GET', '/api/notifications'],
        ['GET', '/api/notifications/unread-count'],
        ['POST', `/api/notifications/${randomUUID()}/read`],
        ['POST', '/api/notifications/read-all'],
        ['GET', '/api/me/notification-settings'],
        ['GET', '/api/live'],
      ] as const) {
        const response = await relais.http.inject({ method, url });
        assert.equal(response.statusCode, 401, `${method} ${url}`);
      }
    });
  });
}
