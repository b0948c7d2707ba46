import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';

/** Audits a patient search: one row per patient found, or one saying nothing was. */
export async function auditSearchHits(
  audit: AuditTrail,
  principal: Principal,
  patientIds: readonly string[],
  origin: RequestOrigin,
  now: Date,
): Promise<void> {
  const purpose = { action: 'search', resource: 'patient-search' } as const;
  const allowed = { outcome: 'allowed', reason: 'search hit within care team', role: null } as const;
  await audit.append(
    patientIds.length > 0
      ? patientIds.map((patientId) => auditEntryFor(principal, patientId, purpose, origin, now, allowed))
      : [auditEntryFor(principal, null, purpose, origin, now, { ...allowed, reason: 'no hit' })],
  );
}
