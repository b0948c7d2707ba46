import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { luhnValid } from './luhn.ts';
import { RPPS_LUHN_WARNING, checkRpps, idNatPsFromRpps } from './rpps.ts';

test('ANS test RPPS 10003461033 is accepted with a Luhn warning', () => {
  assert.deepEqual(checkRpps('10003461033'), {
    ok: true,
    value: '10003461033',
    warnings: ['RPPS check digit does not verify (Luhn); test numbers often fail it'],
  });
  assert.deepEqual(checkRpps('10101201234'), {
    ok: true,
    value: '10101201234',
    warnings: [RPPS_LUHN_WARNING],
  });
});

test('real RPPS 10005173140 is accepted without warning', () => {
  assert.deepEqual(checkRpps('10005173140'), { ok: true, value: '10005173140', warnings: [] });
});

test('whitespace is removed before checking', () => {
  assert.deepEqual(checkRpps(' 100 0517 3140 '), { ok: true, value: '10005173140', warnings: [] });
});

test('wrong lengths are refused', () => {
  assert.deepEqual(checkRpps('1000517314'), { ok: false, error: 'RPPS must be exactly 11 digits, got 10' });
  assert.deepEqual(checkRpps('100051731401'), { ok: false, error: 'RPPS must be exactly 11 digits, got 12' });
  assert.deepEqual(checkRpps(''), { ok: false, error: 'RPPS must be exactly 11 digits, got 0' });
});

test('letters and punctuation are refused', () => {
  assert.deepEqual(checkRpps('1000517314A'), {
    ok: false,
    error: "RPPS must contain only digits, got 'A' at position 11",
  });
  assert.deepEqual(checkRpps('abcdefghijk'), {
    ok: false,
    error: "RPPS must contain only digits, got 'a' at position 1",
  });
  assert.equal(checkRpps('10005-173140').ok, false);
});

test("idNatPsFromRpps prefixes '8' and refuses malformed RPPS", () => {
  assert.equal(idNatPsFromRpps('10005173140'), '810005173140');
  assert.equal(idNatPsFromRpps('10003461033'), '810003461033'); // Luhn warning does not block
  assert.throws(() => idNatPsFromRpps('1000517314'), {
    name: 'RangeError',
    message: 'RPPS must be exactly 11 digits, got 10',
  });
});

test('property: any 11 digits is accepted; a warning appears iff Luhn fails', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }).map((a) => a.join('')),
      (rpps) => {
        const r = checkRpps(rpps);
        assert.equal(r.ok, true);
        assert.deepEqual(r.warnings, luhnValid(rpps) ? [] : [RPPS_LUHN_WARNING]);
      },
    ),
  );
});

test('property: any other length of digits is refused', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }).filter((a) => a.length !== 11),
      (digits) => {
        assert.equal(checkRpps(digits.join('')).ok, false);
      },
    ),
  );
});
