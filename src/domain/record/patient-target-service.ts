import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { validatePatientTarget, type PatientTarget, type PatientTargetWriter } from './patient-target.ts';

/** Setting a patient's clinical targets, through the access gate. */
export function createPatientTargetService(deps: {
  access: PatientAccess;
  writer: PatientTargetWriter;
  clock: Clock;
  newId: NewId;
}) {
  return {
    /** Sets (or replaces) one target. Errors: `invalid-input`, `not-found`, `forbidden`. */
    async setTarget(principal: Principal, patientId: string, target: PatientTarget, origin: RequestOrigin) {
      validatePatientTarget(target);
      const scope = await deps.access.open(
        principal,
        patientId,
        { action: 'write', resource: 'target' },
        origin,
      );
      const at = deps.clock();
      await deps.writer.setTarget(scope, target, {
        accountId: principal.accountId,
        at,
        event: {
          id: deps.newId(),
          type: 'target.set',
          patientId,
          actorAccountId: principal.accountId,
          occurredAt: at,
          payload: { name: target.name, value: target.value, unit: target.unit },
        },
      });
    },
  };
}

export type PatientTargetService = ReturnType<typeof createPatientTargetService>;
