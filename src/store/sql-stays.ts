import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Stay } from '../domain/stays/stay.ts';
import type { StayReader } from '../domain/stays/stay-ports.ts';
import type { Database, StaysTable } from './database-schema.ts';

/**
 * Inserts a stay (`expectedVersion` null) or updates it if still at `expectedVersion`, inside the
 * caller's transaction so the change lands with its events. Returns false when someone changed it first.
 */
export async function writeStay(
  trx: Transaction<Database>,
  stay: Stay,
  expectedVersion: number | null,
): Promise<boolean> {
  const row = stayRow(stay);
  if (expectedVersion === null) {
    await trx.insertInto('stays').values(row).execute();
    return true;
  }
  const updated = await trx
    .updateTable('stays')
    .set(row)
    .where('patient_id', '=', stay.patientId)
    .where('id', '=', stay.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

export function createSqlStayReader(db: Kysely<Database>): StayReader {
  return {
    async byId(patientId, stayId) {
      const row = await db
        .selectFrom('stays')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('id', '=', stayId)
        .executeTakeFirst();
      return row === undefined ? null : stayOf(row);
    },
    async byVisit(facility, visitNumber) {
      const row = await db
        .selectFrom('stays')
        .selectAll()
        .where('facility', '=', facility)
        .where('visit_number', '=', visitNumber)
        .executeTakeFirst();
      return row === undefined ? null : stayOf(row);
    },
    async ofPatient(patientId) {
      const rows = await db
        .selectFrom('stays')
        .selectAll()
        .where('patient_id', '=', patientId)
        .orderBy('admitted_at', 'desc')
        .execute();
      return rows.map(stayOf);
    },
  };
}

function stayRow(stay: Stay) {
  return {
    patient_id: stay.patientId,
    id: stay.id,
    facility: stay.facility,
    hospital_id: stay.hospitalId,
    visit_number: stay.visitNumber,
    patient_class: stay.patientClass,
    admission_kind: stay.admissionKind,
    status: stay.status,
    unit: stay.unit,
    service_id: stay.serviceId,
    attending: stay.attending,
    admitted_at: stay.admittedAt,
    discharged_at: stay.dischargedAt,
    discharge_disposition: stay.dischargeDisposition,
    procedure_count: stay.procedureCount,
    updated_at: stay.updatedAt,
    version: stay.version,
  };
}

export function stayOf(row: Selectable<StaysTable>): Stay {
  return {
    id: row.id,
    patientId: row.patient_id,
    facility: row.facility,
    hospitalId: row.hospital_id,
    visitNumber: row.visit_number,
    patientClass: row.patient_class,
    admissionKind: row.admission_kind,
    status: row.status,
    unit: row.unit,
    serviceId: row.service_id,
    attending: row.attending,
    admittedAt: row.admitted_at,
    dischargedAt: row.discharged_at,
    dischargeDisposition: row.discharge_disposition,
    procedureCount: row.procedure_count,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
