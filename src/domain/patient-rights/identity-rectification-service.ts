import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { IdentityStatus } from '../identity/identity-status.ts';
import type { ValidIdentity } from '../identity/patient-registration.ts';
import { isoDate, type Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import {
  rectifyIdentity,
  staleVersion,
  type IdentityCorrections,
  type RectifiableField,
  type Rectification,
  type StatusAfterRectification,
} from './identity-rectification.ts';

/** Port: corrects a patient's identity with its journal event. */
export interface IdentityRectifier {
  /**
   * In one transaction: reads the patient's identity and its version under a row lock, lets `decide`
   * correct it, then writes the new identity (the next version) and the event, or nothing when `decide`
   * throws. Errors: those of `decide`, `conflict` (the INS is another patient's).
   */
  rectify(
    scope: PatientScope,
    decide: (current: ValidIdentity, versionId: number) => Rectification,
  ): Promise<Rectification & { readonly versionId: number }>;
}

/** What a rectification changed, for the caller. */
export interface RectificationOutcome {
  readonly changedFields: readonly RectifiableField[];
  readonly identityStatusBefore: IdentityStatus;
  readonly identityStatusAfter: IdentityStatus;
  /** The identity as corrected, its version and when it was written. */
  readonly identity: ValidIdentity;
  readonly versionId: number;
  readonly rectifiedAt: Date;
}

/** The right to rectification: a care-team professional corrects the identity, the history is kept. */
export function createIdentityRectificationService(deps: {
  access: PatientAccess;
  rectifier: IdentityRectifier;
  statusAfter: StatusAfterRectification;
  clock: Clock;
  newId: NewId;
}) {
  return {
    /**
     * Errors: `invalid-input` (reason, traits, nothing changes), `forbidden`, `not-found`, `conflict`,
     * `precondition-failed` when `expectedVersion` is given and is no longer the current version.
     */
    async rectify(
      principal: Principal,
      patientId: string,
      corrections: IdentityCorrections,
      reason: string,
      origin: RequestOrigin,
      expectedVersion?: number,
    ): Promise<RectificationOutcome> {
      const scope = await deps.access.open(
        principal,
        patientId,
        { action: 'write', resource: 'identity' },
        origin,
      );
      const now = deps.clock();
      const done = await deps.rectifier.rectify(scope, (current, versionId) => {
        if (expectedVersion !== undefined && expectedVersion !== versionId)
          throw staleVersion(expectedVersion, versionId);
        return rectifyIdentity(current, corrections, {
          reason,
          today: isoDate(now),
          statusAfter: deps.statusAfter,
          event: { id: deps.newId(), patientId, actorAccountId: principal.accountId, occurredAt: now },
        });
      });
      return {
        changedFields: done.changedFields,
        identityStatusBefore: done.previousStatus,
        identityStatusAfter: done.identity.identityStatus,
        identity: done.identity,
        versionId: done.versionId,
        rectifiedAt: now,
      };
    },
  };
}

export type IdentityRectificationService = ReturnType<typeof createIdentityRectificationService>;
