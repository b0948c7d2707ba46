import type { Kysely } from 'kysely';
import type { PatientVersionReader, VersionedIdentity } from '../domain/record/patient-versions.ts';
import type { Database, PatientIdentityVersionsTable } from './database-schema.ts';
import { preparedOnce } from './prepared-once.ts';
import { identityOfRow } from './patient-identity-columns.ts';
import type { Selectable } from 'kysely';

/** The versions of a patient's identity, as the triggers of migration 0021 keep them. */
export function createSqlPatientVersions(db: Kysely<Database>): PatientVersionReader {
  const versions = (patientId: string) =>
    db.selectFrom('patient_identity_versions').selectAll().where('patient_id', '=', patientId);
  // Every FHIR Patient read runs it.
  const currentVersion = preparedOnce('current-patient-version', (patientId: string) =>
    versions(patientId)
      .where('version_id', '=', (eb) =>
        eb.selectFrom('patients').select('version_id').where('patient_id', '=', patientId),
      )
      .compile(),
  );
  return {
    async current(scope) {
      const [row] = (await db.executeQuery(currentVersion(scope.patientId))).rows;
      return row === undefined ? undefined : versionOfRow(row);
    },
    async version(scope, versionId) {
      const row = await versions(scope.patientId).where('version_id', '=', versionId).executeTakeFirst();
      return row === undefined ? undefined : versionOfRow(row);
    },
    async history(scope) {
      const rows = await versions(scope.patientId).orderBy('version_id', 'desc').execute();
      return rows.map(versionOfRow);
    },
  };
}

function versionOfRow(row: Selectable<PatientIdentityVersionsTable>): VersionedIdentity {
  return {
    patientId: row.patient_id,
    versionId: row.version_id,
    lastUpdated: new Date(row.recorded_at),
    identity: identityOfRow(row),
  };
}
