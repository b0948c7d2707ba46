import type { Insertable, Selectable } from 'kysely';
import { isCareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { Task, TaskAssignee } from '../domain/tasks/task.ts';
import type { TasksTable } from './database-schema.ts';

/** The task columns a read needs (not the generated sort keys). */
export const TASK_COLUMNS = [
  'id',
  'patient_id',
  'title',
  'details',
  'assignee_kind',
  'assignee_practitioner_id',
  'assignee_role',
  'assignee_organization_id',
  'priority',
  'due_at',
  'status',
  'origin_kind',
  'origin_ref',
  'origin_explanation',
  'about_kind',
  'about_id',
  'claimed_by',
  'created_by_account_id',
  'created_at',
  'updated_at',
  'closed_at',
  'closed_by',
  'cancel_reason',
  'idempotency_key',
  'version',
] as const satisfies readonly (keyof TasksTable)[];

export type TaskRow = Pick<Selectable<TasksTable>, (typeof TASK_COLUMNS)[number]>;

/** All of a task's columns, for an insert. */
export function taskRow(task: Task): Insertable<TasksTable> {
  return {
    id: task.id,
    patient_id: task.patientId,
    title: task.title,
    details: task.details,
    priority: task.priority,
    due_at: task.dueAt,
    origin_kind: task.origin.kind,
    origin_ref: task.origin.ref,
    origin_explanation: task.origin.explanation,
    about_kind: task.about?.kind ?? null,
    about_id: task.about?.id ?? null,
    created_by_account_id: task.createdByAccountId,
    created_at: task.createdAt,
    idempotency_key: task.idempotencyKey,
    ...taskStateRow(task),
  };
}

/** The columns a change may alter (TaskChange: claim, start, complete, cancel, reassign). */
export function taskStateRow(task: Task) {
  const { assignee } = task;
  return {
    assignee_kind: assignee.kind,
    assignee_practitioner_id: assignee.kind === 'practitioner' ? assignee.practitionerId : null,
    assignee_role: assignee.kind === 'care-team-role' ? assignee.role : null,
    assignee_organization_id: assignee.kind === 'service' ? assignee.organizationId : null,
    status: task.status,
    claimed_by: task.claimedBy,
    updated_at: task.updatedAt,
    closed_at: task.closedAt,
    closed_by: task.closedBy,
    cancel_reason: task.cancelReason,
  };
}

export function taskOf(row: TaskRow): Task {
  return {
    id: row.id,
    patientId: row.patient_id,
    title: row.title,
    details: row.details,
    assignee: assigneeOf(row),
    priority: row.priority,
    dueAt: row.due_at,
    status: row.status,
    origin: { kind: row.origin_kind, ref: row.origin_ref, explanation: row.origin_explanation },
    about:
      row.about_kind === null || row.about_id === null ? null : { kind: row.about_kind, id: row.about_id },
    claimedBy: row.claimed_by,
    createdByAccountId: row.created_by_account_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    cancelReason: row.cancel_reason,
    idempotencyKey: row.idempotency_key,
    version: row.version,
  };
}

// The table's check constraint (tasks_assignee_shape) guarantees the column matching the kind is set.
function assigneeOf(row: TaskRow): TaskAssignee {
  if (row.assignee_kind === 'practitioner' && row.assignee_practitioner_id !== null) {
    return { kind: 'practitioner', practitionerId: row.assignee_practitioner_id };
  }
  if (row.assignee_kind === 'service' && row.assignee_organization_id !== null) {
    return { kind: 'service', organizationId: row.assignee_organization_id };
  }
  if (row.assignee_role !== null && isCareTeamRole(row.assignee_role)) {
    return { kind: 'care-team-role', role: row.assignee_role };
  }
  throw new Error(`task ${row.id} has an assignee the schema should have refused`);
}
