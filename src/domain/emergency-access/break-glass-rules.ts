import {
  decidePatientAccess,
  type AccessFacts,
  type AccessPurpose,
} from '../access/patient-access-policy.ts';
import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';

/** How long a break-the-glass access lasts: 4 hours unless configured, never more than a day. */
export const BREAK_GLASS_HOURS = { default: 4, min: 1, max: 24 } as const;

/** The reason a professional gives, trimmed: long enough to mean something, short enough to read. */
export const BREAK_GLASS_REASON = { min: 10, max: 1000 } as const;

/** Break-the-glass opens the whole record, writing included: it is decided against a write. */
const EMERGENCY: AccessPurpose = { action: 'write', resource: 'break-glass' };

/**
 * The outcome of a break-the-glass request: a grant to the practitioner until `expiresAt`, or a
 * refusal with its error code (`not-found` when there is no such patient) and its reason.
 */
export type BreakGlassDecision =
  | { readonly granted: true; readonly practitionerId: string; readonly expiresAt: Date }
  | {
      readonly granted: false;
      readonly code: 'forbidden' | 'conflict' | 'not-found';
      readonly reason: string;
    };

/** Whether a configured duration is usable; the message names what is wrong. */
export function breakGlassHoursProblem(hours: number): string | null {
  const { min, max } = BREAK_GLASS_HOURS;
  return Number.isInteger(hours) && hours >= min && hours <= max
    ? null
    : `a break-the-glass access lasts from ${min} to ${max} whole hours, got ${hours}`;
}

/** The reason, trimmed. Error `invalid-input` when it is too short or too long. */
export function breakGlassReason(raw: string): string {
  const reason = raw.trim();
  const { min, max } = BREAK_GLASS_REASON;
  if (reason.length < min || reason.length > max)
    throw new DomainError(
      'invalid-input',
      `the reason must have ${min} to ${max} characters (it has ${reason.length}): say why this emergency needs the record`,
    );
  return reason;
}

/**
 * Decides a break-the-glass request at `now`. Only a professional may ask; the patient's objection
 * refuses it (as it refuses every access); a caller who can already act on the record has nothing to
 * break, and one whose emergency access still runs is told until when rather than being extended
 * silently. Otherwise the access runs `hours` from now. Consent alone lets one read, not write, so it
 * does not stand in the way.
 */
export function decideBreakGlass(
  principal: Principal,
  patientId: string,
  facts: AccessFacts,
  now: Date,
  hours: number,
): BreakGlassDecision {
  if (principal.kind !== 'professional')
    return { granted: false, code: 'forbidden', reason: 'only a professional may break the glass' };
  const current = decidePatientAccess(principal, patientId, facts, EMERGENCY, now);
  if (!current.allowed)
    return facts.objection === null
      ? {
          granted: true,
          practitionerId: principal.practitionerId,
          expiresAt: new Date(now.getTime() + hours * 3_600_000),
        }
      : { granted: false, code: 'forbidden', reason: current.reason };
  const reason =
    current.basis === 'break-glass'
      ? `your emergency access to this record is already running until ${current.expiresAt?.toISOString() ?? ''}`
      : `you already have access to this record (${current.reason}): there is nothing to break`;
  return { granted: false, code: 'conflict', reason };
}
