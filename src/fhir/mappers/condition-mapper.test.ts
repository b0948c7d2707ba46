import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Condition as FhirCondition } from '@medplum/fhirtypes';
import type { Condition } from '../../domain/record/coordination-record.ts';
import { conditionFromFhir, conditionToFhir, type ConditionEntry } from './condition-mapper.ts';
import { assertRefused, assertRoundTrip, assertValidR4, runOfficialExamples } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const NOW = new Date('2026-12-04T12:00:00Z');

const diabetes: Condition = {
  id: '0b8f4a52-3c1d-4e2f-9a7b-6c5d4e3f2a10',
  codeSystem: 'ICD-10',
  code: 'E11.9',
  display: 'Diabète de type 2, sans complication',
  clinicalStatus: 'active',
  onsetDate: '2019-03-14',
};

const entryArbitrary: fc.Arbitrary<ConditionEntry> = fc.record({
  kind: fc.constant('condition'),
  codeSystem: fc.constantFrom('ICD-10', 'SNOMED-CT'),
  code: fc.constantFrom('E11.9', 'I50.9', 'J44.1', 'C50.9', 'I10', '44054006', '84114007'),
  display: fc.constantFrom('Diabète de type 2', 'Insuffisance cardiaque', 'BPCO', 'Hypertension artérielle'),
  clinicalStatus: fc.constantFrom('active', 'resolved'),
  onsetDate: fc.option(
    fc
      .date({ min: new Date('1950-01-01'), max: NOW, noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ),
});

const fromEntry = (entry: ConditionEntry): Condition => {
  const { kind, ...fields } = entry;
  assert.equal(kind, 'condition');
  return { id: diabetes.id, ...fields };
};

describe('Condition mapper', () => {
  it('writes a problem as a problem-list Condition coded in ICD-10 that validates against R4', () => {
    const resource = conditionToFhir(PATIENT, diabetes);
    assertValidR4(resource);
    assert.deepEqual(resource.code?.coding, [
      { system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9', display: diabetes.display },
    ]);
    assert.equal(resource.subject.reference, `Patient/${PATIENT}`);
    assert.equal(resource.clinicalStatus?.coding?.[0]?.code, 'active');
    assert.equal(resource.onsetDateTime, '2019-03-14');
  });

  it('gives back the same entry after domain → FHIR → domain, and every resource validates', () => {
    assertRoundTrip(
      PATIENT,
      entryArbitrary,
      (entry) => conditionToFhir(PATIENT, fromEntry(entry)),
      conditionFromFhir,
    );
  });

  const valid = (): FhirCondition => conditionToFhir(PATIENT, diabetes);

  it('refuses what the record cannot hold, naming the FHIR path', () => {
    assertRefused(
      () => conditionFromFhir({ ...valid(), code: { text: 'Diabète' } }),
      'Condition.code.coding',
    );
    assertRefused(
      () =>
        conditionFromFhir({
          ...valid(),
          code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9' }] },
        }),
      'Condition.code.text',
    );
    assertRefused(
      () =>
        conditionFromFhir({
          ...valid(),
          clinicalStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'remission' },
            ],
          },
        }),
      'Condition.clinicalStatus',
    );
    assertRefused(() => {
      const { clinicalStatus, ...withoutStatus } = valid();
      assert.ok(clinicalStatus);
      return conditionFromFhir(withoutStatus);
    }, 'Condition.clinicalStatus');
    assertRefused(
      () =>
        conditionFromFhir({
          ...valid(),
          verificationStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' },
            ],
          },
        }),
      'Condition.verificationStatus',
    );
    assertRefused(
      () => conditionFromFhir({ ...valid(), onsetDateTime: '2019-03' }),
      'Condition.onsetDateTime',
    );
    assertRefused(() => conditionFromFhir({ ...valid(), onsetString: 'childhood' }), 'Condition.onsetString');
    assertRefused(
      () => conditionFromFhir({ ...valid(), bodySite: [{ text: 'left foot' }] }),
      'Condition.bodySite',
    );
    assertRefused(
      () => conditionFromFhir({ ...valid(), subject: { reference: 'Group/101' } }),
      'Condition.subject.reference',
    );
  });

  it('takes the ICD-10 code among equivalent codings, and the day of an onset given with a time', () => {
    const mapped = conditionFromFhir({
      ...valid(),
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' },
          { system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9' },
        ],
      },
      onsetDateTime: '2019-03-14T08:30:00+01:00',
    });
    assert.deepEqual(mapped.entry, {
      kind: 'condition',
      codeSystem: 'ICD-10',
      code: 'E11.9',
      display: 'Diabetes mellitus type 2',
      clinicalStatus: 'active',
      onsetDate: '2019-03-14',
    });
  });

  it('maps or refuses every official R4 Condition example, never crashing', (t) => {
    const counts = runOfficialExamples('Condition', conditionFromFhir, NOW);
    t.diagnostic(`Condition examples: ${JSON.stringify(counts)}`);
    assert.equal(counts.mapped + counts.refused + counts.refusedByDomain, 12);
  });
});
