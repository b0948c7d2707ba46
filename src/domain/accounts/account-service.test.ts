import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { AccountRecord, PasswordHasher, SessionStore, TwoFactorStore } from './account-ports.ts';
import { createAccountService, type AccountSecurityPolicy } from './account-service.ts';
import { DEFAULT_LOCKOUT_POLICY, NO_FAILURES, type LockoutState } from './login-lockout.ts';
import { DEFAULT_PASSWORD_POLICY } from './password-policy.ts';
import { DEFAULT_SESSION_POLICY } from './session-lifetime.ts';

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

const POLICY: AccountSecurityPolicy = {
  password: DEFAULT_PASSWORD_POLICY,
  lockout: DEFAULT_LOCKOUT_POLICY,
  session: DEFAULT_SESSION_POLICY,
  totpRequiredForPrivilegedRoles: true,
};

const unused = () => Promise.reject(new Error('not used by these tests'));

/** One account in memory (lockout state, sessions); the clock is moved by the test. */
function serviceWith(hasher: PasswordHasher, audit: AuditEntry[], clock: { now: Date }) {
  let lockout: LockoutState = NO_FAILURES;
  const events: DomainEvent[] = [];
  const sessions = new Set<string>();
  const account = (): AccountRecord => ({
    id: 'a1',
    login: 'dr.test',
    passwordHash: 'hash:right',
    principal: { kind: 'professional', accountId: 'a1', practitionerId: 'p1', roles: [] },
    locale: 'fr',
    displayName: 'Dr Test',
    totpEnabled: false,
    lockout,
  });
  const sessionStore: SessionStore = {
    create: (session) => Promise.resolve(void sessions.add(session.tokenHash)),
    findLive: unused,
    touch: unused,
    delete: unused,
  };
  let issued = 0;
  const service = createAccountService({
    accounts: {
      findByLogin: (login) => Promise.resolve(login === 'dr.test' ? account() : undefined),
      findById: () => Promise.resolve(account()),
      findProfessionalByRpps: unused,
      updateLockout: (_id, change, event) => {
        const previous = lockout;
        lockout = change(previous);
        const happened = event(lockout, previous);
        if (happened !== null) events.push(happened);
        return Promise.resolve({ previous, next: lockout });
      },
      setPassword: unused,
    },
    sessions: sessionStore,
    twoFactor: {} as TwoFactorStore,
    tokens: {
      issue: () => ({ token: `t${++issued}`, tokenHash: `h${issued}` }),
      hashOf: (token) => `h:${token}`,
      recoveryCode: () => 'CODE',
    },
    hasher,
    totp: { newSecret: () => 'S', uri: () => 'otpauth://', stepOf: () => null },
    secrets: { seal: (s) => s, open: (s) => s },
    audit: {
      append: (entries) => {
        audit.push(...entries);
        return Promise.resolve();
      },
    },
    log: { warn: () => undefined },
    clock: () => clock.now,
    newId: () => `e${events.length}`,
    policy: POLICY,
  });
  return { service, events, sessions };
}

test('an unknown login costs a password check too, so timing does not reveal which logins exist', async () => {
  const { hasher, verifiedAgainst } = recordingHasher();
  const audit: AuditEntry[] = [];
  const { service: accounts } = serviceWith(hasher, audit, { now: new Date('2026-11-23T10:00:00Z') });
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
  assert.equal(signedIn.kind, 'signed-in');
});

test('five wrong passwords lock the account: the right one then fails alike, until the lock runs out', async () => {
  const clock = { now: new Date('2026-11-23T10:00:00Z') };
  const audit: AuditEntry[] = [];
  const { service: accounts, events, sessions } = serviceWith(recordingHasher().hasher, audit, clock);
  const origin = { clientAddress: '203.0.113.9' };
  for (let i = 0; i < 5; i++) {
    await assert.rejects(accounts.logIn('dr.test', `wrong${i}`, origin), {
      code: 'unauthenticated',
      message: 'wrong login or password',
    });
  }
  assert.deepEqual(
    events.map((event) => event.type),
    ['account.locked'],
  );
  clock.now = new Date('2026-11-23T10:14:00Z');
  await assert.rejects(accounts.logIn('dr.test', 'right', origin), {
    code: 'unauthenticated',
    message: 'wrong login or password',
  });
  assert.equal(sessions.size, 0);
  assert.ok(audit.some((entry) => entry.reason === 'account locked' && entry.outcome === 'denied'));
  clock.now = new Date('2026-11-23T10:15:01Z');
  assert.equal((await accounts.logIn('dr.test', 'right', origin)).kind, 'signed-in');
});
