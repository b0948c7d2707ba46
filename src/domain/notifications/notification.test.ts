import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateNotificationRequest, type NotificationRequest } from './notification.ts';

const valid: NotificationRequest = {
  idempotencyKey: 'tasks:event-42:assigned',
  recipientAccountId: '0b5f4f4e-58c4-4bd4-9d34-0c7a5fe3a2a1',
  kind: 'task-assigned',
  urgency: 'normal',
  patientId: '7f0d3b6c-2f7e-4c1e-9a57-5c3f0a3b9e10',
  link: '/patients/7f0d3b6c-2f7e-4c1e-9a57-5c3f0a3b9e10',
  title: 'Nouvelle tâche : rappeler le patient',
  body: '',
};

const refused = (overrides: Partial<NotificationRequest>, pattern: RegExp) =>
  assert.throws(
    () => validateNotificationRequest({ ...valid, ...overrides }),
    (error: Error & { code?: string }) => error.code === 'invalid-input' && pattern.test(error.message),
  );

test('a well-formed request passes', () => {
  assert.doesNotThrow(() => validateNotificationRequest(valid));
});

test('links stay inside the app', () => {
  refused({ link: 'https://evil.example/phish' }, /link/);
  refused({ link: '//evil.example' }, /link/);
  refused({ link: 'javascript:alert(1)' }, /link/);
  refused({ link: '/patients/"><script>' }, /link/);
  assert.doesNotThrow(() => validateNotificationRequest({ ...valid, link: '/worklist?filter=overdue' }));
});

test('kind, urgency, ids, key, title and body are checked', () => {
  refused({ kind: 'gossip' as 'message' }, /kind must be one of task-assigned/);
  refused({ urgency: 'whenever' as 'normal' }, /urgency/);
  refused({ recipientAccountId: 'someone' }, /recipientAccountId/);
  refused({ patientId: '42' }, /patientId/);
  refused({ idempotencyKey: '' }, /idempotencyKey/);
  refused({ title: '   ' }, /title/);
  refused({ title: 'two\nlines' }, /title/);
  refused({ title: 'x'.repeat(201) }, /title/);
  refused({ body: 'x'.repeat(1001) }, /body/);
});
