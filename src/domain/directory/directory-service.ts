import type { PasswordHasher } from '../accounts/account-ports.ts';
import {
  assertPasswordAcceptable,
  DEFAULT_PASSWORD_POLICY,
  type PasswordPolicy,
} from '../accounts/password-policy.ts';
import { nameKey } from '../identity/name-key.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import {
  checkDirectoryIdentifiers,
  type DirectoryStore,
  type NewAccount,
  type Organization,
  type DirectoryMatches,
  type Practitioner,
} from './directory.ts';

/** A directory search needs this many letters, and answers this many of each kind at most. */
export const DIRECTORY_QUERY_MIN_LENGTH = 2;
export const DIRECTORY_SEARCH_LIMIT = 20;

/** Registers organisations, professionals and accounts; lists professionals. */
export function createDirectoryService(deps: {
  store: DirectoryStore;
  hasher: PasswordHasher;
  newId: NewId;
  passwordPolicy?: PasswordPolicy;
}) {
  const { store, hasher, newId } = deps;
  const passwordPolicy = deps.passwordPolicy ?? DEFAULT_PASSWORD_POLICY;
  return {
    /** Adds organisations and practitioners; returns the check-digit warnings. Errors: `invalid-input`, `conflict`. */
    async register(
      organizations: readonly Organization[],
      practitioners: readonly Practitioner[],
    ): Promise<string[]> {
      const warnings = checkDirectoryIdentifiers(organizations, practitioners);
      await store.addOrganizations(organizations);
      await store.addPractitioners(practitioners);
      return warnings;
    },

    /**
     * Creates accounts, hashing each password with argon2id once it passes the password policy.
     * Errors: `invalid-input` (a password refused, with the problem codes), `conflict` (login taken).
     */
    async createAccounts(accounts: readonly NewAccount[]): Promise<string[]> {
      for (const { password, login } of accounts) assertPasswordAcceptable(password, login, passwordPolicy);
      const rows = await Promise.all(
        accounts.map(async ({ password, ...account }) => ({
          ...account,
          id: newId(),
          passwordHash: await hasher.hash(password),
        })),
      );
      await store.addAccounts(rows);
      return rows.map((row) => row.id);
    },

    listPractitioners: () => store.listPractitioners(),
    listOrganizations: (kind: Organization['kind']) => store.listOrganizations(kind),

    /**
     * Finds professionals and organisations by name words, accents and case aside (a patient choosing
     * whom to consent to or object to). Error: `invalid-input` when the words are too short.
     */
    async search(text: string): Promise<DirectoryMatches> {
      const key = nameKey(text);
      if (key.length < DIRECTORY_QUERY_MIN_LENGTH)
        throw new DomainError(
          'invalid-input',
          `type at least ${DIRECTORY_QUERY_MIN_LENGTH} letters of a name`,
        );
      return store.search(key.split(' '), DIRECTORY_SEARCH_LIMIT);
    },
    isEmpty: () => store.isEmpty(),
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
