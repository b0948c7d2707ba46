import type { AccountRole } from '../access/principal.ts';

/** Roles that open administration or audit data: they need a second factor (issue 8). */
export const ROLES_NEEDING_TOTP: readonly AccountRole[] = ['admin', 'dpo'];

/** Whether an account must enrol before its privileged roles count. */
export function mustEnrolTotp(
  roles: readonly AccountRole[],
  totpEnabled: boolean,
  enforcement: boolean,
): boolean {
  return enforcement && !totpEnabled && roles.some((role) => ROLES_NEEDING_TOTP.includes(role));
}

/** The roles that count now: privileged ones are withheld until the account has a second factor. */
export function effectiveRoles(
  roles: readonly AccountRole[],
  totpEnabled: boolean,
  enforcement: boolean,
): readonly AccountRole[] {
  return mustEnrolTotp(roles, totpEnabled, enforcement)
    ? roles.filter((role) => !ROLES_NEEDING_TOTP.includes(role))
    : roles;
}

/**
 * Replay protection (RFC 6238 §5.2: a verifier must not accept the same OTP twice): a code is accepted
 * only for a time step later than the last one accepted, so a code seen once — or an older one still
 * inside the drift window — never opens a second session.
 */
export function isFreshStep(step: number, lastUsedStep: number | null): boolean {
  return lastUsedStep === null || step > lastUsedStep;
}

/** How many recovery codes an enrolment hands out; each works once. */
export const RECOVERY_CODE_COUNT = 10;

/** Recovery codes are compared without case, spaces or dashes, as people type them back. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/gu, '').toUpperCase();
}

/** A second-factor step lasts this long after the password; then the log-in starts again. */
export const SECOND_FACTOR_STEP_MS = 5 * 60_000;
/** Wrong codes allowed on one second-factor step before it is dropped (each also counts toward lockout). */
export const SECOND_FACTOR_MAX_TRIES = 5;
