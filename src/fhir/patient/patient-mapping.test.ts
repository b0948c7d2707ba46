import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeInsKey, INS_OIDS } from '../../domain/identity/ins.ts';
import { CLEARED } from '../../domain/patient-rights/identity-rectification.ts';
import type { ValidIdentity } from '../../domain/identity/patient-registration.ts';
import { validateFhirResource } from '../fhir-validator.ts';
import { patientFromFhir } from './patient-from-fhir.ts';
import { patientToFhir } from './patient-to-fhir.ts';

const NIR = '2800575123456';
const INS = { matricule: `${NIR}${computeInsKey(NIR)}`, oid: INS_OIDS['INS-NIR-TEST'] };
const full: ValidIdentity = {
  ins: INS,
  identityStatus: 'QUAL',
  birthFamilyName: 'Lefèvre',
  firstGivenName: 'Hélène',
  givenNames: 'Hélène Marie',
  usedFamilyName: 'Martin',
  usedGivenName: 'Léna',
  sex: 'female',
  birthDate: '1980-05-12',
  birthPlaceCode: '29064',
  phone: '0601020304',
  email: 'helene@example.org',
  address: '3 rue de la Paix, 75002 Paris',
};
const version = (identity: ValidIdentity) => ({
  patientId: '6ed68d56-df56-4c50-8c49-1da0a80166eb',
  versionId: 3,
  lastUpdated: new Date('2026-12-01T10:00:00Z'),
  identity,
});

describe('Patient mapping (FR Core)', () => {
  test('domain → FHIR → domain keeps every trait, and what we emit is valid R4', () => {
    const patient = patientToFhir(version(full));
    assert.deepEqual(validateFhirResource(patient), []);
    assert.deepEqual(patient.meta, { versionId: '3', lastUpdated: '2026-12-01T10:00:00.000Z' });
    const reading = patientFromFhir(patient);
    assert.ok(reading.ok, JSON.stringify(reading));
    const { ins, ...traits } = reading.identity;
    const { ins: fullIns, ...fullTraits } = full;
    assert.deepEqual(ins, fullIns);
    assert.deepEqual(traits, fullTraits);
  });

  test('the INS is shown only for a qualified identity; an INS-NIA is `temp`, an INS-NIR `official`', () => {
    assert.equal(patientToFhir(version({ ...full, identityStatus: 'VALI' })).identifier, undefined);
    const idOf = (oid: string) => patientToFhir(version({ ...full, ins: { ...INS, oid } })).identifier?.[0];
    const nia = idOf(INS_OIDS['INS-NIA']);
    assert.deepEqual([nia?.use, nia?.system], ['temp', 'urn:oid:1.2.250.1.213.1.4.9']);
    const nir = idOf(INS_OIDS['INS-NIR']);
    assert.deepEqual([nir?.use, nir?.type?.coding?.[0]?.code], ['official', 'INS-NIR']);
  });

  test('a minimal identity emits no empty element and stays valid', () => {
    const minimal: ValidIdentity = { ...full, ...CLEARED, identityStatus: 'PROV' };
    const patient = patientToFhir(version(minimal));
    assert.deepEqual(validateFhirResource(patient), []);
    assert.equal(patient.name?.length, 1);
    assert.equal(patient.telecom, undefined);
    assert.equal(patient.address, undefined);
  });

  test('the legacy INS-C is read and dropped; other identifiers and unknown extensions are refused by path', () => {
    const base = patientToFhir(version(full));
    const withInsC = patientFromFhir({
      ...base,
      identifier: [...(base.identifier ?? []), { system: 'urn:oid:1.2.250.1.213.1.4.2', value: '123' }],
    });
    assert.ok(withInsC.ok);
    const refused = patientFromFhir({
      ...base,
      identifier: [{ system: 'https://example.org/mrn', value: '1' }],
      extension: [...(base.extension ?? []), { url: 'https://example.org/x', valueString: 'y' }],
    });
    assert.ok(!refused.ok);
    assert.deepEqual(refused.issues.map((issue) => issue.expression?.[0]).sort(), [
      'Patient.extension[2]',
      'Patient.identifier[0].system',
    ]);
  });
});
