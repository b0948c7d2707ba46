import type { NotificationRequest } from './notification.ts';

/** The journal events that put a task in someone's hands. */
export const TASK_HANDOVER_EVENTS: readonly string[] = ['task.created', 'task.assigned'];

/** A task as its notices need it: who must act on it now, and how urgent it is. */
export interface TaskAudience {
  readonly taskId: string;
  readonly patientId: string | null;
  readonly priority: 'urgent' | 'high' | 'normal' | 'low';
  /** The accounts of the assignee: the practitioner, the role holders in the care team, the service. */
  readonly accountIds: readonly string[];
}

/**
 * The notifications a task handover sends: one per account that must now act on it, except whoever
 * handed it over. The text names neither the patient nor the task (its title is free text that may
 * hold a name); the link opens the worklist, where access is checked. Keyed by event and recipient,
 * so a replayed event sends nothing twice.
 */
export function taskHandoverNotices(
  event: { readonly id: string; readonly actorAccountId: string | null },
  task: TaskAudience,
): NotificationRequest[] {
  const urgent = task.priority === 'urgent';
  return task.accountIds
    .filter((accountId) => accountId !== event.actorAccountId)
    .map((accountId) => ({
      idempotencyKey: `task-handover:${event.id}`,
      recipientAccountId: accountId,
      kind: 'task-assigned',
      urgency: urgent ? 'urgent' : 'normal',
      patientId: task.patientId,
      link: `/worklist?task=${task.taskId}`,
      title: urgent ? 'Nouvelle tâche urgente' : 'Nouvelle tâche',
      body: 'Une tâche vous a été confiée : elle est dans votre liste de travail.',
    }));
}
