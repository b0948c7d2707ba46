/** The kinds of change the journal records, named `<thing>.<past-tense verb>`. */
export const EVENT_TYPES = [
  'patient.registered',
  'care-team.member-added',
  'condition.recorded',
  'medication.recorded',
  'allergy.recorded',
  'result.recorded',
  'document.added',
  'appointment.booked',
  'task.created',
  'task.assigned',
  'task.claimed',
  'task.started',
  'task.completed',
  'task.cancelled',
  'task.commented',
  // Nothing emits this one yet (scheduling will); rules already listen to it.
  'appointment.missed',
  'stay.discharged',
  'target.set',
  'rule.fired',
  'patient-alert.dismissed',
  'rule-set.saved',
  'rule.switched',
  'notification.created',
  'notification.read',
  'notification.emailed',
  'notification.email-failed',
  'notification-settings.changed',
  'questionnaire.completed',
  'referral.sent',
  'referral.accepted',
  'referral.declined',
  'referral.redirected',
  'referral.question-asked',
  'referral.question-answered',
  'referral.scheduled',
  'referral.patient-seen',
  'referral.reported',
  'referral.acknowledged',
  'referral.cancelled',
  'referral.overdue',
  'referral.escalated',
  'referral-sla.changed',
  'pathway.enrolled',
  'pathway.step-completed',
  'pathway.step-due',
  'pathway.rupture-detected',
  'pathway.step-skipped',
  'pathway.paused',
  'pathway.resumed',
  'pathway.ended',
  'stay.admitted',
  'stay.transferred',
  'stay.updated',
  'stay.admission-cancelled',
  'stay.discharge-cancelled',
  // Hospital transitions (issue 7, transitions part): the letter and reconciliation events the other
  // part emits (same names there), then the transition's own.
  'discharge-letter.received',
  'medication-reconciliation.confirmed',
  'transition.opened',
  'transition.item-added',
  'transition.item-completed',
  'transition.item-late',
  'transition.closed',
  'transition.cancelled',
  // ADT patient matching (issue 7): a hospital identifier tied to, or retired from, a patient.
  'hospital-id.linked',
  'hospital-id.unlinked',
  // Issue 7, discharge documents: the lettre de liaison, medication reconciliation, readmission risk
  // (received and confirmed are listed with the transitions above, which they complete).
  'discharge-letter.acknowledged',
  'medication-reconciliation.drafted',
  'medication.stopped',
  'readmission-risk.assessed',
  // Account security (issue 8): no patient, the account is the actor.
  'account.locked',
  'account.password-changed',
  'account.two-factor-enabled',
  // Break-the-glass (issue 8): a professional outside the team opened the record in an emergency.
  'access.break-glass',
  // Patient rights (issue 8): an identity corrected, with the values before and after.
  'patient.identity-rectified',
  // Consent and care-team membership (issue 8): the patient's sharing choices, and leaving the team.
  'sharing.objection-recorded',
  'sharing.objection-withdrawn',
  'sharing.restriction-set',
  'sharing.restriction-withdrawn',
  'sharing.consent-given',
  'sharing.consent-withdrawn',
  'care-team.member-left',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

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
