import { randomUUID } from 'node:crypto';
import type { Relais } from '../../src/app.ts';
import { stayEvent, type Stay } from '../../src/domain/stays/stay.ts';
import { inTransaction, insertEvents } from '../../src/store/write-transaction.ts';
import { writeStay } from '../../src/store/sql-stays.ts';

/**
 * Stands in for the hospital's ADT feed in tests of what follows a stay (alerts, transitions): writes
 * the stay and its journal event the way ADT ingestion does, without going through HL7.
 */
export async function admitPatient(
  relais: Relais,
  patientId: string,
  options: Partial<
    Pick<Stay, 'admittedAt' | 'unit' | 'serviceId' | 'admissionKind' | 'patientClass' | 'facility'>
  > = {},
): Promise<Stay> {
  const admittedAt = options.admittedAt ?? new Date();
  const stay: Stay = {
    id: randomUUID(),
    patientId,
    facility: options.facility ?? '750000001',
    hospitalId: null,
    visitNumber: `V${randomUUID().slice(0, 8)}`,
    patientClass: options.patientClass ?? 'inpatient',
    admissionKind: options.admissionKind ?? 'emergency',
    status: 'admitted',
    unit: options.unit ?? 'Cardiologie',
    serviceId: options.serviceId ?? null,
    attending: 'Dr Fictif',
    admittedAt,
    dischargedAt: null,
    dischargeDisposition: null,
    procedureCount: 0,
    updatedAt: admittedAt,
    version: 1,
  };
  await inTransaction(relais.database.db, async (trx) => {
    await writeStay(trx, stay, null);
    await insertEvents(trx, [stayEvent('stay.admitted', stay, { id: randomUUID(), occurredAt: admittedAt })]);
  });
  return stay;
}

/** Discharges a stay written by `admitPatient`, with its `stay.discharged` event. */
export async function dischargePatient(relais: Relais, stay: Stay, dischargedAt = new Date()): Promise<Stay> {
  const discharged: Stay = {
    ...stay,
    status: 'discharged',
    dischargedAt,
    dischargeDisposition: 'home',
    updatedAt: dischargedAt,
    version: stay.version + 1,
  };
  await inTransaction(relais.database.db, async (trx) => {
    if (!(await writeStay(trx, discharged, stay.version))) throw new Error('the stay changed meanwhile');
    await insertEvents(trx, [
      stayEvent('stay.discharged', discharged, { id: randomUUID(), occurredAt: dischargedAt }),
    ]);
  });
  return discharged;
}
