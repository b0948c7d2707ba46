import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { NewId } from '../shared/new-id.ts';
import type { Task, TaskChange } from './task.ts';

/** When, by whom (account and name) and how ids are made, for the events a task write appends. */
export interface TaskEventContext {
  readonly at: Date;
  readonly actorAccountId: string | null;
  /** The acting practitioner's name, so the timeline says who did it; null for the system. */
  readonly actorName: string | null;
  readonly newId: NewId;
}

const EVENT_OF_CHANGE: Readonly<Record<TaskChange['kind'], EventType>> = {
  claim: 'task.claimed',
  start: 'task.started',
  complete: 'task.completed',
  cancel: 'task.cancelled',
  reassign: 'task.assigned',
};

/**
 * The journal event of a new task: what, for whom, how urgent, from where and why, in words. Free
 * text beyond the title (details, comments, cancel reasons) stays out of the journal, which feeds
 * notifications.
 */
export function taskCreatedEvent(task: Task, assigneeLabel: string, context: TaskEventContext): DomainEvent {
  return eventOf('task.created', task, context, {
    assigneeKind: task.assignee.kind,
    assignee: assigneeLabel,
    priority: task.priority,
    dueAt: task.dueAt?.toISOString() ?? null,
    origin: task.origin.kind,
    explanation: task.origin.explanation,
    by: context.actorName,
  });
}

/** The journal event of a change; a reassignment names the new assignee. */
export function taskChangedEvent(
  task: Task,
  change: TaskChange,
  assigneeLabel: string | null,
  context: TaskEventContext,
): DomainEvent {
  const assigned =
    change.kind === 'reassign' ? { assigneeKind: change.assignee.kind, assignee: assigneeLabel } : {};
  return eventOf(EVENT_OF_CHANGE[change.kind], task, context, { ...assigned, by: context.actorName });
}

export function taskCommentedEvent(task: Task, context: TaskEventContext): DomainEvent {
  return eventOf('task.commented', task, context, { by: context.actorName });
}

function eventOf(
  type: EventType,
  task: Task,
  context: TaskEventContext,
  details: Readonly<Record<string, string | null>>,
): DomainEvent {
  return {
    id: context.newId(),
    type,
    patientId: task.patientId,
    actorAccountId: context.actorAccountId,
    occurredAt: context.at,
    payload: { taskId: task.id, title: task.title, ...details },
  };
}
