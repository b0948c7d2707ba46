import type { Kysely, Transaction } from 'kysely';
import { nameKey } from '../domain/identity/name-key.ts';
import type { NewPatient, RecordWriter } from '../domain/record/record-ports.ts';
import type { Database } from './database-schema.ts';
import { addEntryRow, addEventRow, type RowsByTable } from './entry-rows.ts';
import { translateConstraintError } from './constraint-errors.ts';

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
// PostgreSQL takes at most 65,535 bind parameters per statement.
const MAX_PARAMETERS = 60_000;

/** Writes patient state and its journal events in one transaction per call. */
export function createSqlRecordWriter(db: Kysely<Database>): RecordWriter {
  return {
    async registerPatients(patients: readonly NewPatient[]) {
      const rows: RowsByTable = {};
      for (const patient of patients) {
        const at = patient.events[0]?.occurredAt ?? new Date();
        (rows.patients ??= []).push(patientRow(patient, at));
        const addedBy = patient.events[0]?.actorAccountId ?? null;
        for (const { id, entry } of patient.entries)
          addEntryRow(rows, patient.patientId, id, entry, { at, addedBy });
        for (const event of patient.events) addEventRow(rows, event);
      }
      await inTransaction(db, (trx) => insertAll(trx, rows));
    },

    async addEntry(scope, id, entry, event) {
      const rows: RowsByTable = {};
      addEntryRow(rows, scope.patientId, id, entry, { at: event.occurredAt, addedBy: event.actorAccountId });
      addEventRow(rows, event);
      await inTransaction(db, (trx) => insertAll(trx, rows));
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

async function insertAll(trx: Transaction<Database>, rows: RowsByTable): Promise<void> {
  for (const table of INSERT_ORDER) {
    const tableRows = rows[table];
    if (tableRows === undefined || tableRows.length === 0) continue;
    const columns = Object.keys(tableRows[0] ?? {}).length;
    const chunkSize = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
    for (let start = 0; start < tableRows.length; start += chunkSize) {
      await trx
        .insertInto(table)
        .values(tableRows.slice(start, start + chunkSize))
        .execute();
    }
  }
}

function patientRow(patient: NewPatient, at: Date) {
  const identity = patient.identity;
  return {
    patient_id: patient.patientId,
    ins_matricule: identity.ins?.matricule ?? null,
    ins_oid: identity.ins?.oid ?? null,
    identity_status: identity.identityStatus,
    birth_family_name: identity.birthFamilyName,
    first_given_name: identity.firstGivenName,
    given_names: identity.givenNames,
    used_family_name: identity.usedFamilyName,
    used_given_name: identity.usedGivenName,
    sex: identity.sex,
    birth_date: identity.birthDate,
    birth_place_code: identity.birthPlaceCode,
    phone: identity.phone,
    email: identity.email,
    address: identity.address,
    family_name_key: nameKey(identity.birthFamilyName),
    given_name_key: nameKey(identity.givenNames),
    used_family_name_key: identity.usedFamilyName === null ? null : nameKey(identity.usedFamilyName),
    created_at: at,
    updated_at: at,
  };
}
