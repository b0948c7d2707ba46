import type { AdtContentCheck } from './adt-content-check.ts';
import {
  acceptAdtHeader,
  hasIdempotencyKey,
  HL7_ERRORS,
  type AdtHeader,
  type Hl7Error,
} from './adt-header.ts';

export type AckCode = 'AA' | 'AE' | 'AR';

/** What to answer a message, and whether to keep it. */
export interface IntakeDecision {
  readonly ackCode: AckCode;
  /** The HL7 error and reason sent back with AE/AR; null for AA. */
  readonly error: { readonly error: Hl7Error; readonly reason: string } | null;
  readonly event: string;
  /**
   * `received`: stored for the apply loop; `rejected`: stored with its AE/AR so a repeat gets the
   * same answer, never applied; `unkeyed`: no facility + control id to store it under, answered only.
   */
  readonly keep: 'received' | 'rejected' | 'unkeyed';
}

/**
 * The intake rules (issue 7, "ACKs done right"): AR when the header is not accepted, AE when the
 * content cannot be processed (the content check), AA otherwise — AA only once stored.
 */
export function decideIntake(header: AdtHeader, raw: string, check: AdtContentCheck): IntakeDecision {
  // PostgreSQL text cannot hold NUL: such a message could not even be kept as refused.
  if (raw.includes('\u0000')) {
    const reason = 'the message contains a NUL character';
    return { ackCode: 'AR', error: { error: HL7_ERRORS.dataType, reason }, event: '', keep: 'unkeyed' };
  }
  const verdict = acceptAdtHeader(header);
  const keep = hasIdempotencyKey(header) ? ('rejected' as const) : ('unkeyed' as const);
  if (!verdict.accepted) {
    const { event, error, reason } = verdict;
    return { ackCode: 'AR', error: { error, reason }, event, keep };
  }
  const content = check(raw);
  if (!content.ok) {
    return {
      ackCode: 'AE',
      error: { error: HL7_ERRORS.applicationError, reason: content.reason },
      event: verdict.event,
      keep,
    };
  }
  return { ackCode: 'AA', error: null, event: verdict.event, keep: 'received' };
}
