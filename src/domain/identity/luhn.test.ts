import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { luhnValid } from './luhn.ts';

const digitString = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Appends the Luhn check digit to a payload (independent brute-force oracle). */
function withCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d += 1) {
    if (luhnValid(`${payload}${d}`)) return `${payload}${d}`;
  }
  throw new Error('no Luhn digit found');
}

test('luhnValid accepts the classic vector and the reference vectors', () => {
  assert.equal(luhnValid('79927398713'), true);
  assert.equal(luhnValid('10005173140'), true); // real RPPS (reference A7)
  assert.equal(luhnValid('540002698'), true); // CHRU Nancy FINESS (reference A9)
});

test('luhnValid refuses wrong check digits and the ANS test numbers', () => {
  assert.equal(luhnValid('79927398710'), false);
  assert.equal(luhnValid('10003461033'), false); // ANS test RPPS (reference A7)
  assert.equal(luhnValid('458174839'), false); // ANS fictitious FINESS (reference A9)
});

test('luhnValid is false for empty or non-digit input', () => {
  assert.equal(luhnValid(''), false);
  assert.equal(luhnValid('7992 7398 713'), false);
  assert.equal(luhnValid('2A0000000'), false);
  assert.equal(luhnValid('-0'), false);
});

test('property: exactly one check digit completes any payload', () => {
  fc.assert(
    fc.property(digitString(1, 20), (payload) => {
      let count = 0;
      for (let d = 0; d <= 9; d += 1) if (luhnValid(`${payload}${d}`)) count += 1;
      assert.equal(count, 1);
    }),
  );
});

test('property: changing any single digit breaks a valid number', () => {
  fc.assert(
    fc.property(digitString(1, 20), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, posSeed, delta) => {
      const valid = withCheckDigit(payload);
      const pos = posSeed % valid.length;
      const changed = (Number(valid.charAt(pos)) + delta) % 10;
      const mutated = valid.slice(0, pos) + String(changed) + valid.slice(pos + 1);
      assert.equal(luhnValid(mutated), false);
    }),
  );
});
