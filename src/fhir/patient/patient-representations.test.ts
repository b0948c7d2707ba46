import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validIdentity } from '../../../tests/support/valid-identity.ts';
import type { VersionedIdentity } from '../../domain/record/patient-versions.ts';
import { resourceJson } from '../resource-json.ts';
import { createPatientRepresentations } from './patient-representations.ts';
import { patientToFhir } from './patient-to-fhir.ts';

const version = (versionId: number, birthFamilyName: string): VersionedIdentity => ({
  patientId: '6ed68d56-df56-4c50-8c49-1da0a80166eb',
  versionId,
  lastUpdated: new Date(`2026-12-0${versionId}T10:00:00Z`),
  identity: validIdentity({ birthFamilyName }),
});

test('each version of a patient is mapped once, as patientToFhir maps it, and a new version anew', () => {
  const representation = createPatientRepresentations();
  const kept = version(1, 'Lefèvre');
  const first = representation(kept);
  assert.deepEqual(first, patientToFhir(version(1, 'Lefèvre')));
  assert.equal(representation(kept), first, 'the same version: the same resource');
  assert.equal(resourceJson(first).toString(), JSON.stringify(patientToFhir(version(1, 'Lefèvre'))));
  const second = representation(version(2, 'Martin'));
  assert.notEqual(second, first);
  assert.equal(second.name?.[0]?.family, 'Martin');
  assert.equal(second.meta?.versionId, '2');
});
