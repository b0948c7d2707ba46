import { randomUUID } from 'node:crypto';
import type { Relais } from '../../src/app.ts';
import type { AuditEntriesTable } from '../../src/store/database-schema.ts';
import { createPatient, createProfessional } from './factories.ts';
import type { Dialect } from './test-database.ts';
import { startTestRelais } from './test-relais.ts';

type Professional = Awaited<ReturnType<typeof createProfessional>>;

/** The world of the audit-trail tests: a DPO, a patient's GP, and a nurse outside the care team. */
export interface AuditWorld {
  readonly relais: Relais;
  readonly dpo: Professional;
  readonly gp: Professional;
  readonly outsider: Professional;
  readonly patientId: string;
}

export async function startAuditWorld(dialect: Dialect): Promise<AuditWorld> {
  const relais = await startTestRelais(dialect);
  const dpo = await createProfessional(relais, 'coordinator', { roles: ['dpo'] });
  const gp = await createProfessional(relais);
  const outsider = await createProfessional(relais, 'nurse');
  const patientId = await createPatient(relais, [gp.practitionerId]);
  return { relais, dpo, gp, outsider, patientId };
}

/** An audit row as a test writes it straight into the trail. */
export type AuditRow = Omit<AuditEntriesTable, 'seq' | 'at'> & { at: Date };

/** A nurse's allowed read of a random patient's record, now, with the fields given in `overrides`. */
export const auditRow = (overrides: Partial<AuditRow>): AuditRow => ({
  at: new Date(),
  account_id: null,
  actor_kind: 'professional',
  actor_role: null,
  patient_id: randomUUID(),
  patient_ids: null,
  action: 'read',
  resource: 'record',
  outcome: 'allowed',
  reason: 'care team member (nurse)',
  client_address: '10.0.0.7',
  ...overrides,
});

/** Entries written straight into the trail, as they would have been on other days. */
export async function insertAuditRows(relais: Relais, rows: readonly AuditRow[]): Promise<void> {
  await relais.database.db.insertInto('audit_entries').values(rows).execute();
}
