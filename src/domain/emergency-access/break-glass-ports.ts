import type { PatientScope } from '../access/patient-scope.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';

/** An emergency access to one patient's record, held by one professional until `expiresAt`. */
export interface BreakGlassGrant {
  readonly id: string;
  readonly patientId: string;
  readonly practitionerId: string;
  readonly accountId: string;
  readonly reason: string;
  readonly grantedAt: Date;
  readonly expiresAt: Date;
}

/** Port: where grants are kept (the access facts read them back). */
export interface BreakGlassStore {
  /**
   * Writes the grant, its audit entry and its journal event in one transaction: all or nothing.
   * Answers false, writing nothing, when the professional's grant to the patient still runs (a
   * request made at the same time won).
   */
  grant(grant: BreakGlassGrant, audit: AuditEntry, event: DomainEvent): Promise<boolean>;
}

/** An emergency access as the patient sees it: who, from where, when, until when and why. */
export interface EmergencyAccessView {
  readonly id: string;
  readonly holderName: string;
  readonly organization: string | null;
  readonly reason: string;
  readonly grantedAt: Date;
  readonly expiresAt: Date;
}

/** Port: a patient's emergency accesses, newest first, under an access-checked scope. */
export interface BreakGlassReader {
  accessesTo(scope: PatientScope, limit: number): Promise<EmergencyAccessView[]>;
}
