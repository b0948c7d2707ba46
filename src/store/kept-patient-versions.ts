import { sql, type Kysely, type Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { VersionedIdentity } from '../domain/record/patient-versions.ts';
import { deepFrozen } from '../domain/shared/deep-frozen.ts';
import { arrayLiteral } from './array-literal.ts';
import type { Database, PatientIdentityVersionsTable } from './database-schema.ts';
import { identityOfRow } from './patient-identity-columns.ts';
import { preparedOnce } from './prepared-once.ts';

/** How many versions are kept: about the patients of a few busy GPs' lists. */
const KEPT_VERSIONS = 5000;

/** A version of a patient's identity, named by its number. */
export interface VersionNamed {
  readonly patientId: string;
  readonly versionId: number;
}

/**
 * The identity versions last read, frozen, shared by the readers of one database (the reads by id and
 * the searches). A version never changes (the triggers of migration 0021 make a change a new version),
 * so a reader that knows which version it needs (from the access check's facts, or a search's page)
 * takes it from here and reads only the others. Nothing reaches these but through a reader that was
 * given a scope or a search within the caller's reach.
 */
export interface KeptPatientVersions {
  /** The versions named, in the same order: the kept ones from memory, the others in one statement. */
  numbered(named: readonly VersionNamed[]): Promise<(VersionedIdentity | undefined)[]>;
  /** Keeps a version read as a row, and gives it as the readers do. */
  keep(row: Selectable<PatientIdentityVersionsTable>): VersionedIdentity;
}

export function createKeptPatientVersions(db: Kysely<Database>): KeptPatientVersions {
  const kept = new LRUCache<string, VersionedIdentity>({ max: KEPT_VERSIONS });
  const rowsNamed = preparedOnce('patient-versions-named', (patientIds: string, versionIds: string) =>
    sql<Selectable<PatientIdentityVersionsTable>>`
      select v.* from unnest(${patientIds}::uuid[], ${versionIds}::int[]) as named (patient_id, version_id)
        join patient_identity_versions v using (patient_id, version_id)
    `.compile(db),
  );

  const keep = (row: Selectable<PatientIdentityVersionsTable>) => {
    const version = deepFrozen(versionOfRow(row));
    kept.set(keyOf(version), version);
    return version;
  };

  return {
    keep,
    async numbered(named) {
      const found = named.map((version) => kept.get(keyOf(version)));
      const missing = named.filter((_, index) => found[index] === undefined);
      if (missing.length === 0) return found;
      const { rows } = await db.executeQuery(
        rowsNamed(
          arrayLiteral(missing.map(({ patientId }) => patientId)),
          arrayLiteral(missing.map(({ versionId }) => versionId)),
        ),
      );
      const read = new Map<string, VersionedIdentity>();
      for (const row of rows) {
        const version = keep(row);
        read.set(keyOf(version), version);
      }
      return named.map((version, index) => found[index] ?? read.get(keyOf(version)));
    },
  };
}

function keyOf({ patientId, versionId }: VersionNamed): string {
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
