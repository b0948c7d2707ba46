import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { Allergy } from '../../domain/record/coordination-record.ts';
import {
  allergyIntoleranceFromFhir,
  allergyIntoleranceToFhir,
  type AllergyEntry,
} from './allergy-intolerance-mapper.ts';
import { assertRefused, assertRoundTrip, assertValidR4, runOfficialExamples } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const NOW = new Date('2026-12-04T12:00:00Z');

const penicillin: Allergy = {
  id: '3b4c5d6e-7f80-4a9b-8c1d-2e3f4a5b6c7d',
  substance: 'Pénicillines (amoxicilline)',
  reaction: 'Urticaire généralisée',
  criticality: 'high',
};

const entryArbitrary: fc.Arbitrary<AllergyEntry> = fc.record({
  kind: fc.constant('allergy'),
  substance: fc.constantFrom(
    'Pénicillines (amoxicilline)',
    'Latex',
    'Arachide',
    'Produits de contraste iodés',
  ),
  reaction: fc.option(
    fc.constantFrom('Urticaire généralisée', 'Œdème de Quincke', 'Nausées et vomissements'),
  ),
  criticality: fc.constantFrom('low', 'high', 'unable-to-assess'),
});

const fromEntry = (entry: AllergyEntry): Allergy => {
  const { kind, ...fields } = entry;
  assert.equal(kind, 'allergy');
  return { id: penicillin.id, ...fields };
};

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

describe('AllergyIntolerance mapper', () => {
  it('writes an allergy as an active AllergyIntolerance that validates against R4', () => {
    const resource = allergyIntoleranceToFhir(PATIENT, penicillin);
    assertValidR4(resource);
    assert.deepEqual(resource.code, { text: penicillin.substance });
    assert.equal(resource.criticality, 'high');
    assert.deepEqual(resource.reaction, [{ manifestation: [{ text: penicillin.reaction }] }]);
    assert.equal(resource.patient.reference, `Patient/${PATIENT}`);
  });

  it('gives back the same entry after domain → FHIR → domain, and every resource validates', () => {
    assertRoundTrip(
      PATIENT,
      entryArbitrary,
      (entry) => allergyIntoleranceToFhir(PATIENT, fromEntry(entry)),
      allergyIntoleranceFromFhir,
    );
  });

  const valid = (): AllergyIntolerance => allergyIntoleranceToFhir(PATIENT, penicillin);

  it('refuses what the record cannot hold, naming the FHIR path', () => {
    const cases: [AllergyIntolerance, string][] = [
      [
        { ...valid(), clinicalStatus: { coding: [{ system: CLINICAL, code: 'resolved' }] } },
        'AllergyIntolerance.clinicalStatus',
      ],
      [
        { ...valid(), verificationStatus: { coding: [{ system: VERIFICATION, code: 'unconfirmed' }] } },
        'AllergyIntolerance.verificationStatus',
      ],
      [
        {
          ...valid(),
          code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003' }], text: 'NKA' },
        },
        'AllergyIntolerance.code',
      ],
      [
        { ...valid(), code: { coding: [{ system: 'http://snomed.info/sct', code: '91936005' }] } },
        'AllergyIntolerance.code.text',
      ],
      [
        { ...valid(), reaction: [{ manifestation: [{ text: 'Urticaire' }], severity: 'severe' }] },
        'AllergyIntolerance.reaction[0].severity',
      ],
      [
        {
          ...valid(),
          reaction: [
            { manifestation: [{ text: 'Urticaire' }] },
            { manifestation: [{ coding: [{ code: 'x' }] }] },
          ],
        },
        'AllergyIntolerance.reaction[1].manifestation',
      ],
      [{ ...valid(), patient: { reference: 'Patient/' } }, 'AllergyIntolerance.patient.reference'],
    ];
    for (const [resource, path] of cases) assertRefused(() => allergyIntoleranceFromFhir(resource), path);
  });

  it('joins the manifestations of every reaction, and reads no criticality as unable to assess', () => {
    const { criticality, ...withoutCriticality } = valid();
    assert.ok(criticality);
    const { entry } = allergyIntoleranceFromFhir({
      ...withoutCriticality,
      code: { coding: [{ system: 'http://snomed.info/sct', code: '227493005', display: 'Cashew nuts' }] },
      reaction: [
        {
          manifestation: [
            {
              coding: [
                { system: 'http://snomed.info/sct', code: '39579001', display: 'Anaphylactic reaction' },
              ],
            },
          ],
        },
        { manifestation: [{ text: 'Urticaire' }] },
      ],
    });
    assert.deepEqual(entry, {
      kind: 'allergy',
      substance: 'Cashew nuts',
      reaction: 'Anaphylactic reaction, Urticaire',
      criticality: 'unable-to-assess',
    });
  });

  it('maps or refuses every official R4 AllergyIntolerance example, never crashing', (t) => {
    const counts = runOfficialExamples('AllergyIntolerance', allergyIntoleranceFromFhir, NOW);
    t.diagnostic(`AllergyIntolerance examples: ${JSON.stringify(counts)}`);
    assert.equal(counts.mapped + counts.refused + counts.refusedByDomain, 6);
    assert.ok(counts.mapped > 0);
  });
});
