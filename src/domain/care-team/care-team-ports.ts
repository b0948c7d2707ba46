import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';

/** One membership of a patient's care team, as ending it needs it. */
export interface Membership {
  readonly id: string;
  readonly practitionerId: string;
  readonly name: string;
  readonly role: string;
  /** YYYY-MM-DD, or null while it runs. */
  readonly endedOn: string | null;
}

/** Port: a patient's care-team memberships. Every method takes a passed, audited access check. */
export interface CareTeamStore {
  /** The patient's membership with this id, or undefined when the patient has none. */
  findMembership(scope: PatientScope, memberId: string): Promise<Membership | undefined>;
  /**
   * Ends a running membership on `on` (YYYY-MM-DD) and writes its event, in one transaction.
   * Error: `conflict` when it ended meanwhile.
   */
  endMembership(scope: PatientScope, memberId: string, on: string, event: DomainEvent): Promise<void>;
}
