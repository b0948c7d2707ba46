import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Observation } from '@medplum/fhirtypes';
import type { LabResult } from '../../domain/record/coordination-record.ts';
import { observationFromFhir, observationToFhir, type ResultEntry } from './observation-mapper.ts';
import { assertRefused, assertRoundTrip, assertValidR4, runOfficialExamples } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const NOW = new Date('2026-12-04T12:00:00Z');

const potassium: LabResult = {
  id: '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  loincCode: '2823-3',
  display: 'Potassium (kaliémie)',
  valueNumeric: 5.4,
  valueText: null,
  unit: 'mmol/L',
  referenceRange: '3.5–5 mmol/L',
  interpretation: 'high',
  effectiveAt: '2026-11-28T07:45:00.000Z',
};

// Results as the demo territory writes them: numbers with UCUM units, or a text without a unit.
const numeric = fc.record({
  valueNumeric: fc.double({ min: -1000, max: 100000, noNaN: true, noDefaultInfinity: true }),
  valueText: fc.constant(null),
  unit: fc.option(fc.constantFrom('mmol/L', '%', 'mm[Hg]', 'mL/min/{1.73_m2}', '10*3/uL', '{score}', 'kg')),
});
const text = fc.record({
  valueNumeric: fc.constant(null),
  valueText: fc.constantFrom('Absence de protéinurie', 'Positif', 'Rythme sinusal régulier'),
  unit: fc.constant(null),
});
const entryArbitrary: fc.Arbitrary<ResultEntry> = fc
  .record({
    kind: fc.constant('result'),
    loincCode: fc.constantFrom('2823-3', '4548-4', '8480-6', '62238-1', '44261-6', '29463-7'),
    display: fc.constantFrom('Potassium (kaliémie)', 'Hémoglobine glyquée (HbA1c)', 'Poids'),
    value: fc.oneof(numeric, text),
    referenceRange: fc.option(fc.constantFrom('3.5–5 mmol/L', '≤ 1.3 g/L', 'négatif')),
    interpretation: fc.option(fc.constantFrom('normal', 'low', 'high', 'abnormal')),
    effectiveAt: fc
      .date({ min: new Date('2000-01-01'), max: NOW, noInvalidDate: true })
      .map((d) => d.toISOString()),
  })
  .map(({ value, ...rest }) => ({ ...rest, ...value }));

const fromEntry = (entry: ResultEntry): LabResult => {
  const { kind, ...fields } = entry;
  assert.equal(kind, 'result');
  return { id: potassium.id, ...fields };
};

describe('Observation mapper', () => {
  it('writes a result as a final LOINC Observation with its UCUM quantity that validates against R4', () => {
    const resource = observationToFhir(PATIENT, potassium);
    assertValidR4(resource);
    assert.deepEqual(resource.code.coding, [
      { system: 'http://loinc.org', code: '2823-3', display: 'Potassium (kaliémie)' },
    ]);
    assert.deepEqual(resource.valueQuantity, {
      value: 5.4,
      unit: 'mmol/L',
      system: 'http://unitsofmeasure.org',
      code: 'mmol/L',
    });
    assert.equal(resource.interpretation?.[0]?.coding?.[0]?.code, 'H');
    assert.equal(resource.effectiveDateTime, '2026-11-28T07:45:00.000Z');
  });

  it('gives back the same entry after domain → FHIR → domain, and every resource validates', () => {
    assertRoundTrip(
      PATIENT,
      entryArbitrary,
      (entry) => observationToFhir(PATIENT, fromEntry(entry)),
      observationFromFhir,
    );
  });

  const valid = (): Observation => observationToFhir(PATIENT, potassium);

  it('refuses what the record cannot hold, naming the FHIR path', () => {
    const quantity = { value: 5.4, system: 'http://unitsofmeasure.org', code: 'mmol/L' };
    const cases: [Observation, string][] = [
      [{ ...valid(), status: 'preliminary' }, 'Observation.status'],
      [
        { ...valid(), code: { coding: [{ system: 'http://snomed.info/sct', code: '88480006' }] } },
        'Observation.code.coding',
      ],
      [
        { ...valid(), code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] } },
        'Observation.code.text',
      ],
      [
        { ...valid(), valueQuantity: { ...quantity, comparator: '<' } },
        'Observation.valueQuantity.comparator',
      ],
      [
        { ...valid(), valueQuantity: { ...quantity, system: 'urn:iso:std:iso:11073:10101' } },
        'Observation.valueQuantity.system',
      ],
      [
        { ...valid(), valueQuantity: { value: 5.4, unit: 'millimoles per litre' } },
        'Observation.valueQuantity.unit',
      ],
      [{ ...valid(), valueQuantity: { unit: 'mmol/L' } }, 'Observation.valueQuantity.value'],
      [{ ...valid(), effectiveDateTime: '2026-11' }, 'Observation.effectiveDateTime'],
      [{ ...valid(), effectiveDateTime: '2026-13-45T25:00:00Z' }, 'Observation.effectiveDateTime'],
      [
        { ...valid(), component: [{ code: { text: 'diastolic' }, valueQuantity: quantity }] },
        'Observation.component',
      ],
      [
        {
          ...valid(),
          interpretation: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH' },
              ],
            },
          ],
        },
        'Observation.interpretation',
      ],
      [
        { ...valid(), referenceRange: [{ text: 'adulte' }, { text: 'enfant' }] },
        'Observation.referenceRange',
      ],
      [
        { ...valid(), subject: { reference: 'https://example.org/fhir/Patient/1' } },
        'Observation.subject.reference',
      ],
    ];
    for (const [resource, path] of cases) assertRefused(() => observationFromFhir(resource), path);
    const { valueQuantity, ...noValue } = valid();
    assert.ok(valueQuantity);
    assertRefused(() => observationFromFhir(noValue), 'Observation.value[x]');
  });

  it('keeps the instant of a time given with an offset, a day as 00:00 UTC, and a range given by its bounds in words', () => {
    const { entry } = observationFromFhir({
      ...valid(),
      effectiveDateTime: '2026-11-28T08:45:00+01:00',
      referenceRange: [
        {
          low: { value: 3.5, unit: 'mmol/L' },
          high: { value: 5, system: 'http://unitsofmeasure.org', code: 'mmol/L' },
        },
      ],
    });
    assert.equal(entry.effectiveAt, '2026-11-28T07:45:00.000Z');
    assert.equal(entry.referenceRange, '3.5–5 mmol/L');
    const byDay = observationFromFhir({ ...valid(), effectiveDateTime: '2026-11-28' });
    assert.equal(byDay.entry.effectiveAt, '2026-11-28T00:00:00.000Z');
  });

  it('maps or refuses every official R4 Observation example, never crashing', (t) => {
    const counts = runOfficialExamples('Observation', observationFromFhir, NOW);
    t.diagnostic(`Observation examples: ${JSON.stringify(counts)}`);
    assert.equal(counts.mapped + counts.refused + counts.refusedByDomain, 64);
    assert.ok(counts.mapped > 0);
  });
});
