import type { Kysely } from 'kysely';
import type { NewPatient, RecordWriter } from '../domain/record/record-ports.ts';
import type { Database } from './database-schema.ts';
import { addEntryRow, addEventRow, type RowsByTable } from './entry-rows.ts';
import { identityColumns } from './patient-identity-columns.ts';
import { createUnnestInsert, type UnnestInsert } from './unnest-insert.ts';
import { inOneStatement } from './write-transaction.ts';

// Parents first: the tables' statement triggers check the foreign keys once all rows are in.
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
  const insert = createUnnestInsert('record');
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
        // The search copies of the name keys and version, given here: the trigger could not read the
        // patient written in the same statement. A registered identity is version 1 (migration 0021).
        for (const member of members.slice(firstMember)) {
          member.family_name_key = row.family_name_key;
          member.used_family_name_key = row.used_family_name_key;
          member.given_name_key = row.given_name_key;
          member.identity_version = 1;
        }
        for (const event of patient.events) addEventRow(rows, event);
      }
      await writeTogether(db, insert, rows);
    },

    async addEntry(scope, id, entry, event) {
      const rows: RowsByTable = {};
      addEntryRow(rows, scope.patientId, id, entry, { at: event.occurredAt, addedBy: event.actorAccountId });
      addEventRow(rows, event);
      await writeTogether(db, insert, rows);
    },
  };
}

/** Writes the rows of every table in one statement (see inOneStatement). */
async function writeTogether(db: Kysely<Database>, insert: UnnestInsert, rows: RowsByTable): Promise<void> {
  const tables = INSERT_ORDER.map((table) => [table, rows[table] ?? []] as const);
  await inOneStatement(db, (db) => insert.together(db, tables));
}

function patientRow(patient: NewPatient, at: Date) {
  return {
    patient_id: patient.patientId,
    ...identityColumns(patient.identity),
    created_at: at,
    updated_at: at,
  };
}
