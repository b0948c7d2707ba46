import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveMessage } from '../live/live-channel.ts';
import { DEFAULT_SETTINGS, type NotificationSettings } from './email-preferences.ts';
import type { NewNotification, NotificationStore } from './notification-ports.ts';
import { createNotificationService } from './notification-service.ts';
import type { NotificationRequest } from './notification.ts';

const NOW = new Date('2026-01-15T09:30:00Z'); // 10:30 in Paris
const ANNE = '0b5f4f4e-58c4-4bd4-9d34-0c7a5fe3a2a1';
const BRUNO = '1c6a5a5f-69d5-4ce5-8e45-1d8b6af4b3b2';

function serviceWith(options: {
  saved: Record<string, NotificationSettings>;
  emailEnabled: boolean;
  known?: Set<string>;
}) {
  const inserted: NewNotification[] = [];
  const published: { accountIds: readonly string[]; message: LiveMessage }[] = [];
  const keys = options.known ?? new Set<string>();
  const store: Pick<NotificationStore, 'insertNew'> = {
    insertNew(notifications) {
      const ids = new Set<string>();
      for (const n of notifications) {
        const key = `${n.notification.recipientAccountId}|${n.idempotencyKey}`;
        if (keys.has(key)) continue;
        keys.add(key);
        ids.add(n.notification.id);
        inserted.push(n);
      }
      return Promise.resolve(ids);
    },
  };
  let ids = 0;
  const service = createNotificationService({
    store: store as NotificationStore,
    settings: {
      settingsOf: (accountIds) =>
        Promise.resolve(
          new Map(accountIds.flatMap((id) => (options.saved[id] ? [[id, options.saved[id]]] : []))),
        ),
      save: () => Promise.reject(new Error('not used')),
    },
    live: { publish: (accountIds, message) => published.push({ accountIds, message }) },
    clock: () => NOW,
    newId: () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`,
    email: { enabled: options.emailEnabled, timeZone: 'Europe/Paris' },
  });
  return { service, inserted, published };
}

const request = (
  recipientAccountId: string,
  overrides: Partial<NotificationRequest> = {},
): NotificationRequest => ({
  idempotencyKey: 'rules:event-7:alert',
  recipientAccountId,
  kind: 'rule-alert',
  urgency: 'normal',
  patientId: null,
  link: '/patients',
  title: 'Alerte : poids en hausse',
  body: '',
  ...overrides,
});

test('the e-mail plan is decided at creation: urgent now, the rest at the next digest hour', async () => {
  const { service, inserted } = serviceWith({
    saved: { [ANNE]: { ...DEFAULT_SETTINGS, emailAddress: 'anne@example.org', digestHour: 8 } },
    emailEnabled: true,
  });
  await service.notify([
    request(ANNE, { idempotencyKey: 'a', urgency: 'urgent' }),
    request(ANNE, { idempotencyKey: 'b' }),
    request(BRUNO, { idempotencyKey: 'c', urgency: 'urgent' }), // Bruno has no address (defaults)
  ]);
  assert.deepEqual(
    inserted.map((n) => [n.email.plan, n.email.dueAt?.toISOString() ?? null]),
    [
      ['immediate', NOW.toISOString()],
      ['digest', '2026-01-16T07:00:00.000Z'], // tomorrow 8 h in Paris: today's has passed
      ['none', null],
    ],
  );
  assert.deepEqual(inserted[0]?.event.payload, {
    notificationId: inserted[0]?.notification.id ?? '',
    recipientAccountId: ANNE,
    kind: 'rule-alert',
    urgency: 'urgent',
    emailPlan: 'immediate',
  });
});

test('with no SMTP configured nothing is planned for e-mail', async () => {
  const { service, inserted } = serviceWith({
    saved: { [ANNE]: { ...DEFAULT_SETTINGS, emailAddress: 'anne@example.org', emailMode: 'all-now' } },
    emailEnabled: false,
  });
  await service.notify([request(ANNE, { urgency: 'urgent' })]);
  assert.equal(inserted[0]?.email.plan, 'none');
});

test('new notifications are pushed live to their recipient only; replays push nothing', async () => {
  const { service, published } = serviceWith({
    saved: {},
    emailEnabled: false,
    known: new Set([`${BRUNO}|old`]),
  });
  const created = await service.notify([request(ANNE), request(BRUNO, { idempotencyKey: 'old' })]);
  assert.equal(created.length, 1);
  const [push, ...more] = published;
  assert.ok(push !== undefined && more.length === 0, 'one push');
  assert.deepEqual(push.accountIds, [ANNE]);
  assert.equal(push.message.type, 'notification');
  const data = push.message.data as Record<string, unknown>;
  assert.equal(data['title'], 'Alerte : poids en hausse');
  assert.ok(!('recipientAccountId' in data));
});
