import type { RequestOrigin } from '../access/patient-access-service.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type {
  AccountRecord,
  AccountStore,
  PasswordHasher,
  SessionStore,
  SessionTokens,
} from './account-ports.ts';

/** How long a session lives (issue 8 adds idle timeouts). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** A signed-in account: who it is and the token that proves it. */
export interface SignedIn {
  readonly token: string;
  readonly expiresAt: Date;
  readonly account: AccountRecord;
}

/** Log-in, session lookup and log-out. */
export function createAccountService(deps: {
  accounts: AccountStore;
  sessions: SessionStore;
  tokens: SessionTokens;
  hasher: PasswordHasher;
  audit: AuditTrail;
  clock: Clock;
}) {
  const { accounts, sessions, tokens, hasher, audit, clock } = deps;
  // An unknown login is checked against this hash, so it costs as much as a wrong password and
  // the response time does not tell which logins exist.
  let decoyHash: Promise<string> | undefined;
  const checkPassword = async (account: AccountRecord | undefined, password: string) => {
    if (account !== undefined) return hasher.verify(account.passwordHash, password);
    decoyHash ??= hasher.hash(tokens.issue().token);
    await hasher.verify(await decoyHash, password);
    return false;
  };
  return {
    /** Checks a password and opens a session. Error: `unauthenticated`, the same for an unknown login. */
    async logIn(login: string, password: string, origin: RequestOrigin): Promise<SignedIn> {
      const now = clock();
      const account = await accounts.findByLogin(login.trim().toLowerCase());
      const valid = (await checkPassword(account, password)) && account !== undefined;
      await audit.append([
        {
          at: now,
          accountId: account?.id ?? null,
          actorKind: account?.principal.kind ?? 'anonymous',
          actorRole: null,
          patientId: null,
          action: 'login',
          resource: 'session',
          outcome: valid ? 'allowed' : 'denied',
          reason: valid ? 'password verified' : account === undefined ? 'unknown login' : 'wrong password',
          clientAddress: origin.clientAddress,
        },
      ]);
      if (!valid) throw new DomainError('unauthenticated', 'wrong login or password');
      const { token, tokenHash } = tokens.issue();
      const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
      await sessions.create({ tokenHash, accountId: account.id, createdAt: now, expiresAt });
      return { token, expiresAt, account };
    },

    /** The account behind a token, or undefined when the token is unknown or expired. */
    async authenticate(token: string): Promise<AccountRecord | undefined> {
      return sessions.findLiveAccount(tokens.hashOf(token), clock());
    },

    async logOut(token: string): Promise<void> {
      await sessions.delete(tokens.hashOf(token));
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
