import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../shared/domain-error.ts';
import {
  applyTaskChange,
  TASK_STATUSES,
  validateNewTask,
  type NewTask,
  type Task,
  type TaskChange,
} from './task.ts';

const PATIENT = '11111111-1111-4111-8111-111111111111';
const ME = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const AT = new Date('2026-03-10T09:00:00Z');

const manual = { kind: 'manual', ref: null, explanation: null } as const;
const rule = {
  kind: 'rule',
  ref: 'hba1c-twice',
  explanation: 'HbA1c au-dessus de la cible deux fois',
} as const;

function newTask(overrides: Partial<NewTask> = {}): NewTask {
  return {
    patientId: PATIENT,
    title: 'Appeler le patient',
    details: null,
    assignee: { kind: 'care-team-role', role: 'nurse' },
    priority: 'normal',
    dueAt: null,
    about: null,
    ...overrides,
  };
}

function task(overrides: Partial<Task> = {}): Task {
  return {
    ...newTask(),
    id: '44444444-4444-4444-8444-444444444444',
    status: 'todo',
    origin: manual,
    claimedBy: null,
    createdByAccountId: null,
    createdAt: AT,
    updatedAt: AT,
    closedAt: null,
    closedBy: null,
    cancelReason: null,
    idempotencyKey: null,
    version: 1,
    ...overrides,
  };
}

function problemsOf(run: () => void): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, 'invalid-input');
    return error.details;
  }
  return [];
}

test('a well-formed manual task and a well-formed system task pass', () => {
  validateNewTask(newTask(), manual, null);
  validateNewTask(newTask(), rule, 'rule:hba1c-twice:event-1');
});

test('a new task is refused with every problem named', () => {
  const problems = problemsOf(() =>
    validateNewTask(
      newTask({
        patientId: null,
        title: '   ',
        assignee: { kind: 'care-team-role', role: 'surgeon' as 'nurse' },
        about: { kind: 'Referral!', id: 'x' },
      }),
      manual,
      null,
    ),
  );
  assert.deepEqual(problems, [
    'title must not be blank',
    '"surgeon" is not a care-team role',
    'a task for a care-team role needs a patient',
    'about.kind "Referral!" is not a kind',
  ]);
  assert.deepEqual(
    problemsOf(() =>
      validateNewTask(newTask({ assignee: { kind: 'practitioner', practitionerId: 'me' } }), manual, null),
    ),
    ['assignee.practitionerId is not a UUID'],
  );
  assert.deepEqual(
    problemsOf(() => validateNewTask(newTask({ title: 'x'.repeat(201) }), manual, null)),
    ['title is longer than 200 characters'],
  );
});

test('a system task must explain itself and carry a key; a manual task carries none', () => {
  assert.deepEqual(
    problemsOf(() => validateNewTask(newTask(), { ...rule, explanation: null }, 'k')),
    ['origin.explanation is required'],
  );
  assert.deepEqual(
    problemsOf(() => validateNewTask(newTask(), rule, null)),
    ['a system task needs an idempotency key'],
  );
  assert.deepEqual(
    problemsOf(() => validateNewTask(newTask(), manual, 'k')),
    ['a manual task has no idempotency key'],
  );
});

/** What each change does from each status: a new status, or the error code it raises. */
const EXPECTED: Readonly<Record<TaskChange['kind'], Readonly<Record<Task['status'], string>>>> = {
  claim: { todo: 'todo', in_progress: 'in_progress', done: 'conflict', cancelled: 'conflict' },
  start: { todo: 'in_progress', in_progress: 'conflict', done: 'conflict', cancelled: 'conflict' },
  complete: { todo: 'done', in_progress: 'done', done: 'conflict', cancelled: 'conflict' },
  cancel: { todo: 'cancelled', in_progress: 'cancelled', done: 'conflict', cancelled: 'conflict' },
  reassign: { todo: 'todo', in_progress: 'todo', done: 'conflict', cancelled: 'conflict' },
};

const CHANGES: readonly TaskChange[] = [
  { kind: 'claim' },
  { kind: 'start' },
  { kind: 'complete' },
  { kind: 'cancel', reason: 'patient hospitalisé' },
  { kind: 'reassign', assignee: { kind: 'practitioner', practitionerId: OTHER } },
];

test('only the allowed transitions happen; done and cancelled are final', () => {
  for (const change of CHANGES) {
    for (const status of TASK_STATUSES) {
      const expected = EXPECTED[change.kind][status];
      const run = () => applyTaskChange(task({ status }), change, { practitionerId: ME, at: AT });
      if (expected === 'conflict') {
        assert.throws(
          run,
          (error: unknown) => error instanceof DomainError && error.code === 'conflict',
          `${change.kind} from ${status}`,
        );
      } else {
        assert.equal(run().status, expected, `${change.kind} from ${status}`);
      }
    }
  }
});

test('completing and cancelling record who closed it and when; cancelling needs a reason', () => {
  const later = new Date('2026-03-11T10:00:00Z');
  const done = applyTaskChange(task(), { kind: 'complete' }, { practitionerId: ME, at: later });
  assert.deepEqual([done.closedAt, done.closedBy, done.updatedAt, done.version], [later, ME, later, 1]);
  const cancelled = applyTaskChange(
    task(),
    { kind: 'cancel', reason: '  doublon  ' },
    { practitionerId: ME, at: later },
  );
  assert.equal(cancelled.cancelReason, 'doublon');
  assert.throws(
    () => applyTaskChange(task(), { kind: 'cancel', reason: '  ' }, { practitionerId: ME, at: later }),
    /say why the task is cancelled/,
  );
});

test('claiming takes a group task; starting takes it too; reassigning frees it', () => {
  const claimed = applyTaskChange(task(), { kind: 'claim' }, { practitionerId: ME, at: AT });
  assert.equal(claimed.claimedBy, ME);
  assert.throws(
    () => applyTaskChange(claimed, { kind: 'claim' }, { practitionerId: ME, at: AT }),
    /already taken/,
  );
  assert.equal(
    applyTaskChange(claimed, { kind: 'claim' }, { practitionerId: OTHER, at: AT }).claimedBy,
    OTHER,
  );
  assert.equal(applyTaskChange(task(), { kind: 'start' }, { practitionerId: ME, at: AT }).claimedBy, ME);
  const personal = task({ assignee: { kind: 'practitioner', practitionerId: ME } });
  assert.throws(
    () => applyTaskChange(personal, { kind: 'claim' }, { practitionerId: ME, at: AT }),
    /not claimed/,
  );
  assert.equal(applyTaskChange(personal, { kind: 'start' }, { practitionerId: ME, at: AT }).claimedBy, null);
  const reassigned = applyTaskChange(
    { ...claimed, status: 'in_progress' },
    { kind: 'reassign', assignee: { kind: 'service', organizationId: OTHER } },
    { practitionerId: ME, at: AT },
  );
  assert.deepEqual(
    [reassigned.status, reassigned.claimedBy, reassigned.assignee.kind],
    ['todo', null, 'service'],
  );
});
