import type { AccountRole, Principal } from '../access/principal.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { LockoutState } from './login-lockout.ts';

/** A stored account, as the log-in use cases need it. */
export interface AccountRecord {
  readonly id: string;
  readonly login: string;
  readonly passwordHash: string;
  /** With every role the account holds; the account service withholds those that need TOTP first. */
  readonly principal: Principal;
  readonly locale: 'fr' | 'en';
  readonly displayName: string;
  readonly totpEnabled: boolean;
  readonly lockout: LockoutState;
  /** Roles held but withheld until the account enrols TOTP (set by the account service). */
  readonly pendingRoles?: readonly AccountRole[];
}

/** Port: finds accounts and keeps their security state. */
export interface AccountStore {
  findByLogin(login: string): Promise<AccountRecord | undefined>;
  findById(accountId: string): Promise<AccountRecord | undefined>;
  /** The professional account of the practitioner with this RPPS (external log-in), if any. */
  findProfessionalByRpps(rpps: string): Promise<AccountRecord | undefined>;
  /**
   * Applies `change` to the account's failure count under a row lock, so parallel attempts all count;
   * `event` (given both states) is written with it when it returns one.
   */
  updateLockout(
    accountId: string,
    change: (current: LockoutState) => LockoutState,
    event: (next: LockoutState, previous: LockoutState) => DomainEvent | null,
  ): Promise<{ previous: LockoutState; next: LockoutState }>;
  /** Replaces the password hash and ends the account's other sessions, with the event, in one transaction. */
  setPassword(
    accountId: string,
    passwordHash: string,
    keepSession: string | null,
    event: DomainEvent,
  ): Promise<void>;
}

/** Port: the TOTP secret, recovery codes and second-factor steps of accounts. */
export interface TwoFactorStore {
  /** Keeps a sealed secret waiting for its first code (replaces an earlier unconfirmed one). */
  savePendingSecret(accountId: string, sealedSecret: string): Promise<void>;
  pendingSecret(accountId: string): Promise<string | undefined>;
  /** The pending secret becomes the account's, with the step of the confirming code and hashed recovery codes. */
  enable(
    accountId: string,
    step: number,
    recoveryCodeHashes: readonly string[],
    event: DomainEvent,
  ): Promise<void>;
  activeSecret(accountId: string): Promise<{ sealedSecret: string; lastStep: number | null } | undefined>;
  /** Records `step` as used if it is later than the last one (atomic); false when it is not. */
  useStep(accountId: string, step: number): Promise<boolean>;
  /** Marks an unused recovery code as used (atomic); false when there is none with this hash. */
  useRecoveryCode(accountId: string, codeHash: string, at: Date): Promise<boolean>;
  /** Second-factor steps: a password checked, waiting for a code. */
  createChallenge(challenge: { tokenHash: string; accountId: string; expiresAt: Date }): Promise<void>;
  findChallenge(tokenHash: string, now: Date): Promise<{ accountId: string; failures: number } | undefined>;
  /** Counts a wrong code; drops the step when it reaches `maxFailures`. */
  failChallenge(tokenHash: string, maxFailures: number): Promise<void>;
  deleteChallenge(tokenHash: string): Promise<void>;
}

/** Port: one-way password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Port: issues opaque session tokens; only their hash is stored, so a database leak opens no session. */
export interface SessionTokens {
  issue(): { token: string; tokenHash: string };
  hashOf(token: string): string;
  /** A random code people can type back (recovery codes): 16 characters of an unambiguous alphabet. */
  recoveryCode(): string;
}

/** Port: RFC 6238 TOTP (30 s, 6 digits, SHA-1 for authenticator-app compatibility). */
export interface TotpAlgorithm {
  newSecret(): string;
  /** The otpauth:// URI an authenticator app reads (as text or QR code). */
  uri(secret: string, label: string): string;
  /** The time step whose code this is, within one step of drift around `at`; null when none matches. */
  stepOf(secret: string, code: string, at: Date): number | null;
}

/** Port: seals secrets at rest (the TOTP secret) so a database dump alone does not give them away. */
export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

/** A stored session, as its lookup returns it. */
export interface StoredSession {
  readonly account: AccountRecord;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

/** Port: stored sessions, keyed by token hash. */
export interface SessionStore {
  create(session: { tokenHash: string; accountId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The session (not past its absolute `expiresAt`) and its account, or undefined. */
  findLive(tokenHash: string, now: Date): Promise<StoredSession | undefined>;
  touch(tokenHash: string, now: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
}

/** Port: where security events go besides the audit trail (the operator's log); never names. */
export interface SecurityLog {
  warn(fields: { event: string; accountId: string }, message: string): void;
}
