import { sql, type Kysely } from 'kysely';

/**
 * An audit entry may be about several patients (issue 9): a search that finds twenty patients, a
 * worklist page of a hundred, is one event, written as one row naming them in `patient_ids` rather
 * than one row each. A row names its patient in `patient_id` when it has one, in `patient_ids` when it
 * has several (never both); the GIN index finds a patient's entries among the latter, as the B-tree
 * does among the former. Its pending list is off: an insert pays its keys at once, rather than a
 * later insert paying for everyone's (a latency spike under load).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_entries add column patient_ids uuid[],
    add constraint audit_entries_one_or_many_patients
      check (patient_ids is null or (patient_id is null and cardinality(patient_ids) >= 2))`.execute(db);
  await sql`create index audit_entries_patients on audit_entries using gin (patient_ids)
    with (fastupdate = off) where patient_ids is not null`.execute(db);
}
