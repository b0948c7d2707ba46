import { PassThrough } from 'node:stream';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { AccountService } from '../../domain/accounts/account-service.ts';
import type { LiveMessage, LiveSubscriptions } from '../../domain/live/live-channel.ts';
import { principalOf, tokenOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

export interface LiveRouteOptions {
  readonly live: LiveSubscriptions;
  readonly accounts: AccountService;
  readonly heartbeatMs: number;
}

// How long the browser waits before reconnecting after a drop (the SSE `retry` field).
const RECONNECT_MS = 5_000;
// A client that stops reading is dropped rather than buffered without end; it reconnects and resyncs.
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Live push over server-sent events: each signed-in tab holds `GET /api/live` open and receives its
 * account's messages (`notification`, `notifications-read`, and what other contexts publish). The
 * session cookie authenticates it, since an EventSource cannot set headers. A `ready` event opens
 * every connection, so a client that reconnects knows to reload what it shows.
 */
export const liveRoutes: FastifyPluginCallbackTypebox<LiveRouteOptions> = (app, options, done) => {
  const { live, accounts, heartbeatMs } = options;
  const open = new Set<() => void>();
  // Streams never end by themselves: end them first, or closing the server would wait for them.
  app.addHook('preClose', (hookDone) => {
    for (const end of open) end();
    hookDone();
  });

  // The 200 is an endless text/event-stream, outside the JSON schemas: the route generic says so.
  app.get<{ Reply: PassThrough }>(
    '/api/live',
    {
      schema: {
        tags: ['live'],
        summary: 'Server-sent events for the signed-in account (text/event-stream)',
        description:
          'Events: `ready` on connect, `notification` (a NotificationItem), `notifications-read` ' +
          '({notificationId|null}), and messages other contexts publish. Comments are heartbeats.',
        response: problemResponses(401),
      },
    },
    (request, reply) => {
      const accountId = principalOf(request).accountId;
      const token = tokenOf(request);
      const stream = new PassThrough();
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        stream.end();
      };
      const send = (text: string): void => {
        if (ended) return;
        if (stream.writableLength > MAX_BUFFERED_BYTES) end();
        else stream.write(text);
      };
      const unsubscribe = live.subscribe(accountId, (message) => {
        send(frameOf(message));
      });
      // The heartbeat keeps proxies from closing an idle stream, and ends it once the session is over.
      const heartbeat = setInterval(() => {
        void stillSignedIn(accounts, token, accountId).then((signedIn) => {
          if (signedIn) send(': heartbeat\n\n');
          else end();
        });
      }, heartbeatMs);
      heartbeat.unref();
      open.add(end);
      reply.raw.on('close', end);
      send(`retry: ${RECONNECT_MS}\n\n${frameOf({ type: 'ready', data: {} })}`);
      reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );
  done();
};

/** One SSE message; JSON has no raw line breaks, so `data` stays one line. */
function frameOf(message: LiveMessage): string {
  return `event: ${message.type}\ndata: ${JSON.stringify(message.data ?? null)}\n\n`;
}

async function stillSignedIn(
  accounts: AccountService,
  token: string | undefined,
  accountId: string,
): Promise<boolean> {
  if (token === undefined) return false;
  try {
    // A heartbeat is not activity: an open tab must not keep an idle session alive.
    return (await accounts.authenticate(token, { touch: false }))?.id === accountId;
  } catch {
    return false; // the database is going away: the client will reconnect
  }
}
