/**
 * Temporary lockout of one account after repeated failures, on top of the per-address rate limit (which
 * a guesser spreading attempts over many addresses escapes). Relais defaults, configurable: 5 failures
 * within 15 minutes lock the account for 15 minutes (OWASP Authentication Cheat Sheet's "account lockout"
 * pattern; the figures are not an official rule).
 */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** Failures counted since `since`; `lockedUntil` set while the account is locked. */
export interface LockoutState {
  readonly failures: number;
  readonly since: Date | null;
  readonly lockedUntil: Date | null;
}

export const NO_FAILURES: LockoutState = { failures: 0, since: null, lockedUntil: null };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/**
 * The state after one more failure at `now`: a failure outside the window starts a new count; the
 * `maxFailures`th within it locks the account and resets the count. While locked, nothing changes (a
 * guesser cannot extend the lock of the real user indefinitely faster than it runs out).
 */
export function afterFailure(state: LockoutState, now: Date, policy: LockoutPolicy): LockoutState {
  if (isLocked(state, now)) return state;
  const inWindow = state.since !== null && now.getTime() - state.since.getTime() < policy.windowMs;
  const failures = inWindow ? state.failures + 1 : 1;
  const since = inWindow ? state.since : now;
  if (failures >= policy.maxFailures)
    return { failures: 0, since: null, lockedUntil: new Date(now.getTime() + policy.lockMs) };
  return { failures, since, lockedUntil: null };
}
