import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the audit entry (`audit_entries` under `alias`) is about the patient: as its one patient
 * (`patient_id`, B-tree) or among the several it names (`patient_ids`, GIN; migration 0032).
 */
export function aboutPatient(patientId: string, alias = 'a'): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column('patient_id')} = ${patientId} or ${column('patient_ids')} @> array[${patientId}]::uuid[])`;
}
