import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { EvidenceRef } from './pathway-evidence.ts';

/**
 * An occurrence's status: `scheduled` (not yet due), `due` (its target day came), `rupture` (past the
 * last day on time, still waiting for evidence), `done` (evidence arrived), `skipped` (a professional
 * said why not), `on-hold` (the enrolment is paused), `cancelled` (the enrolment ended).
 */
export const OCCURRENCE_STATUSES = [
  'scheduled',
  'due',
  'rupture',
  'done',
  'skipped',
  'on-hold',
  'cancelled',
] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

/** Statuses still waiting for evidence: the due scan, evidence matching and worklists read only these. */
export const OPEN_STATUSES: readonly OccurrenceStatus[] = ['scheduled', 'due', 'rupture'];

export function isOpen(status: OccurrenceStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** One time a step must happen for an enrolled patient. */
export interface StepOccurrence {
  readonly id: string;
  readonly patientId: string;
  readonly enrolmentId: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly stepId: string;
  /** Why it exists, unique per step of an enrolment, so a replayed cause creates nothing twice. */
  readonly causeKey: string;
  /** The role that must act (from the template). */
  readonly role: CareTeamRole;
  readonly status: OccurrenceStatus;
  readonly triggerAt: Date;
  readonly earliestAt: Date;
  readonly dueAt: Date;
  readonly lateAt: Date;
  readonly completedAt: Date | null;
  readonly evidence: EvidenceRef | null;
  readonly skipReason: string | null;
  readonly closedByAccountId: string | null;
}

/** The status an open occurrence has at `now`: its window decides it. */
export function openStatusAt(occurrence: StepOccurrence, now: Date): 'scheduled' | 'due' | 'rupture' {
  if (now >= occurrence.lateAt) return 'rupture';
  if (now >= occurrence.dueAt) return 'due';
  return 'scheduled';
}

/** Whether evidence at `at` may complete the occurrence: it is open and the evidence is inside its window's start. */
export function acceptsEvidenceAt(occurrence: StepOccurrence, at: Date): boolean {
  return isOpen(occurrence.status) && at >= occurrence.earliestAt;
}

/**
 * Completes an open occurrence with its evidence. Error: `conflict` when it is closed or the evidence
 * predates its window (never complete without evidence that counts).
 */
export function completeOccurrence(occurrence: StepOccurrence, evidence: EvidenceRef): StepOccurrence {
  if (!acceptsEvidenceAt(occurrence, evidence.at)) {
    throw new DomainError('conflict', `step ${occurrence.stepId} cannot be completed by this evidence`);
  }
  return { ...occurrence, status: 'done', completedAt: evidence.at, evidence };
}

export const SKIP_REASON_MAX = 500;

/** Skips an open occurrence. Errors: `invalid-input` (blank or long reason), `conflict` (not open). */
export function skipOccurrence(
  occurrence: StepOccurrence,
  reason: string,
  by: { readonly accountId: string; readonly at: Date },
): StepOccurrence {
  const text = reason.trim();
  if (text === '') throw new DomainError('invalid-input', 'say why the step is skipped');
  if (text.length > SKIP_REASON_MAX)
    throw new DomainError('invalid-input', `the reason is longer than ${SKIP_REASON_MAX} characters`);
  if (!isOpen(occurrence.status))
    throw new DomainError('conflict', `the step is ${occurrence.status}: it cannot be skipped`);
  return {
    ...occurrence,
    status: 'skipped',
    completedAt: by.at,
    skipReason: text,
    closedByAccountId: by.accountId,
  };
}

/** Whether a done occurrence was on time: its evidence came before the window closed. */
export function doneOnTime(occurrence: StepOccurrence): boolean {
  return (
    occurrence.status === 'done' &&
    occurrence.completedAt !== null &&
    occurrence.completedAt < occurrence.lateAt
  );
}
