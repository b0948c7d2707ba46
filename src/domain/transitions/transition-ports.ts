import type { PatientScope } from '../access/patient-scope.ts';
import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { Enrolment } from '../pathways/pathway-enrolment.ts';
import type { Stay } from '../stays/stay.ts';
import type { Transition, TransitionItem } from './transition.ts';

export interface TransitionWithItems {
  readonly transition: Transition;
  readonly items: readonly TransitionItem[];
}

/**
 * One write to a transition: its new state if still at `expectedVersion` (null: a new transition),
 * the items it adds or changes, and the events, all in one transaction.
 */
export interface TransitionChange {
  readonly transition: Transition;
  readonly expectedVersion: number | null;
  readonly items: readonly TransitionItem[];
  readonly events: readonly DomainEvent[];
}

/** Where the system side (journal consumer, scan) reads and writes transitions. */
export interface TransitionStore {
  /** Saves a change; false when the transition changed meanwhile or, for a new one, already exists. */
  save(change: TransitionChange): Promise<boolean>;
  /** The open transition of a stay, if any. */
  openOfStay(patientId: string, stayId: string): Promise<TransitionWithItems | null>;
  /** A patient's open transitions (a pathway step done may settle one of their visits). */
  openOfPatient(patientId: string): Promise<TransitionWithItems[]>;
  /** Open transitions with a pending item due by `now`, at most `limit`. */
  fallingLate(now: Date, limit: number): Promise<TransitionWithItems[]>;
  /** The active pathway enrolments of patients (their templates say which follow-up visit they ask). */
  activeEnrolments(patientIds: readonly string[]): Promise<Enrolment[]>;
  /** The roles held in each patient's active care team on `on`. */
  heldRoles(patientIds: readonly string[], on: Date): Promise<Map<string, Set<CareTeamRole>>>;
  /** A professional's practitioner id and name, by account (who completed an item). */
  professionalOf(accountId: string): Promise<{ practitionerId: string; name: string } | null>;
}

/** A stay and its latest transition, for the patient's record. */
export interface StayWithTransition {
  readonly stay: Stay;
  readonly transition: TransitionWithItems | null;
}

/** Scoped reads for professionals (through the patient gate). */
export interface TransitionReader {
  /** A patient's stays, latest admission first, each with its latest transition. */
  staysOf(scope: PatientScope): Promise<StayWithTransition[]>;
  stay(scope: PatientScope, stayId: string): Promise<StayWithTransition | null>;
}

/** A member of a patient's active care team, as worklist rows name them. */
export interface TeamMember {
  readonly practitionerId: string;
  readonly name: string;
  readonly role: string;
}

export interface InpatientRow {
  readonly patientId: string;
  readonly patientName: string;
  readonly stay: Stay;
  readonly team: readonly TeamMember[];
}

export interface ItemRow {
  readonly patientId: string;
  readonly patientName: string;
  readonly stay: Stay;
  readonly item: TransitionItem;
  readonly team: readonly TeamMember[];
}

/** The facts of one transition the indicators count. */
export interface IndicatorFacts {
  readonly dischargedAt: Date;
  readonly letter: TransitionItem | null;
  readonly followUp: TransitionItem | null;
}

/** Reads over a professional's caseload: the patients whose active care team they are in. */
export interface TransitionWorklistReader {
  inpatients(practitionerId: string, on: Date): Promise<InpatientRow[]>;
  /** Items of open transitions that are late or due before `dueBefore`. */
  itemsNeedingAction(practitionerId: string, dueBefore: Date, on: Date): Promise<ItemRow[]>;
  /** Transitions (not cancelled) of discharges in [from, to). */
  indicatorFacts(practitionerId: string, from: Date, to: Date, on: Date): Promise<IndicatorFacts[]>;
}
