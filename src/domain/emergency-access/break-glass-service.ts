import type { AuditTrail } from '../audit/audit-entry.ts';
import {
  auditEntryFor,
  type AccessFactsSource,
  type PatientAccess,
  type RequestOrigin,
} from '../access/patient-access-service.ts';
import { NO_ACCESS_FACTS } from '../access/patient-access-policy.ts';
import type { Principal } from '../access/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import type { BreakGlassReader, BreakGlassStore, EmergencyAccessView } from './break-glass-ports.ts';
import {
  breakGlassHoursProblem,
  breakGlassReason,
  decideBreakGlass,
  type BreakGlassDecision,
} from './break-glass-rules.ts';

const BREAK_GLASS = { action: 'break-glass', resource: 'record' } as const;
/** A patient sees their latest emergency accesses; there are a handful in a lifetime. */
const PORTAL_LIST_MAX = 100;
const NO_SUCH_PATIENT: BreakGlassDecision = { granted: false, code: 'not-found', reason: 'no such patient' };

/**
 * Break-the-glass: a professional outside the care team opens a record in an emergency, saying why.
 * Every request that gets past the reason check leaves one audit entry: the grant's own, written
 * with the grant and its journal event (which the notices job turns into notifications to the
 * coordinator and the patient), or a denied one. The record itself is then read through the
 * patient gate, like any other access, on the basis `break-glass` until the grant expires.
 */
export function createBreakGlassService(deps: {
  facts: AccessFactsSource;
  access: PatientAccess;
  store: BreakGlassStore;
  reader: BreakGlassReader;
  audit: AuditTrail;
  clock: Clock;
  newId: NewId;
  /** How long a grant lasts (RELAIS_BREAK_GLASS_HOURS). */
  hours: number;
}) {
  const problem = breakGlassHoursProblem(deps.hours);
  if (problem !== null) throw new Error(problem);

  const decide = async (principal: Principal, patientId: string, now: Date) => {
    // A patient is refused before anything is looked up, so the answer tells nothing of other records.
    if (principal.kind !== 'professional')
      return decideBreakGlass(principal, patientId, NO_ACCESS_FACTS, now, deps.hours);
    const facts = await deps.facts.accessFacts(principal.practitionerId, patientId, now);
    if (facts.identityVersion === null) return NO_SUCH_PATIENT;
    return decideBreakGlass(principal, patientId, facts, now, deps.hours);
  };

  return {
    /** How many hours a grant lasts, for the form that asks for one. */
    hours: deps.hours,

    /**
     * Opens the record to the caller until the returned time. Errors: `invalid-input` (the reason),
     * `forbidden` (not a professional, or the patient objects), `not-found`, `conflict` (the caller
     * already has access, or an emergency access that still runs).
     */
    async breakGlass(
      principal: Principal,
      patientId: string,
      givenReason: string,
      origin: RequestOrigin,
    ): Promise<{ expiresAt: Date }> {
      const reason = breakGlassReason(givenReason);
      const now = deps.clock();
      const entry = (outcome: 'allowed' | 'denied', why: string) =>
        auditEntryFor(principal, patientId, BREAK_GLASS, origin, now, { outcome, reason: why, role: null });
      const decision = await decide(principal, patientId, now);
      if (!decision.granted) {
        // The refusal and the reason the caller gave, for whoever reviews the attempts.
        await deps.audit.append([entry('denied', `${decision.reason} (reason given: ${reason})`)]);
        throw new DomainError(
          decision.code,
          decision.code === 'not-found'
            ? `no patient with id ${patientId}`
            : `break-the-glass refused: ${decision.reason}`,
        );
      }
      const grantId = deps.newId();
      const { practitionerId, expiresAt } = decision;
      const granted = await deps.store.grant(
        {
          id: grantId,
          patientId,
          practitionerId,
          accountId: principal.accountId,
          reason,
          grantedAt: now,
          expiresAt,
        },
        entry('allowed', reason),
        {
          id: deps.newId(),
          type: 'access.break-glass',
          patientId,
          actorAccountId: principal.accountId,
          occurredAt: now,
          // Who and until when; the reason stays in the grant and the audit trail.
          payload: { grantId, practitionerId, expiresAt: expiresAt.toISOString() },
        },
      );
      if (!granted) {
        const why = 'your emergency access to this record is already running (granted at the same time)';
        await deps.audit.append([entry('denied', `${why} (reason given: ${reason})`)]);
        throw new DomainError('conflict', `break-the-glass refused: ${why}`);
      }
      return { expiresAt };
    },

    /** The emergency accesses to my record, newest first, for my portal. Error: `forbidden`. */
    async accessesToMyRecord(principal: Principal, origin: RequestOrigin): Promise<EmergencyAccessView[]> {
      if (principal.kind !== 'patient') throw new DomainError('forbidden', 'the portal is for patients');
      const purpose = { action: 'read', resource: 'break-glass' } as const;
      const scope = await deps.access.open(principal, principal.patientId, purpose, origin);
      return deps.reader.accessesTo(scope, PORTAL_LIST_MAX);
    },
  };
}

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;
