import type { AuditTrail } from '../audit/audit-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { AccessBasis } from './patient-access-policy.ts';
import { auditEntryFor, type RequestOrigin } from './patient-access-service.ts';
import type { PatientScope } from './patient-scope.ts';

/**
 * Narrows an open scope to the bases a use case accepts: some writes belong to the patient and their
 * care team only (a professional reading on consent, a referral or break-the-glass must not give
 * themselves a consent, nor end someone's membership). A refusal is audited as such, after the
 * `allowed` entry of the open. Error: `forbidden`, with `refusal` as the reason.
 */
export async function requireBasis(
  deps: { readonly audit: AuditTrail; readonly clock: Clock },
  scope: PatientScope,
  bases: readonly AccessBasis[],
  refusal: string,
  origin: RequestOrigin,
): Promise<void> {
  if (bases.includes(scope.basis)) return;
  await deps.audit.append([
    auditEntryFor(scope.principal, scope.patientId, scope.purpose, origin, deps.clock(), {
      outcome: 'denied',
      reason: refusal,
      role: null,
    }),
  ]);
  throw new DomainError('forbidden', `access refused: ${refusal}`);
}
