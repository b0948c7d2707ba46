import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, isLocked, NO_FAILURES, type LockoutPolicy } from './login-lockout.ts';

const POLICY: LockoutPolicy = { maxFailures: 3, windowMs: 10 * 60_000, lockMs: 5 * 60_000 };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));

test('the last allowed failure within the window locks the account for the lock time', () => {
  let state = afterFailure(NO_FAILURES, at(0), POLICY);
  state = afterFailure(state, at(4), POLICY);
  assert.equal(isLocked(state, at(4)), false);
  state = afterFailure(state, at(9), POLICY);
  assert.deepEqual(state, { failures: 0, since: null, lockedUntil: at(14) });
  assert.equal(isLocked(state, at(13)), true);
  assert.equal(isLocked(state, at(14)), false);
});

test('failures spread beyond the window start a new count', () => {
  let state = afterFailure(NO_FAILURES, at(0), POLICY);
  state = afterFailure(state, at(5), POLICY);
  state = afterFailure(state, at(10), POLICY);
  assert.deepEqual(state, { failures: 1, since: at(10), lockedUntil: null });
});

test('failures while locked neither extend the lock nor count', () => {
  const locked = { failures: 0, since: null, lockedUntil: at(14) };
  assert.equal(afterFailure(locked, at(12), POLICY), locked);
  assert.deepEqual(afterFailure(locked, at(15), POLICY), { failures: 1, since: at(15), lockedUntil: null });
});
