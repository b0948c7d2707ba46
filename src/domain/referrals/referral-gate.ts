import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import { decideReferralAccess, type ReferralViewer } from './referral-policy.ts';
import type { ReferralFactsSource, ReferralStore } from './referral-ports.ts';
import type { ReferralActionKind, ReferralRelation } from './referral.ts';
import type { ReferralScope } from './referral-scope.ts';
import type { StoredReferral } from './referral-views.ts';

/** A referral opened for one purpose, with the facts the decision used. */
export interface OpenedReferral {
  readonly stored: StoredReferral;
  readonly viewer: ReferralViewer & { readonly name: string };
  readonly relations: readonly ReferralRelation[];
  readonly principal: Extract<Principal, { kind: 'professional' }>;
  readonly scope: ReferralScope;
  readonly at: Date;
}

/**
 * The gate to one referral, like PatientAccess for a record: loads the referral and the viewer's
 * facts, decides with the referral policy, audits the decision against the patient (allowed or
 * denied, before answering), then hands the referral over.
 */
export function createReferralGate(deps: {
  store: ReferralStore;
  facts: ReferralFactsSource;
  audit: AuditTrail;
  clock: Clock;
}) {
  const { store, facts, audit, clock } = deps;
  return {
    /** Errors: `forbidden` (a patient, or not a party who may), `not-found` (no such referral). */
    async open(
      principal: Principal,
      referralId: string,
      wanted: ReferralActionKind | 'read',
      origin: RequestOrigin,
      resource = 'referral',
    ): Promise<OpenedReferral> {
      const professional = requireReferralProfessional(principal);
      const stored = isUuid(referralId) ? await store.find(referralId) : undefined;
      if (stored === undefined) throw new DomainError('not-found', `no referral with id ${referralId}`);
      const { referral } = stored;
      const at = clock();
      const viewer = await facts.viewer(professional.practitionerId, referral.patientId, at);
      const decision = decideReferralAccess(referral, principal, viewer, wanted);
      const purpose = { action: wanted === 'read' ? 'read' : 'write', resource } as const;
      await audit.append([
        auditEntryFor(principal, referral.patientId, purpose, origin, at, {
          outcome: decision.allowed ? 'allowed' : 'denied',
          reason: decision.reason,
          role: viewer.patientRoles[0] ?? null,
        }),
      ]);
      if (!decision.allowed) throw new DomainError('forbidden', `access refused: ${decision.reason}`);
      const scope = { referralId, patientId: referral.patientId } as ReferralScope;
      return { stored, viewer, relations: decision.relations, principal: professional, scope, at };
    },
  };
}

export type ReferralGate = ReturnType<typeof createReferralGate>;

/** Referrals are sent and handled by professionals. Error: `forbidden` for a patient account. */
export function requireReferralProfessional(
  principal: Principal,
): Extract<Principal, { kind: 'professional' }> {
  if (principal.kind !== 'professional') {
    throw new DomainError('forbidden', 'referrals are sent and handled by professionals');
  }
  return principal;
}
