import type { Principal } from '../access/principal.ts';

/** A stored account, as the login use case needs it. */
export interface AccountRecord {
  readonly id: string;
  readonly passwordHash: string;
  readonly principal: Principal;
  readonly locale: 'fr' | 'en';
  readonly displayName: string;
}

/** Port: finds accounts. */
export interface AccountStore {
  findByLogin(login: string): Promise<AccountRecord | undefined>;
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
}

/** Port: stored sessions, keyed by token hash. */
export interface SessionStore {
  create(session: { tokenHash: string; accountId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The account of a live session (expiring after `now`), or undefined. */
  findLiveAccount(tokenHash: string, now: Date): Promise<AccountRecord | undefined>;
  delete(tokenHash: string): Promise<void>;
}
