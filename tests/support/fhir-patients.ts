import type { Patient } from '@medplum/fhirtypes';
import {
  IDENTIFIER_TYPE_SYSTEM,
  IDENTITY_RELIABILITY_URL,
  IDENTITY_STATUS_SYSTEM,
} from '../../src/fhir/fr-core.ts';
import { fictionalIns } from './factories.ts';

/**
 * An FR Core Patient with a qualified identity and an INS (by default a fresh fictional one, test
 * OID), with overrides.
 */
export function fhirPatient(
  overrides: Partial<Patient> = {},
  ins: { readonly matricule: string; readonly oid: string } = fictionalIns('female'),
): Patient {
  return {
    resourceType: 'Patient',
    extension: [
      {
        url: IDENTITY_RELIABILITY_URL,
        extension: [{ url: 'identityStatus', valueCoding: { system: IDENTITY_STATUS_SYSTEM, code: 'QUAL' } }],
      },
    ],
    identifier: [
      {
        use: 'official',
        type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'INS-NIR-TEST' }] },
        system: `urn:oid:${ins.oid}`,
        value: ins.matricule,
      },
    ],
    name: [{ use: 'official', family: 'Lefèvre', given: ['Hélène'] }],
    gender: 'female',
    birthDate: '1980-05-12',
    ...overrides,
  };
}

/** The INS identifier token (`system|value`) of a Patient built by fhirPatient. */
export function insToken(patient: Patient): string {
  const [identifier] = patient.identifier ?? [];
  return `${identifier?.system ?? ''}|${identifier?.value ?? ''}`;
}
