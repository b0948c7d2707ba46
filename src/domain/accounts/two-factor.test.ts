import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveRoles, isFreshStep, mustEnrolTotp, normalizeRecoveryCode } from './two-factor.ts';

test('admin and DPO roles wait for TOTP when the requirement is on; other accounts are untouched', () => {
  assert.equal(mustEnrolTotp(['admin'], false, true), true);
  assert.equal(mustEnrolTotp(['dpo'], false, true), true);
  assert.equal(mustEnrolTotp(['admin'], true, true), false);
  assert.equal(mustEnrolTotp(['admin'], false, false), false);
  assert.equal(mustEnrolTotp([], false, true), false);
  assert.deepEqual(effectiveRoles(['admin', 'dpo'], false, true), []);
  assert.deepEqual(effectiveRoles(['admin', 'dpo'], true, true), ['admin', 'dpo']);
});

test('a code is accepted once: only for a step after the last one used', () => {
  assert.equal(isFreshStep(100, null), true);
  assert.equal(isFreshStep(101, 100), true);
  assert.equal(isFreshStep(100, 100), false);
  assert.equal(isFreshStep(99, 100), false);
});

test('recovery codes are compared as typed: case, spaces and dashes do not matter', () => {
  assert.equal(normalizeRecoveryCode(' abcd-efgh jk2m-npq3 '), 'ABCDEFGHJK2MNPQ3');
});
