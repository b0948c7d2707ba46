import { DomainError } from '../shared/domain-error.ts';

export const ENROLMENT_STATUSES = ['active', 'paused', 'ended'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** How a patient came into a pathway: by a professional, or by a coordination rule (its key). */
export type EnrolmentOrigin =
  { readonly kind: 'manual'; readonly ref: null } | { readonly kind: 'rule'; readonly ref: string };

/**
 * A patient following one version of a template. A later version of the template changes nothing
 * here: the enrolment keeps the version it started with (issue 6).
 */
export interface Enrolment {
  readonly id: string;
  readonly patientId: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly status: EnrolmentStatus;
  /** The start date on the territory's calendar, and the instant steps are counted from. */
  readonly startedOn: string;
  readonly startAt: Date;
  readonly origin: EnrolmentOrigin;
  readonly pausedAt: Date | null;
  readonly endedAt: Date | null;
  readonly endReason: string | null;
  /** Bumped by every change, so two people changing the same enrolment cannot overwrite each other. */
  readonly version: number;
}

export const END_REASON_MAX = 500;

/** Pauses an active enrolment: its open steps are held. Error: `conflict` (not active). */
export function pauseEnrolment(enrolment: Enrolment, at: Date): Enrolment {
  if (enrolment.status !== 'active')
    throw new DomainError('conflict', `the pathway is ${enrolment.status}: it cannot be paused`);
  return { ...enrolment, status: 'paused', pausedAt: at };
}

/**
 * Resumes a paused enrolment; returns it with how long it was paused, by which the held steps'
 * windows move (the clock of the pathway stopped meanwhile). Error: `conflict` (not paused).
 */
export function resumeEnrolment(enrolment: Enrolment, at: Date): { enrolment: Enrolment; pausedMs: number } {
  if (enrolment.status !== 'paused' || enrolment.pausedAt === null)
    throw new DomainError('conflict', `the pathway is ${enrolment.status}: it cannot be resumed`);
  return {
    enrolment: { ...enrolment, status: 'active', pausedAt: null },
    pausedMs: Math.max(0, at.getTime() - enrolment.pausedAt.getTime()),
  };
}

/** Ends an enrolment with a reason; its open steps are cancelled. Errors: `invalid-input`, `conflict` (already ended). */
export function endEnrolment(enrolment: Enrolment, reason: string, at: Date): Enrolment {
  const text = reason.trim();
  if (text === '') throw new DomainError('invalid-input', 'say why the pathway ends');
  if (text.length > END_REASON_MAX)
    throw new DomainError('invalid-input', `the reason is longer than ${END_REASON_MAX} characters`);
  if (enrolment.status === 'ended') throw new DomainError('conflict', 'the pathway has already ended');
  return { ...enrolment, status: 'ended', endedAt: at, endReason: text };
}
