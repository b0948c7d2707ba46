import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  classCounts,
  doseSignature,
  moleculeName,
  reconcile,
  withReasons,
  type PreAdmissionLine,
} from './medication-reconciliation.ts';
import { medicationChanges } from './reconciliation-service.ts';

const before = (
  medicationId: string,
  name: string,
  atcCode: string | null,
  dosage: string,
): PreAdmissionLine => ({
  medicationId,
  name,
  atcCode,
  dosage,
});

describe('medication reconciliation at discharge', () => {
  // Worked example: a heart-failure patient's list at admission and the discharge prescription.
  const preAdmission = [
    before('m1', 'Bisoprolol 5 mg', 'C07AB07', '1 cp le matin'),
    before('m2', 'Ramipril 5 mg, gélule', null, '1 gélule le soir'),
    before('m3', 'Furosémide 40 mg', 'C03CA01', '1 cp le matin'),
    before('m4', 'Ibuprofène 400 mg', 'M01AE01', '1 cp si douleur'),
  ];
  const discharge = [
    { name: 'BISOPROLOL 5mg', atcCode: 'C07AB07', dosage: '1 cp le matin', duration: null },
    { name: 'Ramipril 5 mg', atcCode: 'C09AA05', dosage: '1 gélule le soir', duration: '3 mois' },
    { name: 'Furosémide 40 mg', atcCode: 'C03CA01', dosage: '2 cp le matin', duration: null },
    { name: 'Spironolactone 25 mg', atcCode: 'C03DA01', dosage: '1 cp le matin', duration: '3 mois' },
  ];
  const stopped = [{ name: 'Ibuprofène', atcCode: 'M01AE01', reason: 'Insuffisance rénale aiguë' }];
  const lines = reconcile(preAdmission, discharge, stopped);

  test('pairs by ATC code first, then by the molecule name when a code is missing', () => {
    const byKey = new Map(lines.map((line) => [line.key, line]));
    assert.equal(byKey.get('med:m1')?.matchedBy, 'atc');
    // The record's ramipril has no ATC code: its name pairs it with the prescription's.
    assert.equal(byKey.get('med:m2')?.matchedBy, 'name');
    assert.equal(byKey.get('med:m2')?.after?.atcCode, 'C09AA05');
  });

  test('classifies continued, changed (dose), stopped (reason from the letter) and new', () => {
    assert.deepEqual(
      lines.map((line) => [line.key, line.class, line.reason]),
      [
        ['med:m1', 'continued', null],
        ['med:m2', 'continued', null],
        ['med:m3', 'changed', null],
        ['med:m4', 'stopped', 'Insuffisance rénale aiguë'],
        ['new:C03DA01:3', 'new', null],
      ],
    );
    assert.deepEqual(classCounts(lines), { continued: 2, changed: 1, stopped: 1, new: 1 });
  });

  test('a new strength under the same ATC code is a change, a brand name with the same dose is not', () => {
    const [strength] = reconcile(
      [before('a', 'Bisoprolol 5 mg', 'C07AB07', '1 cp')],
      [{ name: 'Bisoprolol 10 mg', atcCode: 'C07AB07', dosage: '1 cp', duration: null }],
    );
    assert.equal(strength?.class, 'changed');
    const [brand] = reconcile(
      [before('b', 'Kardégic 75 mg', 'B01AC06', '1 sachet midi')],
      [
        {
          name: 'Acide acétylsalicylique 75 mg',
          atcCode: 'B01AC06',
          dosage: '1 sachet  midi',
          duration: null,
        },
      ],
    );
    assert.equal(brand?.class, 'continued');
  });

  test('different molecules without codes stay apart: one stopped, one new', () => {
    const result = reconcile(
      [before('c', 'Amlodipine 5 mg', null, '1 cp')],
      [{ name: 'Lercanidipine 10 mg', atcCode: null, dosage: '1 cp', duration: null }],
    );
    assert.deepEqual(
      result.map((line) => line.class),
      ['stopped', 'new'],
    );
  });

  test('names and doses are normalised for matching', () => {
    assert.equal(moleculeName('Acide acétylsalicylique 75 mg, sachet'), 'acide acetylsalicylique');
    assert.equal(doseSignature({ name: 'X 2,5 mg', dosage: '1 CP  le soir' }), '2.5mg|1cplesoir');
  });

  test('typed reasons replace the prefilled ones; a blank one clears it', () => {
    const edited = withReasons(
      lines,
      new Map([
        ['med:m3', 'Congestion persistante'],
        ['med:m4', '  '],
      ]),
    );
    assert.equal(edited.find((line) => line.key === 'med:m3')?.reason, 'Congestion persistante');
    assert.equal(edited.find((line) => line.key === 'med:m4')?.reason, null);
  });

  test('confirming stops stopped and changed lines and starts changed and new ones; continued ones stay', () => {
    let n = 0;
    const changes = medicationChanges(lines, 'reconciliation:r1', '2026-01-12', () => `id${++n}`);
    assert.deepEqual(changes.stop, [
      { medicationId: 'm3', endedOn: '2026-01-12' },
      { medicationId: 'm4', endedOn: '2026-01-12' },
    ]);
    assert.deepEqual(
      changes.add.map(({ entry }) => [entry.name, entry.dosage, entry.startedOn]),
      [
        ['Furosémide 40 mg', '2 cp le matin', '2026-01-12'],
        ['Spironolactone 25 mg', '1 cp le matin (durée : 3 mois)', '2026-01-12'],
      ],
    );
  });
});
