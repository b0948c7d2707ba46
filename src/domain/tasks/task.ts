import type { DataCategory } from '../access/data-category.ts';
import { isCareTeamRole, type CareTeamRole } from '../care-team/care-team-role.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';

export const TASK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses in which a task still asks for work; worklists show only these. */
const OPEN_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress'];

export const TASK_ORIGIN_KINDS = [
  'manual',
  'rule',
  'pathway',
  'referral',
  'transition',
  'questionnaire',
] as const;
export type TaskOriginKind = (typeof TASK_ORIGIN_KINDS)[number];

/**
 * Who must do the work: one practitioner, whoever holds a role in the patient's active care team
 * (resolved when read, so a new nurse inherits the nurse's tasks), or a hospital service's members.
 */
export type TaskAssignee =
  | { readonly kind: 'practitioner'; readonly practitionerId: string }
  | { readonly kind: 'care-team-role'; readonly role: CareTeamRole }
  | { readonly kind: 'service'; readonly organizationId: string };

/** Where the task comes from and, for system tasks, why in words ("HbA1c above target twice"). */
export interface TaskOrigin {
  readonly kind: TaskOriginKind;
  /** The originating object, e.g. a rule id or a referral id. */
  readonly ref: string | null;
  readonly explanation: string | null;
}

/** What the task is about (a referral, a result, a stay…), so the UI can link to it. */
export interface TaskSubject {
  readonly kind: string;
  readonly id: string;
}

/** A piece of care work, in a patient's context or none. */
export interface Task {
  readonly id: string;
  readonly patientId: string | null;
  readonly title: string;
  readonly details: string | null;
  readonly assignee: TaskAssignee;
  readonly priority: TaskPriority;
  readonly dueAt: Date | null;
  readonly status: TaskStatus;
  readonly origin: TaskOrigin;
  readonly about: TaskSubject | null;
  /** The practitioner who took a role or service task for themself. */
  readonly claimedBy: string | null;
  readonly createdByAccountId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
  readonly closedBy: string | null;
  readonly cancelReason: string | null;
  /** Set for system tasks: the same key never creates a second task. */
  readonly idempotencyKey: string | null;
  /** Bumped by every change, so two people changing the same task cannot overwrite each other. */
  readonly version: number;
}

/**
 * The sensitive category of a task, from where it comes: a questionnaire's follow-up speaks of mental
 * health (as its journal event does), so a patient's restriction of that category hides it too.
 */
export function taskCategory(task: Pick<Task, 'origin'>): DataCategory | null {
  return task.origin.kind === 'questionnaire' ? 'mental-health' : null;
}

/** What a professional or another context asks for when creating a task. */
export interface NewTask {
  readonly patientId: string | null;
  readonly title: string;
  readonly details: string | null;
  readonly assignee: TaskAssignee;
  readonly priority: TaskPriority;
  readonly dueAt: Date | null;
  readonly about: TaskSubject | null;
}

/** A task created by another context (rule, pathway, referral…): origin explained, idempotent by key. */
export interface SystemTaskCommand extends NewTask {
  readonly origin: TaskOrigin;
  readonly idempotencyKey: string;
}

/** A change to an existing task; comments are kept apart (they do not change the task's state). */
export type TaskChange =
  | { readonly kind: 'claim' }
  | { readonly kind: 'start' }
  | { readonly kind: 'complete' }
  | { readonly kind: 'cancel'; readonly reason: string }
  | { readonly kind: 'reassign'; readonly assignee: TaskAssignee };

export const LIMITS = {
  title: 200,
  details: 4000,
  explanation: 500,
  ref: 200,
  idempotencyKey: 200,
  cancelReason: 500,
  comment: 2000,
} as const;
const SUBJECT_KIND = /^[a-z][a-z-]{1,39}$/;

/**
 * Checks a new task and, for system tasks, its origin and key. Error: `invalid-input` naming every
 * problem (a role needs a patient; a system task explains itself; lengths).
 */
export function validateNewTask(task: NewTask, origin: TaskOrigin, idempotencyKey: string | null): void {
  const problems: string[] = [];
  const checkLength = (field: string, value: string | null, max: number, required: boolean): void => {
    if (value === null) {
      if (required) problems.push(`${field} is required`);
    } else if (value.trim().length === 0) problems.push(`${field} must not be blank`);
    else if (value.length > max) problems.push(`${field} is longer than ${max} characters`);
  };
  checkLength('title', task.title, LIMITS.title, true);
  checkLength('details', task.details, LIMITS.details, false);
  problems.push(...assigneeProblems(task.assignee, task.patientId));
  if (task.dueAt !== null && Number.isNaN(task.dueAt.getTime())) problems.push('dueAt is not a date');
  if (task.about !== null) {
    if (!SUBJECT_KIND.test(task.about.kind)) problems.push(`about.kind "${task.about.kind}" is not a kind`);
    checkLength('about.id', task.about.id, LIMITS.ref, true);
  }
  const system = origin.kind !== 'manual';
  if (system !== (idempotencyKey !== null)) {
    problems.push(system ? 'a system task needs an idempotency key' : 'a manual task has no idempotency key');
  }
  checkLength('origin.explanation', origin.explanation, LIMITS.explanation, system);
  checkLength('origin.ref', origin.ref, LIMITS.ref, false);
  checkLength('idempotencyKey', idempotencyKey, LIMITS.idempotencyKey, false);
  if (problems.length > 0)
    throw new DomainError('invalid-input', `invalid task: ${problems.join('; ')}`, problems);
}

/** Checks an assignee for a task of `patientId`. Error: `invalid-input` (a role needs a patient). */
export function validateAssignee(assignee: TaskAssignee, patientId: string | null): void {
  const problems = assigneeProblems(assignee, patientId);
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
}

function assigneeProblems(assignee: TaskAssignee, patientId: string | null): string[] {
  const problems: string[] = [];
  if (patientId !== null && !isUuid(patientId)) problems.push('patientId is not a UUID');
  switch (assignee.kind) {
    case 'practitioner':
      if (!isUuid(assignee.practitionerId)) problems.push('assignee.practitionerId is not a UUID');
      break;
    case 'service':
      if (!isUuid(assignee.organizationId)) problems.push('assignee.organizationId is not a UUID');
      break;
    case 'care-team-role': {
      const role: string = assignee.role; // typed, but it may come from an untyped caller
      if (!isCareTeamRole(role)) problems.push(`"${role}" is not a care-team role`);
      if (patientId === null) problems.push('a task for a care-team role needs a patient');
      break;
    }
  }
  return problems;
}

/** The statuses each change may start from; done and cancelled are final. */
const ALLOWED_FROM: Readonly<Record<TaskChange['kind'], readonly TaskStatus[]>> = {
  claim: OPEN_STATUSES,
  start: ['todo'],
  complete: OPEN_STATUSES,
  cancel: OPEN_STATUSES,
  reassign: OPEN_STATUSES,
};

/** Whether `change` may apply to a task in `status` (the policy also asks this, to offer only what works). */
export function changeAllowedFrom(change: TaskChange['kind'], status: TaskStatus): boolean {
  return ALLOWED_FROM[change].includes(status);
}

/**
 * Applies a change by a practitioner at `at` and returns the new state (same version: the store bumps
 * it). Errors: `conflict` when the status does not allow the change, `invalid-input` for a blank or
 * long cancel reason.
 */
export function applyTaskChange(
  task: Task,
  change: TaskChange,
  // null: the system closes the task (its reason is gone), nobody in particular.
  by: { readonly practitionerId: string | null; readonly at: Date },
): Task {
  if (!changeAllowedFrom(change.kind, task.status)) {
    throw new DomainError(
      'conflict',
      `the task is ${task.status.replace('_', ' ')}: it cannot be ${PAST[change.kind]}`,
    );
  }
  const touched = { ...task, updatedAt: by.at };
  const groupTask = task.assignee.kind !== 'practitioner';
  switch (change.kind) {
    case 'claim':
      if (!groupTask) throw new DomainError('conflict', 'a task assigned to one practitioner is not claimed');
      if (task.claimedBy === by.practitionerId)
        throw new DomainError('conflict', 'you have already taken this task');
      return { ...touched, claimedBy: by.practitionerId };
    case 'start':
      // Starting a role or service task takes it, so colleagues see someone is on it.
      return {
        ...touched,
        status: 'in_progress',
        claimedBy: groupTask ? (task.claimedBy ?? by.practitionerId) : null,
      };
    case 'complete':
      return { ...touched, status: 'done', closedAt: by.at, closedBy: by.practitionerId };
    case 'cancel': {
      const reason = change.reason.trim();
      if (reason.length === 0) throw new DomainError('invalid-input', 'say why the task is cancelled');
      if (reason.length > LIMITS.cancelReason) {
        throw new DomainError('invalid-input', `the reason is longer than ${LIMITS.cancelReason} characters`);
      }
      return {
        ...touched,
        status: 'cancelled',
        closedAt: by.at,
        closedBy: by.practitionerId,
        cancelReason: reason,
      };
    }
    case 'reassign':
      // A new assignee starts afresh: nobody has claimed it yet.
      return { ...touched, assignee: change.assignee, status: 'todo', claimedBy: null };
  }
}

const PAST: Readonly<Record<TaskChange['kind'], string>> = {
  claim: 'claimed',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
  reassign: 'reassigned',
};
