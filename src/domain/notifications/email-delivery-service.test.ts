import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainEvent } from '../journal/domain-event.ts';
import { createEmailDelivery } from './email-delivery-service.ts';
import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from './email-retry.ts';
import type { EmailMessage } from './notification-email.ts';
import type { DueEmail, EmailOutbox } from './notification-ports.ts';

const NOW = new Date('2026-01-15T07:00:00Z');

/** An outbox that hands out the given e-mails once and records what delivery writes back. */
function fakeOutbox(due: DueEmail[]) {
  const calls: { call: string; accountId: string; ids: readonly string[]; at?: Date; event?: DomainEvent }[] =
    [];
  const outbox: EmailOutbox = {
    claimDue: (now, leaseUntil) => {
      assert.equal(now.getTime(), NOW.getTime());
      assert.ok(leaseUntil > now, 'claimed rows are leased into the future');
      return Promise.resolve(due.splice(0));
    },
    markSent: (accountId, ids, event) => {
      calls.push({ call: 'sent', accountId, ids, event });
      return Promise.resolve();
    },
    retryLater: (accountId, ids, at) => {
      calls.push({ call: 'retry', accountId, ids, at });
      return Promise.resolve();
    },
    giveUp: (accountId, ids, _error, event) => {
      calls.push({ call: 'give-up', accountId, ids, event });
      return Promise.resolve();
    },
  };
  return { outbox, calls };
}

function due(
  accountId: string,
  attempts: number,
  titles: string[],
  address: string | null = `${accountId}@example.org`,
): DueEmail {
  return {
    accountId,
    emailAddress: address,
    locale: 'fr',
    detailLevel: 'minimal',
    items: titles.map((title, n) => ({ id: `${accountId}-${n}`, title, urgency: 'normal', attempts })),
  };
}

function deliveryWith(outbox: EmailOutbox, send: (message: EmailMessage) => Promise<void>) {
  let ids = 0;
  return createEmailDelivery({
    outbox,
    mailer: { send },
    clock: () => NOW,
    newId: () => `event-${(ids += 1)}`,
    publicUrl: 'https://relais.example/app-root-ignored',
  });
}

test('one e-mail per recipient, counting that recipient’s items, linking to the public address', async () => {
  const { outbox, calls } = fakeOutbox([due('anne', 0, ['a', 'b', 'c']), due('bruno', 0, ['d'])]);
  const sent: EmailMessage[] = [];
  const report = await deliveryWith(outbox, (message) => {
    sent.push(message);
    return Promise.resolve();
  }).deliverDue();
  assert.deepEqual(report, { sent: 2, retried: 0, abandoned: 0 });
  assert.deepEqual(
    sent.map((m) => [m.to, m.subject]),
    [
      ['anne@example.org', 'Relais : 3 nouveaux éléments'],
      ['bruno@example.org', 'Relais : 1 nouvel élément'],
    ],
  );
  assert.match(sent[0]?.text ?? '', /^https:\/\/relais\.example\/notifications$/m);
  assert.deepEqual(
    calls.map((c) => [c.call, c.accountId, c.ids.length, c.event?.type]),
    [
      ['sent', 'anne', 3, 'notification.emailed'],
      ['sent', 'bruno', 1, 'notification.emailed'],
    ],
  );
  assert.deepEqual(calls[0]?.event?.payload, { recipientAccountId: 'anne', count: 3 });
});

test('a refused e-mail is retried with a growing delay, then given up after the last attempt', async () => {
  const failing = () => Promise.reject(new Error('421 4.3.2 Service not available\r\nclosing'));
  const first = fakeOutbox([due('anne', 0, ['a'])]);
  assert.deepEqual(await deliveryWith(first.outbox, failing).deliverDue(), {
    sent: 0,
    retried: 1,
    abandoned: 0,
  });
  assert.equal(first.calls[0]?.at?.getTime(), NOW.getTime() + 60_000, 'first retry after a minute');

  const fourth = fakeOutbox([due('anne', 3, ['a'])]);
  await deliveryWith(fourth.outbox, failing).deliverDue();
  assert.equal(fourth.calls[0]?.at?.getTime(), NOW.getTime() + 8 * 60_000, 'then 2, 4, 8 minutes…');

  const last = fakeOutbox([due('anne', MAX_EMAIL_ATTEMPTS - 1, ['a', 'b'])]);
  assert.deepEqual(await deliveryWith(last.outbox, failing).deliverDue(), {
    sent: 0,
    retried: 0,
    abandoned: 1,
  });
  assert.deepEqual(
    last.calls.map((c) => [c.call, c.event?.type]),
    [['give-up', 'notification.email-failed']],
  );
  assert.equal(retryDelayMs(30), 6 * 60 * 60_000, 'never more than six hours apart');
});

test('an address removed after the claim gives the e-mail up without sending', async () => {
  const { outbox, calls } = fakeOutbox([due('anne', 0, ['a'], null)]);
  let sends = 0;
  const report = await deliveryWith(outbox, () => {
    sends += 1;
    return Promise.resolve();
  }).deliverDue();
  assert.deepEqual(report, { sent: 0, retried: 0, abandoned: 1 });
  assert.equal(sends, 0);
  assert.equal(calls[0]?.call, 'give-up');
});
