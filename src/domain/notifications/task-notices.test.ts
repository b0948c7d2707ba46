import assert from 'node:assert/strict';
import { test } from 'node:test';
import { taskHandoverNotices, type TaskAudience } from './task-notices.ts';

const task: TaskAudience = {
  taskId: '11111111-1111-4111-8111-111111111111',
  patientId: '22222222-2222-4222-8222-222222222222',
  priority: 'urgent',
  accountIds: ['a-nurse-1', 'a-nurse-2', 'a-gp'],
};

test('a handover notifies every account of the assignee but the one who handed it over', () => {
  const notices = taskHandoverNotices({ id: 'e1', actorAccountId: 'a-gp' }, task);
  assert.deepEqual(
    notices.map((n) => n.recipientAccountId),
    ['a-nurse-1', 'a-nurse-2'],
  );
  assert.ok(notices.every((n) => n.urgency === 'urgent' && n.kind === 'task-assigned'));
  assert.ok(notices.every((n) => n.idempotencyKey === 'task-handover:e1'));
  assert.equal(notices[0]?.link, `/worklist?task=${task.taskId}`);
});

test('a handover notice names neither the patient nor the task, and a normal task is not urgent', () => {
  const [notice] = taskHandoverNotices({ id: 'e2', actorAccountId: null }, { ...task, priority: 'normal' });
  assert.equal(notice?.urgency, 'normal');
  assert.equal(notice.title, 'Nouvelle tâche');
  assert.doesNotMatch(`${notice.title} ${notice.body}`, /2222|1111/);
});
