import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charlsonIndex } from './charlson.ts';
import { hospitalScore, laceBand, laceScore, lengthOfStayPoints } from './readmission-scores.ts';

const icd10 = (...codes: string[]) => codes.map((code) => ({ codeSystem: 'ICD-10', code }));

describe('LACE index (van Walraven 2010)', () => {
  test('length of stay points, with 14 days and more worth 7', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 6, 7, 13, 14, 40].map(lengthOfStayPoints),
      [0, 1, 2, 3, 4, 4, 5, 5, 7, 7],
    );
  });

  test('worked example: 8 days, emergency admission, Charlson 2, 1 ED visit = 5 + 3 + 2 + 1 = 11', () => {
    const lace = laceScore({
      lengthOfStayDays: 8,
      acuteAdmission: true,
      charlson: 2,
      emergencyVisits6Months: 1,
    });
    assert.deepEqual(
      lace.items.map(({ item, points }) => [item, points]),
      [
        ['L', 5],
        ['A', 3],
        ['C', 2],
        ['E', 1],
      ],
    );
    assert.equal(lace.total, 11);
    assert.equal(laceBand(lace.total, 10), 'high');
  });

  test('the caps: 14 days = 7, Charlson 4 and above = 5, ED visits 4 and above = 4 — the maximum is 19', () => {
    const lace = laceScore({
      lengthOfStayDays: 20,
      acuteAdmission: true,
      charlson: 9,
      emergencyVisits6Months: 7,
    });
    assert.equal(lace.total, 7 + 3 + 5 + 4);
    assert.equal(
      laceScore({ lengthOfStayDays: 0, acuteAdmission: false, charlson: 3, emergencyVisits6Months: 0 }).total,
      3,
    );
  });

  test('the cut-off is a setting: 9 is below the default 10, high with a cut-off of 9', () => {
    assert.equal(laceBand(9, 10), 'below-cutoff');
    assert.equal(laceBand(9, 9), 'high');
  });
});

describe('Charlson index from ICD-10 problems (Quan 2005)', () => {
  test('weights add up across categories; SNOMED problems are not read', () => {
    // Heart failure 1, COPD 1, CKD stage 3 (N18) 2, uncomplicated type 2 diabetes 1.
    const result = charlsonIndex([
      ...icd10('I50.9', 'J44.9', 'N18.3', 'E11.9'),
      { codeSystem: 'SNOMED-CT', code: '84114007' },
    ]);
    assert.equal(result.score, 5);
    assert.deepEqual(
      result.categories.map(({ category }) => category),
      ['heart-failure', 'chronic-pulmonary', 'diabetes', 'renal'],
    );
  });

  test('the severe form replaces the mild one (metastasis over cancer, complicated over plain diabetes)', () => {
    assert.equal(charlsonIndex(icd10('C50.9', 'C78.0')).score, 6);
    assert.equal(charlsonIndex(icd10('E11.9', 'E11.2')).score, 2);
    assert.equal(charlsonIndex(icd10('I10', 'R54')).score, 0);
  });
});

describe('HOSPITAL score (Donzé 2013)', () => {
  const base = {
    oncologyService: false,
    anyProcedure: true,
    urgentAdmission: true,
    admissions12Months: 2,
    lengthOfStayDays: 6,
  };

  test('worked example: Hb 110 g/L, Na 132, procedure, urgent, 2 admissions, 6 days = 1+0+1+1+1+2+2 = 8, high', () => {
    const score = hospitalScore({
      ...base,
      hemoglobin: { value: 110, unit: 'g/L' },
      sodium: { value: 132, unit: 'mmol/L' },
    });
    assert.deepEqual(
      score?.items.map(({ item, points }) => [item, points]),
      [
        ['H', 1],
        ['O', 0],
        ['S', 1],
        ['P', 1],
        ['I', 1],
        ['A', 2],
        ['L', 2],
      ],
    );
    assert.equal(score.total, 8);
    assert.equal(score.band, 'high');
  });

  test('bands and the admissions table: 0–1 → 0, 2–5 → 2, > 5 → 5', () => {
    const normalLabs = { hemoglobin: { value: 13.5, unit: 'g/dL' }, sodium: { value: 140, unit: 'mmol/L' } };
    const quiet = {
      ...base,
      ...normalLabs,
      anyProcedure: false,
      urgentAdmission: false,
      lengthOfStayDays: 2,
    };
    assert.deepEqual(
      [1, 2, 5, 6].map((admissions12Months) => hospitalScore({ ...quiet, admissions12Months })?.total),
      [0, 2, 2, 5],
    );
    assert.equal(hospitalScore({ ...quiet, admissions12Months: 6 })?.band, 'intermediate');
    assert.equal(hospitalScore({ ...quiet, admissions12Months: 0 })?.band, 'low');
  });

  test('without haemoglobin or sodium (or in a unit not read) there is no score', () => {
    const sodium = { value: 140, unit: 'mmol/L' };
    assert.equal(hospitalScore({ ...base, hemoglobin: null, sodium }), null);
    assert.equal(hospitalScore({ ...base, hemoglobin: { value: 12, unit: 'g/dL' }, sodium: null }), null);
    assert.equal(hospitalScore({ ...base, hemoglobin: { value: 7.4, unit: 'mmol/L' }, sodium }), null);
  });
});
