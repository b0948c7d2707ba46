import type { Kysely, Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import { deepFrozen } from '../domain/shared/deep-frozen.ts';
import type { PatientVersionReader, VersionedIdentity } from '../domain/record/patient-versions.ts';
import type { Database, PatientIdentityVersionsTable } from './database-schema.ts';
import { preparedOnce } from './prepared-once.ts';
import { identityOfRow } from './patient-identity-columns.ts';

/** How many versions are kept: about the patients of a few busy GPs' lists. */
const KEPT_VERSIONS = 5000;

/**
 * The versions of a patient's identity, as the triggers of migration 0021 keep them. A version never
 * changes (a changed identity is a new version), so the last ones read are kept, frozen: a read whose
 * access check saw the current version number (`scope.identityVersion`) finds it here without a
 * statement, and the version is the one the check saw even if a correction lands in between.
 */
export function createSqlPatientVersions(db: Kysely<Database>): PatientVersionReader {
  const kept = new LRUCache<string, VersionedIdentity>({ max: KEPT_VERSIONS });
  const versions = (patientId: string) =>
    db.selectFrom('patient_identity_versions').selectAll().where('patient_id', '=', patientId);
  // Every FHIR Patient read runs one of them, unless the version is kept.
  const currentVersion = preparedOnce('current-patient-version', (patientId: string) =>
    versions(patientId)
      .where('version_id', '=', (eb) =>
        eb.selectFrom('patients').select('version_id').where('patient_id', '=', patientId),
      )
      .compile(),
  );
  const versionNumbered = preparedOnce('patient-version', (patientId: string, versionId: number) =>
    versions(patientId).where('version_id', '=', versionId).compile(),
  );

  const keep = (row: Selectable<PatientIdentityVersionsTable> | undefined) => {
    if (row === undefined) return undefined;
    const version = deepFrozen(versionOfRow(row));
    kept.set(keyOf(version.patientId, version.versionId), version);
    return version;
  };
  const numbered = async (patientId: string, versionId: number) =>
    kept.get(keyOf(patientId, versionId)) ??
    keep((await db.executeQuery(versionNumbered(patientId, versionId))).rows[0]);

  return {
    async current(scope) {
      if (scope.identityVersion !== null) return numbered(scope.patientId, scope.identityVersion);
      return keep((await db.executeQuery(currentVersion(scope.patientId))).rows[0]);
    },
    version: (scope, versionId) => numbered(scope.patientId, versionId),
    async history(scope) {
      const rows = await versions(scope.patientId).orderBy('version_id', 'desc').execute();
      return rows.map(versionOfRow);
    },
  };
}

function keyOf(patientId: string, versionId: number): string {
  return `${patientId}/${versionId}`;
}

function versionOfRow(row: Selectable<PatientIdentityVersionsTable>): VersionedIdentity {
  return {
    patientId: row.patient_id,
    versionId: row.version_id,
    lastUpdated: new Date(row.recorded_at),
    identity: identityOfRow(row),
  };
}
