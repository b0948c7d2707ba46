import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPLETE_LETTER } from '../../../tests/support/discharge-letters.ts';
import {
  letterProblems,
  letterStatus,
  looksLikePdf,
  missingPartsOf,
  type StructuredLetter,
} from './discharge-letter.ts';

describe('the parts a lettre de liaison must hold (CSP R1112-1-2)', () => {
  test('a letter with every part is complete', () => {
    assert.deepEqual(missingPartsOf(COMPLETE_LETTER), []);
    assert.equal(letterStatus({ kind: 'structured', missingParts: [] }), 'complete');
  });

  test('each part left unsaid is listed, in the order of the rule; "none" is not missing', () => {
    const letter: StructuredLetter = {
      ...COMPLETE_LETTER,
      identities: { ...COMPLETE_LETTER.identities, medecinTraitant: '  ' },
      reasonForAdmission: null,
      summary: {
        ...COMPLETE_LETTER.summary,
        bloodProducts: null,
        adverseEvents: { status: 'present', details: '' },
      },
      dischargeTreatments: [{ name: 'Furosémide', atcCode: null, dosage: '40 mg', duration: null }],
      stoppedTreatments: null,
      pendingResults: null,
      followUp: { plannedCare: null, appointments: [] },
    };
    assert.deepEqual(missingPartsOf(letter), [
      'medecin-traitant',
      'reason-for-admission',
      'adverse-events',
      'blood-products',
      'treatment-durations',
      'stopped-treatments',
      'pending-results',
      'follow-up',
    ]);
    assert.equal(letterStatus({ kind: 'structured', missingParts: ['follow-up'] }), 'incomplete');
  });

  test('no treatment at discharge, said as an empty list, is a complete part; a stop without reason is not', () => {
    const letter: StructuredLetter = {
      ...COMPLETE_LETTER,
      dischargeTreatments: [],
      stoppedTreatments: [{ name: 'Aspirine', atcCode: null, dosage: null, reason: null }],
    };
    assert.deepEqual(missingPartsOf(letter), ['stopped-treatment-reasons']);
  });

  test('an uploaded PDF is received, its content not checked; no letter is missing', () => {
    assert.equal(letterStatus({ kind: 'pdf', missingParts: [] }), 'unchecked');
    assert.equal(letterStatus(null), 'missing');
  });

  test('malformed parts are refused, each naming its field', () => {
    const problems = letterProblems({
      ...COMPLETE_LETTER,
      admission: { date: '2026-01-15', mode: 'Urgences' },
      dischargeTreatments: [{ name: 'X', atcCode: 'c03ca01', dosage: '1', duration: null }],
      followUp: { plannedCare: null, appointments: [{ date: '19/01/2026', with: 'Dr', place: null }] },
    });
    assert.deepEqual(problems, [
      'discharge.date is before admission.date',
      'dischargeTreatments/0/atcCode "c03ca01" is not an ATC code',
      'followUp/appointments/0/date must be a date (YYYY-MM-DD)',
    ]);
    assert.deepEqual(letterProblems(COMPLETE_LETTER), []);
  });

  test('a PDF is told by its header', () => {
    assert.equal(looksLikePdf(new TextEncoder().encode('%PDF-1.7\n...')), true);
    assert.equal(looksLikePdf(new TextEncoder().encode('<html>%PDF-')), false);
    assert.equal(looksLikePdf(new Uint8Array()), false);
  });
});
