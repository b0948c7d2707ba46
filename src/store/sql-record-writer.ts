import type { Kysely, Transaction } from 'kysely';
import type { NewPatient, RecordWriter } from '../domain/record/record-ports.ts';
import type { Database } from './database-schema.ts';
import { addEntryRow, addEventRow, type RowsByTable } from './entry-rows.ts';
import { translateConstraintError } from './constraint-errors.ts';
import { identityColumns } from './patient-identity-columns.ts';
import { createUnnestInsert, type UnnestInsert } from './unnest-insert.ts';

// Parents before children, so foreign keys hold at every insert.
const INSERT_ORDER: readonly (keyof Database)[] = [
  'patients',
  'care_team_members',
  'conditions',
  'medications',
  'allergies',
  'results',
  'documents',
  'appointments',
  'events',
];

/** Writes patient state and its journal events in one transaction per call. */
export function createSqlRecordWriter(db: Kysely<Database>): RecordWriter {
  const insert = createUnnestInsert();
  return {
    async registerPatients(patients: readonly NewPatient[]) {
      const rows: RowsByTable = {};
      for (const patient of patients) {
        const at = patient.events[0]?.occurredAt ?? new Date();
        const row = patientRow(patient, at);
        (rows.patients ??= []).push(row);
        const addedBy = patient.events[0]?.actorAccountId ?? null;
        const members = (rows.care_team_members ??= []);
        const firstMember = members.length;
        for (const { id, entry } of patient.entries)
          addEntryRow(rows, patient.patientId, id, entry, { at, addedBy });
        // The search copies of the name keys, given here so the trigger need not look them up.
        for (const member of members.slice(firstMember)) {
          member.family_name_key = row.family_name_key;
          member.used_family_name_key = row.used_family_name_key;
          member.given_name_key = row.given_name_key;
        }
        for (const event of patient.events) addEventRow(rows, event);
      }
      await inTransaction(db, (trx) => insertAll(trx, insert, rows));
    },

    async addEntry(scope, id, entry, event) {
      const rows: RowsByTable = {};
      addEntryRow(rows, scope.patientId, id, entry, { at: event.occurredAt, addedBy: event.actorAccountId });
      addEventRow(rows, event);
      await inTransaction(db, (trx) => insertAll(trx, insert, rows));
    },
  };
}

async function inTransaction(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<void>) {
  try {
    await db.transaction().execute(work);
  } catch (error) {
    throw translateConstraintError(error) ?? error;
  }
}

async function insertAll(trx: Transaction<Database>, insert: UnnestInsert, rows: RowsByTable): Promise<void> {
  for (const table of INSERT_ORDER) await insert(trx, table, rows[table] ?? []);
}

function patientRow(patient: NewPatient, at: Date) {
  return {
    patient_id: patient.patientId,
    ...identityColumns(patient.identity),
    created_at: at,
    updated_at: at,
  };
}
