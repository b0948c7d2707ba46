import { addWorkingDays } from '../shared/working-days.ts';
import type { TaskAssignee } from '../tasks/task.ts';
import type { Referral, ReferralKind, ReferralUrgency } from './referral.ts';

/** What an open referral waits for; each stage has a deadline in working days. */
export const REFERRAL_STAGES = ['accept', 'answer', 'schedule', 'report', 'acknowledge'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];

/**
 * Working days allowed per stage, and how long an overdue stage may stay so before the patient's
 * coordinator is asked to step in (`escalate`, counted from the deadline).
 */
export type StageDelays = Readonly<Record<ReferralStage | 'escalate', number>>;
export type SlaPolicy = Readonly<Record<ReferralKind, Readonly<Record<ReferralUrgency, StageDelays>>>>;

/**
 * Relais's defaults: design choices, not official rules (no text sets referral delays), so the product
 * shows them as configurable defaults and each service may change them.
 */
export const DEFAULT_SLA: SlaPolicy = {
  referral: {
    urgent: { accept: 1, answer: 1, schedule: 2, report: 2, acknowledge: 2, escalate: 1 },
    soon: { accept: 3, answer: 3, schedule: 5, report: 5, acknowledge: 5, escalate: 2 },
    routine: { accept: 5, answer: 5, schedule: 10, report: 10, acknowledge: 10, escalate: 5 },
  },
  'tele-expertise': {
    urgent: { accept: 1, answer: 1, schedule: 1, report: 1, acknowledge: 2, escalate: 1 },
    soon: { accept: 2, answer: 2, schedule: 2, report: 5, acknowledge: 5, escalate: 2 },
    routine: { accept: 3, answer: 3, schedule: 3, report: 7, acknowledge: 10, escalate: 3 },
  },
};

/** One service's change to a default delay. */
export interface SlaOverride {
  readonly kind: ReferralKind;
  readonly urgency: ReferralUrgency;
  readonly stage: ReferralStage | 'escalate';
  readonly workingDays: number;
}

export const MAX_SLA_WORKING_DAYS = 250;

/** The defaults with a service's overrides applied. */
export function slaWithOverrides(overrides: readonly SlaOverride[]): SlaPolicy {
  type Mutable = Record<ReferralKind, Record<ReferralUrgency, Record<ReferralStage | 'escalate', number>>>;
  const policy = structuredClone(DEFAULT_SLA) as Mutable;
  for (const override of overrides)
    policy[override.kind][override.urgency][override.stage] = override.workingDays;
  return policy;
}

/** Who must act on a stage: the target (or whoever took it), or the referrer. */
export function stageOf(referral: Pick<Referral, 'kind' | 'status'>): ReferralStage | null {
  switch (referral.status) {
    case 'requested':
      return 'accept';
    case 'on_hold':
      return 'answer';
    case 'accepted':
      return referral.kind === 'referral' ? 'schedule' : 'report';
    case 'scheduled':
    case 'seen':
      return 'report';
    case 'reported':
      return 'acknowledge';
    case 'closed':
    case 'declined':
    case 'cancelled':
      return null;
  }
}

/** The clock of the current stage: when it is due and when an overdue stage goes to the coordinator. */
export interface ReferralDeadline {
  readonly stage: ReferralStage;
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly escalateAt: Date;
}

/**
 * The deadline of the stage a referral enters at `at`. The report after a visit is counted from the
 * appointment, not from the moment it was booked.
 */
export function deadlineOf(
  referral: Pick<Referral, 'kind' | 'status' | 'urgency' | 'appointment'>,
  at: Date,
  policy: SlaPolicy,
): ReferralDeadline | null {
  const stage = stageOf(referral);
  if (stage === null) return null;
  const delays = policy[referral.kind][referral.urgency];
  const appointmentAt = referral.appointment?.at;
  const base = stage === 'report' && appointmentAt !== undefined && appointmentAt > at ? appointmentAt : at;
  const dueAt = addWorkingDays(base, delays[stage]);
  return { stage, startedAt: at, dueAt, escalateAt: addWorkingDays(dueAt, delays.escalate) };
}

/**
 * Who must act on an overdue stage. Nobody in particular holds a specialty pool, so an unaccepted
 * referral to a specialty goes back to its referrer, who may send it elsewhere.
 */
export function overdueAssignee(
  referral: Pick<Referral, 'target' | 'performerPractitionerId' | 'referrerPractitionerId'>,
  stage: ReferralStage,
): TaskAssignee {
  const referrer: TaskAssignee = { kind: 'practitioner', practitionerId: referral.referrerPractitionerId };
  switch (stage) {
    case 'answer':
    case 'acknowledge':
      return referrer;
    case 'schedule':
    case 'report':
      return referral.performerPractitionerId === null
        ? referrer
        : { kind: 'practitioner', practitionerId: referral.performerPractitionerId };
    case 'accept':
      switch (referral.target.kind) {
        case 'practitioner':
          return { kind: 'practitioner', practitionerId: referral.target.practitionerId };
        case 'service':
          return { kind: 'service', organizationId: referral.target.organizationId };
        case 'specialty':
          return referrer;
      }
  }
}
