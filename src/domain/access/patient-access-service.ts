import type { AuditEntry, AuditTrail } from '../audit/audit-entry.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import type { Clock } from '../shared/clock.ts';
import type { DataCategory } from './data-category.ts';
import {
  decidePatientAccess,
  NO_ACCESS_FACTS,
  type AccessFacts,
  type AccessPurpose,
} from './patient-access-policy.ts';
import type { PatientScope } from './patient-scope.ts';
import type { Principal } from './principal.ts';

/** Port: loads what the access decision needs. */
export interface AccessFactsSource {
  /** Whether the patient exists at all. */
  patientExists(patientId: string): Promise<boolean>;
  /** What the decision needs to know about the practitioner and the patient on `on`, in one read. */
  accessFacts(practitionerId: string, patientId: string, on: Date): Promise<PatientAccessFacts>;
}

/**
 * The decision's facts, read with the version of the patient's identity at that moment (null: there is
 * no such patient). The version decides nothing: the scope carries it to the readers.
 */
export interface PatientAccessFacts extends AccessFacts {
  readonly identityVersion: number | null;
}

/** Where the request comes from, for the audit trail. */
export interface RequestOrigin {
  readonly clientAddress: string | null;
}

/** The single gate to patient data: decide, audit (durably), then hand out a scope. */
export interface PatientAccess {
  /**
   * Opens a patient's data for one purpose. Errors: `not-found` (no such patient),
   * `forbidden` (the decision's reason). Both outcomes are audited before returning.
   */
  open(
    principal: Principal,
    patientId: string,
    purpose: AccessPurpose,
    origin: RequestOrigin,
  ): Promise<PatientScope>;
  /**
   * Checks, within an open scope, data the caller found to be of a sensitive `category` (a document's
   * label is only known once it is read). Error: `forbidden`, audited, when the category is hidden.
   */
  requireCategory(scope: PatientScope, category: DataCategory | null, origin: RequestOrigin): Promise<void>;
  /**
   * Opens a patient's data and reads it with `readWith` while the access's audit row is being made
   * durable: the answer is given only once both are done, so no data leaves before its audit row,
   * but the read does not wait for the disk. Errors: those of `open`, of the audit and of `readWith`.
   */
  read<T>(
    principal: Principal,
    patientId: string,
    purpose: AccessPurpose,
    origin: RequestOrigin,
    readWith: (scope: PatientScope) => Promise<T>,
  ): Promise<T>;
}

export function createPatientAccess(deps: {
  facts: AccessFactsSource;
  audit: AuditTrail;
  clock: Clock;
}): PatientAccess {
  const read: PatientAccess['read'] = async (principal, patientId, purpose, origin, readWith) => {
    // A text that names no patient is refused before it reaches the uuid columns (nor is it audited:
    // there is no patient to record it against).
    if (!isUuid(patientId)) throw new DomainError('not-found', `no patient with id ${patientId}`);
    const now = deps.clock();
    const facts: PatientAccessFacts | undefined =
      principal.kind === 'professional'
        ? await deps.facts.accessFacts(principal.practitionerId, patientId, now)
        : undefined;
    const decision = decidePatientAccess(principal, patientId, facts ?? NO_ACCESS_FACTS, purpose, now);
    const exists =
      facts !== undefined
        ? facts.identityVersion !== null
        : decision.allowed || (await deps.facts.patientExists(patientId));
    const audited = deps.audit.append([
      auditEntryFor(principal, patientId, purpose, origin, now, {
        outcome: decision.allowed && exists ? 'allowed' : 'denied',
        reason: exists ? decision.reason : 'no such patient',
        role: facts?.careTeamRoles[0] ?? null,
      }),
    ]);
    if (!exists || !decision.allowed) {
      await audited;
      if (!exists) throw new DomainError('not-found', `no patient with id ${patientId}`);
      throw new DomainError('forbidden', `access refused: ${decision.reason}`);
    }
    const { basis, expiresAt, hiddenCategories } = decision;
    const identityVersion = facts?.identityVersion ?? null;
    const scope = {
      patientId,
      principal,
      purpose,
      basis,
      expiresAt,
      hiddenCategories,
      identityVersion,
    } as PatientScope;
    const [, data] = await Promise.all([audited, readWith(scope)]);
    return data;
  };

  return {
    read,
    open: (principal, patientId, purpose, origin) =>
      read(principal, patientId, purpose, origin, (scope) => Promise.resolve(scope)),

    async requireCategory(scope, category, origin) {
      if (category === null || !scope.hiddenCategories.includes(category)) return;
      const reason = `the patient restricted ${category} data to named professionals`;
      await deps.audit.append([
        auditEntryFor(scope.principal, scope.patientId, scope.purpose, origin, deps.clock(), {
          outcome: 'denied',
          reason,
          role: null,
        }),
      ]);
      throw new DomainError('forbidden', `access refused: ${reason}`);
    },
  };
}

/** Builds the audit entry for a patient-data access by a principal. */
export function auditEntryFor(
  principal: Principal,
  patientId: string | null,
  purpose: { action: AuditEntry['action']; resource: string },
  origin: RequestOrigin,
  at: Date,
  outcome: { outcome: AuditEntry['outcome']; reason: string; role: string | null },
): AuditEntry {
  return {
    at,
    accountId: principal.accountId,
    actorKind: principal.kind,
    actorRole: principal.kind === 'patient' ? 'patient' : outcome.role,
    patientId,
    action: purpose.action,
    resource: purpose.resource,
    outcome: outcome.outcome,
    reason: outcome.reason,
    clientAddress: origin.clientAddress,
  };
}
