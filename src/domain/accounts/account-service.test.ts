import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { AccountRecord, PasswordHasher } from './account-ports.ts';
import { createAccountService } from './account-service.ts';

/** A hasher that records which hashes it was asked to verify against ("hash:" + password). */
function recordingHasher() {
  const verifiedAgainst: string[] = [];
  const hasher: PasswordHasher = {
    hash: (password) => Promise.resolve(`hash:${password}`),
    verify: (hash, password) => {
      verifiedAgainst.push(hash);
      return Promise.resolve(hash === `hash:${password}`);
    },
  };
  return { hasher, verifiedAgainst };
}

function serviceWith(hasher: PasswordHasher, audit: AuditEntry[]) {
  const account: AccountRecord = {
    id: 'a1',
    passwordHash: 'hash:right',
    principal: { kind: 'professional', accountId: 'a1', practitionerId: 'p1', roles: [] },
    locale: 'fr',
    displayName: 'Dr Test',
  };
  let issued = 0;
  return createAccountService({
    accounts: { findByLogin: (login) => Promise.resolve(login === 'dr.test' ? account : undefined) },
    sessions: {
      create: () => Promise.resolve(),
      findLiveAccount: () => Promise.resolve(undefined),
      delete: () => Promise.resolve(),
    },
    tokens: {
      issue: () => ({ token: `t${++issued}`, tokenHash: `h${issued}` }),
      hashOf: (token) => `h:${token}`,
    },
    hasher,
    audit: {
      append: (entries) => {
        audit.push(...entries);
        return Promise.resolve();
      },
    },
    clock: () => new Date('2026-11-23T10:00:00Z'),
  });
}

test('an unknown login costs a password check too, so timing does not reveal which logins exist', async () => {
  const { hasher, verifiedAgainst } = recordingHasher();
  const audit: AuditEntry[] = [];
  const accounts = serviceWith(hasher, audit);
  await assert.rejects(accounts.logIn('nobody', 'right', { clientAddress: null }), {
    code: 'unauthenticated',
  });
  await assert.rejects(accounts.logIn('dr.test', 'wrong', { clientAddress: null }), {
    code: 'unauthenticated',
  });
  assert.equal(verifiedAgainst.length, 2);
  assert.notEqual(verifiedAgainst[0], 'hash:right');
  assert.deepEqual(
    audit.map((entry) => entry.reason),
    ['unknown login', 'wrong password'],
  );
  const signedIn = await accounts.logIn(' DR.TEST ', 'right', { clientAddress: null });
  assert.equal(signedIn.account.id, 'a1');
});
