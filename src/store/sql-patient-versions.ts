import type { Kysely } from 'kysely';
import type { PatientVersionReader } from '../domain/record/patient-versions.ts';
import type { Database } from './database-schema.ts';
import type { KeptPatientVersions } from './kept-patient-versions.ts';
import { preparedOnce } from './prepared-once.ts';

/**
 * The versions of a patient's identity, as the triggers of migration 0021 keep them. A read whose
 * access check saw the current version number (`scope.identityVersion`) takes that version from the
 * kept ones without a statement when it is there; the version is the one the check saw even if a
 * correction lands in between.
 */
export function createSqlPatientVersions(
  db: Kysely<Database>,
  kept: KeptPatientVersions,
): PatientVersionReader {
  const versions = (patientId: string) =>
    db.selectFrom('patient_identity_versions').selectAll().where('patient_id', '=', patientId);
  // A patient's own read (no version seen by a check) runs it.
  const currentVersion = preparedOnce('current-patient-version', (patientId: string) =>
    versions(patientId)
      .where('version_id', '=', (eb) =>
        eb.selectFrom('patients').select('version_id').where('patient_id', '=', patientId),
      )
      .compile(),
  );
  const numbered = async (patientId: string, versionId: number) =>
    (await kept.numbered([{ patientId, versionId }]))[0];

  return {
    async current(scope) {
      if (scope.identityVersion !== null) return numbered(scope.patientId, scope.identityVersion);
      const [row] = (await db.executeQuery(currentVersion(scope.patientId))).rows;
      return row === undefined ? undefined : kept.keep(row);
    },
    version: (scope, versionId) => numbered(scope.patientId, versionId),
    async history(scope) {
      const rows = await versions(scope.patientId).orderBy('version_id', 'desc').execute();
      return rows.map((row) => kept.keep(row));
    },
  };
}
