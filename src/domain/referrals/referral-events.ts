import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { NewId } from '../shared/new-id.ts';
import type { ReferralStage } from './referral-sla.ts';
import type { Referral, ReferralAction, ReferralActionKind } from './referral.ts';

/** When, by whom and how ids are made, with the names the timeline shows. */
export interface ReferralEventContext {
  readonly at: Date;
  readonly actorAccountId: string | null;
  /** The acting professional's name; null for the system (the SLA job). */
  readonly actorName: string | null;
  /** The target in words after the change (a name, a service, a specialty). */
  readonly targetLabel: string;
  readonly performerName: string | null;
  readonly newId: NewId;
}

export const EVENT_OF_ACTION: Readonly<Record<ReferralActionKind, EventType>> = {
  accept: 'referral.accepted',
  decline: 'referral.declined',
  redirect: 'referral.redirected',
  ask: 'referral.question-asked',
  answer: 'referral.question-answered',
  schedule: 'referral.scheduled',
  'mark-seen': 'referral.patient-seen',
  report: 'referral.reported',
  acknowledge: 'referral.acknowledged',
  cancel: 'referral.cancelled',
};

type Payload = DomainEvent['payload'];

/** The event of a referral just sent. */
export function referralSentEvent(referral: Referral, context: ReferralEventContext): DomainEvent {
  return eventOf('referral.sent', referral, context, {
    liaisonLetter: referral.liaisonLetter !== null,
    attachments: referral.attachedResultIds.length + referral.attachedDocumentIds.length,
  });
}

/**
 * The event of an action. Free text (questions, answers, reports, reasons) stays in the referral and
 * its thread, out of the journal that feeds notifications: the payload says only that a reason was
 * given. A redirection names where it came from; an acceptance says whether the performer joined the
 * care team.
 */
export function referralActionEvent(
  referral: Referral,
  action: ReferralAction,
  details: { readonly previousTargetLabel: string; readonly joinedCareTeam: boolean },
  context: ReferralEventContext,
): DomainEvent {
  const extra: Record<string, Payload[string]> = {};
  switch (action.kind) {
    case 'accept':
      extra['joinedCareTeam'] = details.joinedCareTeam;
      break;
    case 'decline':
    case 'cancel':
      extra['reasonGiven'] = true;
      break;
    case 'redirect':
      extra['reasonGiven'] = true;
      extra['from'] = details.previousTargetLabel;
      break;
    case 'report':
      extra['withDocument'] = action.documentId !== null;
      break;
    case 'ask':
    case 'answer':
    case 'schedule':
    case 'mark-seen':
    case 'acknowledge':
      break;
  }
  return eventOf(EVENT_OF_ACTION[action.kind], referral, context, extra);
}

/** The SLA job's events: a stage went past its deadline, or stayed overdue past the escalation date. */
export function referralClockEvent(
  type: 'referral.overdue' | 'referral.escalated',
  referral: Referral,
  stage: ReferralStage,
  dueAt: Date,
  context: ReferralEventContext,
): DomainEvent {
  return eventOf(type, referral, context, { stage, dueAt: dueAt.toISOString() });
}

// The keys the timeline and the notices rely on: referralId, kind, urgency, status, to, by, performer,
// appointmentAt; each event adds its own details.
function eventOf(
  type: EventType,
  referral: Referral,
  context: ReferralEventContext,
  extra: Payload,
): DomainEvent {
  return {
    id: context.newId(),
    type,
    patientId: referral.patientId,
    actorAccountId: context.actorAccountId,
    occurredAt: context.at,
    payload: {
      referralId: referral.id,
      kind: referral.kind,
      urgency: referral.urgency,
      status: referral.status,
      to: context.targetLabel,
      by: context.actorName,
      performer: context.performerName,
      appointmentAt: referral.appointment?.at.toISOString() ?? null,
      ...extra,
    },
  };
}
