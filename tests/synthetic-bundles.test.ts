import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  AllergyIntolerance,
  Condition,
  MedicationStatement,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { syntheticPatientBundle } from '../bench/synthetic-bundles.ts';
import { validateFhirResource } from '../src/fhir/fhir-validator.ts';
import { allergyIntoleranceFromFhir } from '../src/fhir/mappers/allergy-intolerance-mapper.ts';
import { conditionFromFhir } from '../src/fhir/mappers/condition-mapper.ts';
import { medicationStatementFromFhir } from '../src/fhir/mappers/medication-statement-mapper.ts';
import { observationFromFhir } from '../src/fhir/mappers/observation-mapper.ts';
import { patientFromFhir } from '../src/fhir/patient/patient-from-fhir.ts';
import { withResolvedReferences } from '../src/fhir/exchange/bundle-request.ts';

/** What the record would take of each resource, references to the bundle's Patient resolved. */
const readers: Record<string, (resource: Resource) => unknown> = {
  Condition: (resource) => conditionFromFhir(resource as Condition),
  Observation: (resource) => observationFromFhir(resource as Observation),
  MedicationStatement: (resource) => medicationStatementFromFhir(resource as MedicationStatement),
  AllergyIntolerance: (resource) => allergyIntoleranceFromFhir(resource as AllergyIntolerance),
};

test('synthetic patient bundles: valid R4, taken by the mappers, one INS each under the test OID', () => {
  const seen = new Set<string>();
  for (const index of [0, 1, 2, 7, 59, 60, 999, 123_456]) {
    const bundle = syntheticPatientBundle(index);
    assert.deepEqual(bundle, syntheticPatientBundle(index), 'the same index gives the same bundle');
    assert.equal(bundle.type, 'transaction');
    const entries = bundle.entry ?? [];
    assert.equal(entries.length, 16);
    assert.deepEqual(validateFhirResource(bundle), [], `bundle ${index} is valid R4`);
    const [first, ...clinical] = entries;
    const patient = first?.resource as Patient;
    const reading = patientFromFhir(patient);
    assert.ok(reading.ok, JSON.stringify(reading));
    assert.equal(reading.identity.ins?.oid, '1.2.250.1.213.1.4.10');
    const ins = reading.identity.ins.matricule;
    assert.ok(!seen.has(ins), `INS of bundle ${index} is its own`);
    seen.add(ins);
    const resolved = new Map([[first?.fullUrl ?? '', 'Patient/0190b5a2-0000-7000-8000-000000000001']]);
    for (const entry of clinical) {
      const resource = entry.resource as Resource;
      assert.deepEqual(validateFhirResource(resource), [], `${resource.resourceType} of bundle ${index}`);
      assert.equal(entry.request?.url, resource.resourceType);
      const read = readers[resource.resourceType];
      assert.ok(read !== undefined, resource.resourceType);
      read(withResolvedReferences(resource, resolved));
    }
  }
});
