import type { Patient } from '@medplum/fhirtypes';
import { LRUCache } from 'lru-cache';
import type { VersionedIdentity } from '../../domain/record/patient-versions.ts';
import { serializedOnce } from '../resource-json.ts';
import { patientToFhir } from './patient-to-fhir.ts';

/** How many patient versions are kept as FHIR: about the patients of a few busy GPs' lists. */
const KEPT_VERSIONS = 5000;

/**
 * The FHIR Patient of each identity version, mapped and serialised once: a version never changes (a
 * changed identity is a new version, migration 0021), and the FHIR representation depends on nothing
 * else (not on who asks), so the searches that keep finding the same patients, a GP's searches among
 * their list, reuse it. The least recently used versions are dropped past `KEPT_VERSIONS`.
 */
export function createPatientRepresentations(): (version: VersionedIdentity) => Patient {
  const byVersion = new LRUCache<string, Patient>({ max: KEPT_VERSIONS });
  return (version) => {
    // The time is in the key too: a row's time could change without its identity (nothing does today).
    const key = `${version.patientId}/${version.versionId}/${version.lastUpdated.getTime()}`;
    let patient = byVersion.get(key);
    if (patient === undefined) {
      patient = serializedOnce(patientToFhir(version));
      byVersion.set(key, patient);
    }
    return patient;
  };
}
