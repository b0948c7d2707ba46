import type { AccessPurpose } from './patient-access-policy.ts';
import type { Principal } from './principal.ts';

declare const grantedByAccessCheck: unique symbol;

/**
 * Proof that an access check allowed `principal` to act on `patientId` for `purpose`, and that the
 * audit entry is durable. Every patient-data port takes one, so the store cannot be read around the check.
 * Only patient-access-service.ts creates it.
 */
export interface PatientScope {
  readonly patientId: string;
  readonly principal: Principal;
  readonly purpose: AccessPurpose;
  readonly [grantedByAccessCheck]: true;
}
