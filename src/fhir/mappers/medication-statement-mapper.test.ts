import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { MedicationStatement } from '@medplum/fhirtypes';
import type { Medication } from '../../domain/record/coordination-record.ts';
import {
  medicationStatementFromFhir,
  medicationStatementToFhir,
  type MedicationEntry,
} from './medication-statement-mapper.ts';
import { assertRefused, assertRoundTrip, assertValidR4, runOfficialExamples } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const NOW = new Date('2026-12-04T12:00:00Z');

const metformin: Medication = {
  id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  atcCode: 'A10BA02',
  name: 'Metformine 1000 mg, comprimé',
  dosage: '1 comprimé matin et soir au cours des repas',
  startedOn: '2021-06-01',
  status: 'active',
  provenance: null,
  recordedAt: '2021-06-01T09:12:00.000Z',
};

const entryArbitrary: fc.Arbitrary<MedicationEntry> = fc.record({
  kind: fc.constant('medication'),
  atcCode: fc.option(fc.constantFrom('A10BA02', 'C10AA05', 'C09AA05', 'R03AK06', 'N06AB06')),
  name: fc.constantFrom(
    'Metformine 1000 mg, comprimé',
    'Atorvastatine 20 mg, comprimé',
    'Ramipril 5 mg, gélule',
  ),
  dosage: fc.constantFrom('1 comprimé le soir', '2 bouffées matin et soir', '18 unités le soir'),
  startedOn: fc.option(
    fc
      .date({ min: new Date('1990-01-01'), max: NOW, noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ),
  status: fc.constantFrom('active', 'stopped'),
});

const fromEntry = (entry: MedicationEntry): Medication => {
  const { kind, ...fields } = entry;
  assert.equal(kind, 'medication');
  return { id: metformin.id, ...fields, provenance: null, recordedAt: metformin.recordedAt };
};

describe('MedicationStatement mapper', () => {
  it('writes a treatment as a MedicationStatement coded in ATC that validates against R4', () => {
    const resource = medicationStatementToFhir(PATIENT, metformin);
    assertValidR4(resource);
    assert.deepEqual(resource.medicationCodeableConcept, {
      coding: [{ system: 'http://www.whocc.no/atc', code: 'A10BA02', display: metformin.name }],
      text: metformin.name,
    });
    assert.deepEqual(resource.dosage, [{ text: metformin.dosage }]);
    assert.deepEqual(resource.effectivePeriod, { start: '2021-06-01' });
    assert.equal(resource.subject.reference, `Patient/${PATIENT}`);
  });

  it('gives back the same entry after domain → FHIR → domain, and every resource validates', () => {
    assertRoundTrip(
      PATIENT,
      entryArbitrary,
      (entry) => medicationStatementToFhir(PATIENT, fromEntry(entry)),
      medicationStatementFromFhir,
    );
  });

  const valid = (): MedicationStatement => medicationStatementToFhir(PATIENT, metformin);

  it('refuses what the record cannot hold, naming the FHIR path', () => {
    const cases: [MedicationStatement, string][] = [
      [{ ...valid(), status: 'on-hold' }, 'MedicationStatement.status'],
      [
        {
          ...valid(),
          medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'A10BA02' }] },
        },
        'MedicationStatement.medicationCodeableConcept.text',
      ],
      [
        { ...valid(), medicationReference: { reference: '#med0309' } },
        'MedicationStatement.medicationReference',
      ],
      [{ ...valid(), dosage: [{ timing: { code: { text: 'BID' } } }] }, 'MedicationStatement.dosage.text'],
      [{ ...valid(), dosage: [{ text: '1 le matin' }, { text: '2 le soir' }] }, 'MedicationStatement.dosage'],
      [
        { ...valid(), effectivePeriod: { start: '2021-06-01', end: '2022-01-01' } },
        'MedicationStatement.effectivePeriod.end',
      ],
      [{ ...valid(), effectivePeriod: { start: '2021' } }, 'MedicationStatement.effectivePeriod.start'],
      [{ ...valid(), subject: { reference: 'Group/1' } }, 'MedicationStatement.subject.reference'],
    ];
    for (const [resource, path] of cases) assertRefused(() => medicationStatementFromFhir(resource), path);
    const { dosage, ...noDosage } = valid();
    assert.ok(dosage);
    assertRefused(() => medicationStatementFromFhir(noDosage), 'MedicationStatement.dosage');
  });

  it('reads a completed treatment as stopped, a single date as its start, and names from codings', () => {
    const { effectivePeriod, ...withoutPeriod } = valid();
    assert.ok(effectivePeriod);
    const { entry } = medicationStatementFromFhir({
      ...withoutPeriod,
      status: 'completed',
      medicationCodeableConcept: {
        coding: [{ system: 'http://snomed.info/sct', code: '27658006', display: 'Amoxicillin (product)' }],
      },
      effectiveDateTime: '2014-01-23T10:00:00+01:00',
    });
    assert.deepEqual(entry, {
      kind: 'medication',
      atcCode: null,
      name: 'Amoxicillin (product)',
      dosage: metformin.dosage,
      startedOn: '2014-01-23',
      status: 'stopped',
    });
  });

  it('maps or refuses every official R4 MedicationStatement example, never crashing', (t) => {
    const counts = runOfficialExamples('MedicationStatement', medicationStatementFromFhir, NOW);
    t.diagnostic(`MedicationStatement examples: ${JSON.stringify(counts)}`);
    assert.equal(counts.mapped + counts.refused + counts.refusedByDomain, 7);
    assert.ok(counts.mapped > 0);
  });
});
