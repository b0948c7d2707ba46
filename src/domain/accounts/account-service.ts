import type { RequestOrigin } from '../access/patient-access-service.ts';
import type { AuditEntry, AuditTrail } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import type {
  AccountRecord,
  AccountStore,
  PasswordHasher,
  SecretBox,
  SecurityLog,
  SessionStore,
  SessionTokens,
  TotpAlgorithm,
  TwoFactorStore,
} from './account-ports.ts';
import {
  afterFailure,
  isLocked,
  NO_FAILURES,
  type LockoutPolicy,
  type LockoutState,
} from './login-lockout.ts';
import { assertPasswordAcceptable, type PasswordPolicy } from './password-policy.ts';
import { sessionStatus, type SessionPolicy } from './session-lifetime.ts';
import {
  effectiveRoles,
  isFreshStep,
  normalizeRecoveryCode,
  SECOND_FACTOR_MAX_TRIES,
  SECOND_FACTOR_STEP_MS,
} from './two-factor.ts';

/** A signed-in account: who it is and the token that proves it. */
export interface SignedIn {
  readonly kind: 'signed-in';
  readonly token: string;
  readonly expiresAt: Date;
  readonly account: AccountRecord;
}

/** The password was right and the account has TOTP: the session comes after the code. */
export interface SecondFactorNeeded {
  readonly kind: 'second-factor';
  readonly challenge: string;
  readonly expiresAt: Date;
}

/** A second factor: a code from the authenticator app, or one of the recovery codes. */
export type SecondFactor = { readonly code: string } | { readonly recoveryCode: string };

/** The account-security settings of a deployment (each a configurable Relais default). */
export interface AccountSecurityPolicy {
  readonly password: PasswordPolicy;
  readonly lockout: LockoutPolicy;
  readonly session: SessionPolicy;
  /** Whether admin and DPO roles count only once the account has TOTP (default on). */
  readonly totpRequiredForPrivilegedRoles: boolean;
}

const WRONG_CREDENTIALS = 'wrong login or password';
const WRONG_CODE = 'wrong or already used code';

/** Log-in (password, second factor, external identity), sessions, password change, log-out. */
export function createAccountService(deps: {
  accounts: AccountStore;
  sessions: SessionStore;
  twoFactor: TwoFactorStore;
  tokens: SessionTokens;
  hasher: PasswordHasher;
  totp: TotpAlgorithm;
  secrets: SecretBox;
  audit: AuditTrail;
  log: SecurityLog;
  clock: Clock;
  newId: NewId;
  policy: AccountSecurityPolicy;
}) {
  const { accounts, sessions, twoFactor, tokens, hasher, totp, secrets, audit, log, clock, policy } = deps;
  // An unknown login is checked against this hash, so it costs as much as a wrong password and
  // the response time does not tell which logins exist.
  let decoyHash: Promise<string> | undefined;
  const checkPassword = async (account: AccountRecord | undefined, password: string) => {
    if (account !== undefined) return hasher.verify(account.passwordHash, password);
    decoyHash ??= hasher.hash(tokens.issue().token);
    await hasher.verify(await decoyHash, password);
    return false;
  };

  const auditLogin = (
    account: AccountRecord | undefined,
    outcome: AuditEntry['outcome'],
    reason: string,
    origin: RequestOrigin,
    at: Date,
  ) =>
    audit.append([
      {
        at,
        accountId: account?.id ?? null,
        actorKind: account?.principal.kind ?? 'anonymous',
        actorRole: null,
        patientId: null,
        action: 'login',
        resource: 'session',
        outcome,
        reason,
        clientAddress: origin.clientAddress,
      },
    ]);

  const accountEvent = (
    type: DomainEvent['type'],
    accountId: string,
    at: Date,
    payload = {},
  ): DomainEvent => ({
    id: deps.newId(),
    type,
    patientId: null,
    actorAccountId: accountId,
    occurredAt: at,
    payload,
  });

  /** Counts a failure; a failure that locks the account is logged and journaled (by id, never name). */
  const countFailure = async (account: AccountRecord, now: Date, origin: RequestOrigin) => {
    const locksNow = (next: LockoutState, previous: LockoutState) =>
      isLocked(next, now) && !isLocked(previous, now);
    const { previous, next } = await accounts.updateLockout(
      account.id,
      (current) => afterFailure(current, now, policy.lockout),
      (next, previous) =>
        locksNow(next, previous)
          ? accountEvent('account.locked', account.id, now, {
              until: next.lockedUntil?.toISOString() ?? null,
            })
          : null,
    );
    if (!locksNow(next, previous)) return;
    log.warn({ event: 'account-locked', accountId: account.id }, 'account locked after repeated failures');
    await auditLogin(account, 'denied', 'account locked after repeated failures', origin, now);
  };

  const clearFailures = async (account: AccountRecord) => {
    if (account.lockout.failures > 0 || account.lockout.lockedUntil !== null)
      await accounts.updateLockout(
        account.id,
        () => NO_FAILURES,
        () => null,
      );
  };

  /** The account as it may act now: admin and DPO roles wait for TOTP. */
  const effective = (account: AccountRecord): AccountRecord => {
    const principal = account.principal;
    if (principal.kind !== 'professional') return account;
    const roles = effectiveRoles(principal.roles, account.totpEnabled, policy.totpRequiredForPrivilegedRoles);
    if (roles.length === principal.roles.length) return account;
    const pendingRoles = principal.roles.filter((role) => !roles.includes(role));
    return { ...account, principal: { ...principal, roles }, pendingRoles };
  };

  const openSession = async (account: AccountRecord, now: Date): Promise<SignedIn> => {
    const { token, tokenHash } = tokens.issue();
    const expiresAt = new Date(now.getTime() + policy.session.maxMs);
    await sessions.create({ tokenHash, accountId: account.id, createdAt: now, expiresAt });
    return { kind: 'signed-in', token, expiresAt, account: effective(account) };
  };

  const secondFactorMatches = async (accountId: string, factor: SecondFactor, now: Date) => {
    if ('recoveryCode' in factor) {
      const hash = tokens.hashOf(normalizeRecoveryCode(factor.recoveryCode));
      return (await twoFactor.useRecoveryCode(accountId, hash, now)) ? 'recovery code used' : null;
    }
    const active = await twoFactor.activeSecret(accountId);
    if (active === undefined) return null;
    const step = totp.stepOf(secrets.open(active.sealedSecret), factor.code, now);
    if (step === null || !isFreshStep(step, active.lastStep)) return null;
    // The store re-checks atomically: two requests with the same code cannot both pass.
    return (await twoFactor.useStep(accountId, step)) ? 'second factor verified' : null;
  };

  return {
    /**
     * Checks a password; opens a session, or a second-factor step when the account has TOTP.
     * Error: `unauthenticated`, the same for an unknown login, a wrong password and a locked account.
     */
    async logIn(
      login: string,
      password: string,
      origin: RequestOrigin,
    ): Promise<SignedIn | SecondFactorNeeded> {
      const now = clock();
      const account = await accounts.findByLogin(login.trim().toLowerCase());
      const valid = await checkPassword(account, password);
      if (account === undefined) {
        await auditLogin(account, 'denied', 'unknown login', origin, now);
        throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
      }
      if (isLocked(account.lockout, now)) {
        log.warn({ event: 'login-refused-locked', accountId: account.id }, 'log-in refused: account locked');
        await auditLogin(account, 'denied', 'account locked', origin, now);
        throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
      }
      if (!valid) {
        await auditLogin(account, 'denied', 'wrong password', origin, now);
        await countFailure(account, now, origin);
        throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
      }
      if (account.totpEnabled) {
        const { token, tokenHash } = tokens.issue();
        const expiresAt = new Date(now.getTime() + SECOND_FACTOR_STEP_MS);
        await twoFactor.createChallenge({ tokenHash, accountId: account.id, expiresAt });
        await auditLogin(account, 'allowed', 'password verified, second factor pending', origin, now);
        return { kind: 'second-factor', challenge: token, expiresAt };
      }
      await clearFailures(account);
      await auditLogin(account, 'allowed', 'password verified', origin, now);
      return openSession(account, now);
    },

    /** The second step: a TOTP code (once) or a recovery code (once). Error: `unauthenticated`. */
    async completeSecondFactor(
      challenge: string,
      factor: SecondFactor,
      origin: RequestOrigin,
    ): Promise<SignedIn> {
      const now = clock();
      const challengeHash = tokens.hashOf(challenge);
      const pending = await twoFactor.findChallenge(challengeHash, now);
      if (pending === undefined)
        throw new DomainError('unauthenticated', 'this sign-in step has expired: enter your password again');
      const account = await accounts.findById(pending.accountId);
      if (account === undefined) throw new DomainError('unauthenticated', WRONG_CODE);
      const verified = isLocked(account.lockout, now)
        ? null
        : await secondFactorMatches(account.id, factor, now);
      if (verified === null) {
        await twoFactor.failChallenge(challengeHash, SECOND_FACTOR_MAX_TRIES);
        await auditLogin(account, 'denied', 'wrong, replayed or locked second factor', origin, now);
        await countFailure(account, now, origin);
        throw new DomainError('unauthenticated', WRONG_CODE);
      }
      await twoFactor.deleteChallenge(challengeHash);
      await clearFailures(account);
      await auditLogin(account, 'allowed', verified, origin, now);
      return openSession(account, now);
    },

    /**
     * Log-in through an external OpenID Connect provider that vouched for this RPPS: only an existing
     * professional account is signed in. Error: `forbidden` when no account has this RPPS.
     */
    async logInWithRpps(rpps: string | null, origin: RequestOrigin): Promise<SignedIn> {
      const now = clock();
      const account = rpps === null ? undefined : await accounts.findProfessionalByRpps(rpps);
      if (account === undefined) {
        await auditLogin(undefined, 'denied', 'external identity with no Relais account', origin, now);
        throw new DomainError('forbidden', 'no Relais account is linked to this professional identity');
      }
      await auditLogin(account, 'allowed', 'external identity provider', origin, now);
      return openSession(account, now);
    },

    /**
     * The account behind a token, or undefined when the token is unknown, idle too long or past its
     * lifetime. `touch: false` (live-channel heartbeats) checks without counting as activity.
     */
    async authenticate(token: string, options: { touch?: boolean } = {}): Promise<AccountRecord | undefined> {
      const now = clock();
      const tokenHash = tokens.hashOf(token);
      const session = await sessions.findLive(tokenHash, now);
      if (session === undefined) return undefined;
      const status = sessionStatus(session, now, policy.session);
      if (status === 'expired') {
        await sessions.delete(tokenHash);
        return undefined;
      }
      if (status === 'live-touch' && options.touch !== false) await sessions.touch(tokenHash, now);
      return effective(session.account);
    },

    /**
     * Changes the signed-in account's password and ends its other sessions. Errors: `invalid-input`
     * (policy, with the problem codes as details, or a wrong current password), `unauthenticated`.
     */
    async changePassword(
      accountId: string,
      currentToken: string | null,
      change: { currentPassword: string; newPassword: string },
      origin: RequestOrigin,
    ): Promise<void> {
      const now = clock();
      const account = await accounts.findById(accountId);
      if (account === undefined) throw new DomainError('unauthenticated', 'sign in first');
      if (
        isLocked(account.lockout, now) ||
        !(await hasher.verify(account.passwordHash, change.currentPassword))
      ) {
        await countFailure(account, now, origin);
        throw new DomainError('invalid-input', 'the current password is wrong', ['current-password-wrong']);
      }
      assertPasswordAcceptable(change.newPassword, account.login, policy.password, change.currentPassword);
      const hash = await hasher.hash(change.newPassword);
      const keep = currentToken === null ? null : tokens.hashOf(currentToken);
      await accounts.setPassword(
        account.id,
        hash,
        keep,
        accountEvent('account.password-changed', account.id, now),
      );
      await audit.append([
        {
          at: now,
          accountId: account.id,
          actorKind: account.principal.kind,
          actorRole: null,
          patientId: null,
          action: 'write',
          resource: 'password',
          outcome: 'allowed',
          reason: 'password changed; other sessions ended',
          clientAddress: origin.clientAddress,
        },
      ]);
    },

    async logOut(token: string): Promise<void> {
      await sessions.delete(tokens.hashOf(token));
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
