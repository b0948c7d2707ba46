/** The kinds of change the journal records, named `<thing>.<past-tense verb>`. */
export type EventType =
  | 'patient.registered'
  | 'care-team.member-added'
  | 'condition.recorded'
  | 'medication.recorded'
  | 'allergy.recorded'
  | 'result.recorded'
  | 'document.added'
  | 'appointment.booked'
  | 'notification.created'
  | 'notification.read'
  | 'notification.emailed'
  | 'notification.email-failed'
  | 'notification-settings.changed'
  | 'task.created'
  | 'task.assigned'
  | 'task.claimed'
  | 'task.started'
  | 'task.completed'
  | 'task.cancelled'
  | 'task.commented'
  | 'questionnaire.completed';

/** A change, written in the same transaction as the state it describes; the timeline reads these. */
export interface DomainEvent {
  readonly id: string;
  readonly type: EventType;
  readonly patientId: string | null;
  readonly actorAccountId: string | null;
  readonly occurredAt: Date;
  /** What changed, enough for the timeline to say it in words. */
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
}
