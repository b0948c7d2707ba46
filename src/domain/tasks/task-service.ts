import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import {
  taskChangedEvent,
  taskCommentedEvent,
  taskCreatedEvent,
  type TaskEventContext,
} from './task-events.ts';
import { requireProfessional, type OpenedTask, type TaskGate } from './task-gate.ts';
import type { TaskFactsSource, TaskStore } from './task-ports.ts';
import {
  applyTaskChange,
  LIMITS,
  validateAssignee,
  validateNewTask,
  type NewTask,
  type SystemTaskCommand,
  type Task,
  type TaskAssignee,
  type TaskChange,
  type TaskOrigin,
} from './task.ts';

const MANUAL: TaskOrigin = { kind: 'manual', ref: null, explanation: null };
type SystemOrigin = { readonly kind: Exclude<TaskOrigin['kind'], 'manual'>; readonly ref: string };
type SystemCloser = { readonly accountId: string; readonly practitionerId: string; readonly name: string };

/** Creating and changing tasks: by professionals through the gates, by other contexts idempotently. */
export function createTaskService(deps: {
  access: PatientAccess;
  gate: TaskGate;
  store: TaskStore;
  facts: TaskFactsSource;
  clock: Clock;
  newId: NewId;
}) {
  const { access, gate, store, facts, clock, newId } = deps;

  /** Each assignee in words. Error: `invalid-input` naming the ones that do not exist. */
  const labelsOf = async (assignees: readonly TaskAssignee[]): Promise<string[]> => {
    const labels = await facts.describeAssignees(assignees);
    const problems = assignees.flatMap((assignee, i) =>
      labels[i] === undefined ? [unknownAssignee(assignee)] : [],
    );
    if (problems.length > 0)
      throw new DomainError('invalid-input', [...new Set(problems)].join('; '), problems);
    return labels.map((label) => label ?? '');
  };

  const closeSystemTasks = async (
    origin: SystemOrigin,
    change: Extract<TaskChange, { kind: 'complete' | 'cancel' }>,
    by: SystemCloser | null,
  ): Promise<number> => {
    const open = await store.openByOrigin(origin.kind, origin.ref);
    const at = clock();
    let closed = 0;
    for (const task of open) {
      const next = applyTaskChange(task, change, { practitionerId: by?.practitionerId ?? null, at });
      const context = { at, actorAccountId: by?.accountId ?? null, actorName: by?.name ?? null, newId };
      if (await store.saveChange(next, taskChangedEvent(next, change, null, context))) closed += 1;
    }
    return closed;
  };

  const contextOf = (opened: OpenedTask): TaskEventContext => ({
    at: opened.at,
    actorAccountId: opened.principal.accountId,
    actorName: opened.viewer.name,
    newId,
  });

  return {
    /**
     * A professional creates a task; a patient task needs write access to the patient (care team).
     * Returns the new task (its state as stored). Errors: `invalid-input`, `forbidden`, `not-found` (patient).
     */
    async createTask(principal: Principal, input: NewTask, origin: RequestOrigin): Promise<Task> {
      const professional = requireProfessional(principal);
      validateNewTask(input, MANUAL, null);
      if (input.patientId !== null) {
        await access.open(principal, input.patientId, { action: 'write', resource: 'task' }, origin);
      }
      const [assigneeLabel = '', creatorName = null] = await labelsOf([
        input.assignee,
        { kind: 'practitioner', practitionerId: professional.practitionerId },
      ]);
      const at = clock();
      const task = newTaskState(newId(), input, MANUAL, null, principal.accountId, at);
      await store.insert(
        task,
        taskCreatedEvent(task, assigneeLabel, {
          at,
          actorAccountId: principal.accountId,
          actorName: creatorName,
          newId,
        }),
      );
      return task;
    },

    /**
     * A task the patient asks for from the portal (e.g. a correction of their data), created in their
     * name: a person asked (origin manual), for a role of their own care team. Returns the new id.
     * Errors: `forbidden` (not the patient of the scope), `invalid-input`.
     */
    async createPatientRequest(scope: PatientScope, input: NewTask): Promise<string> {
      if (scope.principal.kind !== 'patient' || input.patientId !== scope.patientId) {
        throw new DomainError('forbidden', 'a patient asks only about their own record');
      }
      validateNewTask(input, MANUAL, null);
      const [assigneeLabel = ''] = await labelsOf([input.assignee]);
      const at = clock();
      const accountId = scope.principal.accountId;
      const task = newTaskState(newId(), input, MANUAL, null, accountId, at);
      await store.insert(
        task,
        taskCreatedEvent(task, assigneeLabel, { at, actorAccountId: accountId, actorName: null, newId }),
      );
      return task.id;
    },

    /**
     * Creates tasks for another context (rule, pathway, referral, transition, questionnaire), all or
     * none. Idempotent: a command whose key exists creates nothing and answers the existing id.
     * Answers in input order. Error: `invalid-input` (manual origin, unexplained, unknown reference).
     */
    async createSystemTasks(
      commands: readonly SystemTaskCommand[],
    ): Promise<{ readonly id: string; readonly created: boolean }[]> {
      if (commands.length === 0) return [];
      for (const command of commands) {
        if (command.origin.kind === 'manual') {
          throw new DomainError(
            'invalid-input',
            'a system task comes from a rule, pathway, referral, transition or questionnaire',
          );
        }
        validateNewTask(command, command.origin, command.idempotencyKey);
      }
      const labels = await labelsOf(commands.map((command) => command.assignee));
      const at = clock();
      return store.insertIdempotent(
        commands.map((command, i) => {
          const task = newTaskState(newId(), command, command.origin, command.idempotencyKey, null, at);
          const event = taskCreatedEvent(task, labels[i] ?? '', {
            at,
            actorAccountId: null,
            actorName: null,
            newId,
          });
          return { task, event };
        }),
      );
    },

    /**
     * Completes the open tasks another context created about one of its objects, once their reason is
     * gone (a referral's overdue task when the referral moves on), in the name of whoever moved it, or
     * of nobody (`null`) when the system saw it happen (a letter received from the hospital).
     * A task changed meanwhile is left as it is. Returns how many were completed.
     */
    completeSystemTasks: (origin: SystemOrigin, by: SystemCloser | null): Promise<number> =>
      closeSystemTasks(origin, { kind: 'complete' }, by),

    /**
     * Cancels the open tasks another context created about one of its objects, when the object itself
     * is withdrawn (a transition whose discharge the hospital cancelled). Returns how many.
     */
    cancelSystemTasks: (origin: SystemOrigin, reason: string): Promise<number> =>
      closeSystemTasks(origin, { kind: 'cancel', reason }, null),

    /**
     * Claims, starts, completes, cancels (with a reason) or reassigns a task.
     * Errors: `forbidden`, `not-found`, `conflict` (status does not allow it, or changed meanwhile),
     * `invalid-input` (blank reason, unknown assignee).
     */
    async changeTask(
      principal: Principal,
      taskId: string,
      change: TaskChange,
      origin: RequestOrigin,
    ): Promise<void> {
      const opened = await gate.open(principal, taskId, change.kind, origin);
      let assigneeLabel: string | null = null;
      if (change.kind === 'reassign') {
        validateAssignee(change.assignee, opened.task.patientId);
        [assigneeLabel = null] = await labelsOf([change.assignee]);
      }
      const updated = applyTaskChange(opened.task, change, {
        practitionerId: opened.viewer.practitionerId,
        at: opened.at,
      });
      const saved = await store.saveChange(
        updated,
        taskChangedEvent(updated, change, assigneeLabel, contextOf(opened)),
      );
      if (!saved) {
        throw new DomainError(
          'conflict',
          'someone else changed this task meanwhile: reload it and try again',
        );
      }
    },

    /** Adds a comment; returns its id. Errors: `forbidden`, `not-found`, `invalid-input` (blank, too long). */
    async commentTask(
      principal: Principal,
      taskId: string,
      text: string,
      origin: RequestOrigin,
    ): Promise<string> {
      const body = text.trim();
      if (body.length === 0) throw new DomainError('invalid-input', 'the comment is empty');
      if (body.length > LIMITS.comment) {
        throw new DomainError('invalid-input', `the comment is longer than ${LIMITS.comment} characters`);
      }
      const opened = await gate.open(principal, taskId, 'comment', origin);
      const id = newId();
      await store.addComment(
        { id, taskId, authorPractitionerId: opened.viewer.practitionerId, text: body, at: opened.at },
        taskCommentedEvent(opened.task, contextOf(opened)),
      );
      return id;
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;

function newTaskState(
  id: string,
  input: NewTask,
  origin: TaskOrigin,
  idempotencyKey: string | null,
  createdByAccountId: string | null,
  at: Date,
): Task {
  const details = input.details?.trim() ?? '';
  return {
    id,
    patientId: input.patientId,
    title: input.title.trim(),
    details: details === '' ? null : details,
    assignee: input.assignee,
    priority: input.priority,
    dueAt: input.dueAt,
    status: 'todo',
    origin,
    about: input.about,
    claimedBy: null,
    createdByAccountId,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedBy: null,
    cancelReason: null,
    idempotencyKey,
    version: 1,
  };
}

function unknownAssignee(assignee: TaskAssignee): string {
  switch (assignee.kind) {
    case 'practitioner':
      return `no practitioner with id ${assignee.practitionerId}`;
    case 'service':
      return `no hospital service with id ${assignee.organizationId}`;
    case 'care-team-role':
      return `"${assignee.role}" is not a care-team role`;
  }
}
