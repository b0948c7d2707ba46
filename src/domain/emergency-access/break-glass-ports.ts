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
  /** Writes the grant, its audit entry and its journal event in one transaction: all or nothing. */
  grant(grant: BreakGlassGrant, audit: AuditEntry, event: DomainEvent): Promise<void>;
}
