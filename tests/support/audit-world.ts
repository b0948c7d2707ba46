import type { Relais } from '../../src/app.ts';
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
