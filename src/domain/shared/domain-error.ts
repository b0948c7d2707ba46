/** The closed set of failure kinds; each protocol maps them once (HTTP: http/problem.ts). */
export type ErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  /** The caller's copy is stale: the version they saw is no longer the current one. */
  | 'precondition-failed'
  | 'rate-limited';

/** A failure the caller can act on, with a message that says what is wrong (never patient data). */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
