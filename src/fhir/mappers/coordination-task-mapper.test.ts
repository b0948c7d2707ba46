import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task as FhirTask } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { TASK_PRIORITIES, TASK_STATUSES, type Task } from '../../domain/tasks/task.ts';
import { coordinationTaskToFhir, newTaskFromFhir } from './coordination-task-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const task: Task = {
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  patientId: '6ed68d56-df56-4c50-8c49-1da0a80166eb',
  title: 'Rappeler la patiente pour le bilan',
  details: 'Bilan sanguin avant la consultation de cardiologie',
  assignee: { kind: 'practitioner', practitionerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
  priority: 'high',
  dueAt: new Date('2026-12-10T17:00:00.000Z'),
  status: 'todo',
  origin: { kind: 'manual', ref: null, explanation: null },
  about: null,
  claimedBy: null,
  createdByAccountId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
  createdAt: new Date('2026-12-01T09:00:00.000Z'),
  updatedAt: new Date('2026-12-02T10:00:00.000Z'),
  closedAt: null,
  closedBy: null,
  cancelReason: null,
  idempotencyKey: null,
  version: 1,
};

const refusalAt = (resource: FhirTask, path: string) =>
  assert.throws(
    () => newTaskFromFhir(resource),
    (error: unknown) =>
      error instanceof DomainError &&
      error.code === 'invalid-input' &&
      error.details.some((detail) => detail.startsWith(path)),
    path,
  );

describe('coordination Task mapper', () => {
  it('writes a task as a valid R4 Task: description, patient, owner, priority, due instant, note', () => {
    const fhir = coordinationTaskToFhir(task);
    assertValidR4(fhir);
    assert.equal(fhir.status, 'ready');
    assert.equal(fhir.intent, 'order');
    assert.equal(fhir.priority, 'asap');
    assert.equal(fhir.description, task.title);
    assert.deepEqual(fhir.for, { reference: `Patient/${task.patientId ?? ''}` });
    assert.deepEqual(fhir.owner, { reference: 'Practitioner/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' });
    assert.deepEqual(fhir.restriction, { period: { end: '2026-12-10T17:00:00.000Z' } });
    assert.deepEqual(fhir.note, [{ text: task.details }]);
    assert.equal(fhir.meta?.lastUpdated, '2026-12-02T10:00:00.000Z');
  });

  it('reads back what it writes (a new task: open, any priority FHIR can tell apart)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TASK_PRIORITIES.filter((priority) => priority !== 'low')),
        fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })),
        fc.option(
          fc.string({ minLength: 1, maxLength: 50 }).filter((text) => text.trim() === text && text !== ''),
        ),
        fc.constantFrom<Task['assignee']>(
          { kind: 'practitioner', practitionerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
          { kind: 'service', organizationId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f' },
        ),
        (priority, dueAt, details, assignee) => {
          const original = { ...task, priority, dueAt, details, assignee };
          const fhir = coordinationTaskToFhir(original);
          assertValidR4(fhir);
          assert.deepEqual(newTaskFromFhir(fhir), {
            patientId: original.patientId,
            title: original.title,
            details,
            assignee,
            priority,
            dueAt,
            about: null,
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('emits valid R4 for every status, a role task, a claimed service task and a system task', () => {
    for (const status of TASK_STATUSES) assertValidR4(coordinationTaskToFhir({ ...task, status }));
    const role = coordinationTaskToFhir({ ...task, assignee: { kind: 'care-team-role', role: 'nurse' } });
    assertValidR4(role);
    assert.equal(role.owner, undefined);
    assert.deepEqual(role.performerType, [{ text: 'nurse' }]);
    const claimed = coordinationTaskToFhir({
      ...task,
      assignee: { kind: 'service', organizationId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f' },
      claimedBy: 'd4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a',
    });
    assert.deepEqual(claimed.owner, { reference: 'Practitioner/d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a' });
    const cancelled = coordinationTaskToFhir({
      ...task,
      status: 'cancelled',
      cancelReason: 'Fait en consultation',
      origin: { kind: 'rule', ref: 'r1', explanation: 'HbA1c au-dessus de la cible' },
      patientId: null,
      priority: 'low',
    });
    assertValidR4(cancelled);
    assert.deepEqual(cancelled.statusReason, { text: 'Fait en consultation' });
    assert.deepEqual(cancelled.reasonCode, { text: 'HbA1c au-dessus de la cible' });
    assert.equal(cancelled.priority, 'routine');
    assert.equal(cancelled.for, undefined);
  });

  it('refuses by path what a new task cannot be', () => {
    const fhir = coordinationTaskToFhir(task);
    refusalAt({ ...fhir, intent: 'plan' }, 'Task.intent');
    refusalAt({ ...fhir, status: 'completed' }, 'Task.status');
    refusalAt({ ...fhir, description: ' ' }, 'Task.description');
    refusalAt({ ...fhir, for: { reference: 'Group/1' } }, 'Task.for.reference');
    refusalAt({ ...fhir, owner: { reference: 'Patient/1' } }, 'Task.owner.reference');
    const ownerless = { ...fhir };
    delete ownerless.owner;
    refusalAt(ownerless, 'Task.owner.reference');
    refusalAt({ ...fhir, restriction: { period: { end: '2026-12-10' } } }, 'Task.restriction.period.end');
    refusalAt({ ...fhir, note: [{ text: 'a' }, { text: 'b' }] }, 'Task.note');
    refusalAt({ ...fhir, focus: { reference: 'ServiceRequest/1' } }, 'Task.focus');
    refusalAt(
      { ...fhir, modifierExtension: [{ url: 'https://example.org/x', valueBoolean: true }] },
      'Task.modifierExtension',
    );
  });
});
