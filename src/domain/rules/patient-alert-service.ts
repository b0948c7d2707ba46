import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import type { PatientAlert } from './patient-alert.ts';

/** Port: the alerts and suggestions rules raised on a patient; every method takes a scope. */
export interface PatientAlertStore {
  /** Open alerts, newest first. */
  listOpen(scope: PatientScope): Promise<PatientAlert[]>;
  /** Closes an open alert with its event, in one transaction; says what it found. */
  dismiss(
    scope: PatientScope,
    alertId: string,
    by: { accountId: string; at: Date; event: DomainEvent },
  ): Promise<'dismissed' | 'not-found' | 'already-dismissed'>;
}

/** Reading and dismissing a patient's alerts and suggestions, through the access gate. */
export function createPatientAlertService(deps: {
  access: PatientAccess;
  store: PatientAlertStore;
  clock: Clock;
  newId: NewId;
}) {
  const { access, store, clock, newId } = deps;
  const professional = (principal: Principal) => {
    if (principal.kind !== 'professional') {
      throw new DomainError('forbidden', 'alerts and suggestions are for the care team');
    }
  };
  return {
    /** The open alerts and suggestions of a patient. Errors: `not-found`, `forbidden`. */
    async list(principal: Principal, patientId: string, origin: RequestOrigin): Promise<PatientAlert[]> {
      professional(principal);
      const scope = await access.open(principal, patientId, { action: 'read', resource: 'alerts' }, origin);
      return store.listOpen(scope);
    },

    /** Dismisses one alert. Errors: `not-found` (patient or alert), `forbidden`, `conflict` (already dismissed). */
    async dismiss(principal: Principal, patientId: string, alertId: string, origin: RequestOrigin) {
      professional(principal);
      const scope = await access.open(principal, patientId, { action: 'write', resource: 'alerts' }, origin);
      const at = clock();
      const event: DomainEvent = {
        id: newId(),
        type: 'patient-alert.dismissed',
        patientId,
        actorAccountId: principal.accountId,
        occurredAt: at,
        payload: { alertId },
      };
      const outcome = await store.dismiss(scope, alertId, { accountId: principal.accountId, at, event });
      if (outcome === 'not-found')
        throw new DomainError('not-found', `no alert with id ${alertId} for this patient`);
      if (outcome === 'already-dismissed')
        throw new DomainError('conflict', 'this alert was already dismissed');
    },
  };
}

export type PatientAlertService = ReturnType<typeof createPatientAlertService>;
