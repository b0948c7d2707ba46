import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FINESS_LUHN_WARNING, checkFiness, idNatStFromFiness } from './finess.ts';
import { luhnValid } from './luhn.ts';

test('CHRU Nancy 540002698 is accepted without warning', () => {
  assert.deepEqual(checkFiness('540002698'), { ok: true, value: '540002698', warnings: [] });
});

test('ANS fictitious 458174839 is accepted with a Luhn warning', () => {
  assert.deepEqual(checkFiness('458174839'), {
    ok: true,
    value: '458174839',
    warnings: ['FINESS check digit does not verify (Luhn); fictitious test numbers often fail it'],
  });
});

test('Corsica 2A/2B numbers are accepted, normalized, and not Luhn-checked', () => {
  assert.deepEqual(checkFiness('2A0000000'), { ok: true, value: '2A0000000', warnings: [] });
  assert.deepEqual(checkFiness('2b0001234'), { ok: true, value: '2B0001234', warnings: [] });
  assert.deepEqual(checkFiness(' 2A 000 0001 '), { ok: true, value: '2A0000001', warnings: [] });
});

test('wrong lengths are refused', () => {
  assert.deepEqual(checkFiness('54000269'), { ok: false, error: 'FINESS must be 9 characters, got 8' });
  assert.deepEqual(checkFiness('5400026980'), { ok: false, error: 'FINESS must be 9 characters, got 10' });
  assert.deepEqual(checkFiness(''), { ok: false, error: 'FINESS must be 9 characters, got 0' });
});

test('letters outside a leading 2A/2B are refused', () => {
  for (const bad of ['2C0000000', 'AB0000000', '54000269X', '5400A2698', 'A20000000']) {
    assert.deepEqual(checkFiness(bad), {
      ok: false,
      error: `FINESS must be 9 digits, or 2A/2B (Corsica) followed by 7 digits, got '${bad}'`,
    });
  }
});

test("idNatStFromFiness prefixes '1' and refuses malformed FINESS", () => {
  assert.equal(idNatStFromFiness('540002698'), '1540002698');
  assert.equal(idNatStFromFiness('2a0000000'), '12A0000000');
  assert.throws(() => idNatStFromFiness('54000269'), {
    name: 'RangeError',
    message: 'FINESS must be 9 characters, got 8',
  });
});

test('property: any 9 digits is accepted; a warning appears iff Luhn fails', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((a) => a.join('')),
      (finess) => {
        const r = checkFiness(finess);
        assert.equal(r.ok, true);
        assert.deepEqual(r.warnings, luhnValid(finess) ? [] : [FINESS_LUHN_WARNING]);
      },
    ),
  );
});

test('property: 2A/2B + 7 digits is accepted without warnings', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('2A', '2B'),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }).map((a) => a.join('')),
      (dept, rest) => {
        assert.deepEqual(checkFiness(dept + rest), { ok: true, value: dept + rest, warnings: [] });
      },
    ),
  );
});
