import type { Patient } from '@medplum/fhirtypes';
import type { VersionedIdentity } from '../../domain/record/patient-versions.ts';
import { serializedOnce } from '../resource-json.ts';
import { patientToFhir } from './patient-to-fhir.ts';

/**
 * The FHIR Patient of each identity version, mapped and serialised once. The store gives one frozen
 * object per version it keeps (ADR 0021), and a version's FHIR form depends on nothing else (not on
 * who asks), so the form is kept with the version's object, for as long as the store keeps it: the
 * reads and searches that keep finding the same patients, a GP's among their list, reuse it.
 */
export function createPatientRepresentations(): (version: VersionedIdentity) => Patient {
  const byVersion = new WeakMap<VersionedIdentity, Patient>();
  return (version) => {
    let patient = byVersion.get(version);
    if (patient === undefined) {
      patient = serializedOnce(patientToFhir(version));
      byVersion.set(version, patient);
    }
    return patient;
  };
}
