import type { PatientScope } from '../access/patient-scope.ts';
import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { AdherenceCounts } from './pathway-adherence.ts';
import type { Enrolment } from './pathway-enrolment.ts';
import type { Evidence } from './pathway-evidence.ts';
import type { PathwayTemplate } from './pathway-template.ts';
import type { PathwayWorklistKey, PathwayWorklistQuery, PathwayWorklistRow } from './pathway-worklist.ts';
import type { StepOccurrence } from './step-occurrence.ts';

/** Port: the installed template versions (a version, once stored, never changes). */
export interface PathwayTemplateStore {
  /**
   * Stores the versions not stored yet. A stored version whose definition differs is not replaced:
   * its `id@version` is returned in `changed` (a change needs a new version number).
   */
  install(templates: readonly PathwayTemplate[]): Promise<{ installed: string[]; changed: string[] }>;
  all(): Promise<PathwayTemplate[]>;
}

/** What a pause, resume or end does to the enrolment's steps, applied with the enrolment's new state. */
export type HeldStepsChange =
  | { readonly kind: 'hold' }
  | { readonly kind: 'release'; readonly shiftMs: number }
  | { readonly kind: 'cancel' };

/** Port: a patient's pathways, for the use cases; every method takes a scope (a passed access check). */
export interface PathwayStore {
  /**
   * Inserts an enrolment with its first occurrences and its event, in one transaction.
   * Error: `conflict` when the patient already follows the template (active or paused).
   */
  enrol(
    scope: PatientScope,
    enrolment: Enrolment,
    occurrences: readonly StepOccurrence[],
    event: DomainEvent,
  ): Promise<void>;
  findEnrolment(scope: PatientScope, enrolmentId: string): Promise<Enrolment | undefined>;
  /**
   * Saves the enrolment's new state if its stored version is still `enrolment.version` (bumping it),
   * changes its steps accordingly, and appends the event. False (nothing written) when it changed meanwhile.
   */
  changeEnrolment(
    scope: PatientScope,
    enrolment: Enrolment,
    steps: HeldStepsChange,
    event: DomainEvent,
  ): Promise<boolean>;
  findOccurrence(scope: PatientScope, occurrenceId: string): Promise<StepOccurrence | undefined>;
  /** Closes an occurrence as skipped if it is still open, with its event; false when it was not. */
  skip(scope: PatientScope, occurrence: StepOccurrence, event: DomainEvent): Promise<boolean>;
  /** Every enrolment of the patient, and their occurrences (oldest due first). */
  patientPathways(scope: PatientScope): Promise<{ enrolments: Enrolment[]; occurrences: StepOccurrence[] }>;
}

/** Port: the pathway worklist and adherence across a professional's caseload. */
export interface PathwayWorklistReader {
  /**
   * The page: open occurrences of active enrolments in ruptures or due before `query.dueBefore`, for
   * the patients the practitioner coordinates or is the GP of, ruptures first then by due date; at
   * most `query.limit` keys, in that order.
   */
  worklistPage(practitionerId: string, query: PathwayWorklistQuery, on: Date): Promise<PathwayWorklistKey[]>;
  /** The page's rows in full (occurrence, patient, care team as of `on`), in the page's order. */
  worklistRows(page: readonly PathwayWorklistKey[], on: Date): Promise<PathwayWorklistRow[]>;
  /** Per template, the adherence counts over the same caseload. */
  adherenceByTemplate(
    practitionerId: string,
    on: Date,
  ): Promise<({ templateId: string } & AdherenceCounts)[]>;
}

/** Port: the journal-driven side (evidence, triggers, enrolment by rule, the due scan). Not patient-scoped: jobs act for the system. */
export interface PathwayProgressStore {
  activeEnrolments(patientIds: readonly string[]): Promise<Enrolment[]>;
  /** The patients' open occurrences of the given steps (any version of their template). */
  openOccurrences(
    patientIds: readonly string[],
    steps: readonly { readonly templateId: string; readonly stepId: string }[],
  ): Promise<StepOccurrence[]>;
  /**
   * In one transaction, idempotently: inserts the enrolments a patient does not already follow (with
   * their occurrences and events), completes the occurrences still open (with their events), and
   * inserts new occurrences whose cause is new.
   */
  applyProgress(progress: {
    readonly enrolments: readonly {
      enrolment: Enrolment;
      occurrences: readonly StepOccurrence[];
      event: DomainEvent;
    }[];
    readonly completions: readonly { occurrence: StepOccurrence; event: DomainEvent }[];
    readonly created: readonly StepOccurrence[];
  }): Promise<void>;
  /** Open occurrences of active enrolments that the clock moved on at `now`: at most `limit`. */
  dueForTransition(now: Date, limit: number): Promise<StepOccurrence[]>;
  /** Moves each occurrence still in its old status to the new one, with its event, in one transaction. */
  applyTransitions(
    transitions: readonly { occurrence: StepOccurrence; to: 'due' | 'rupture'; event: DomainEvent }[],
  ): Promise<void>;
  /** The roles held today in each patient's active care team. */
  heldRoles(patientIds: readonly string[], on: Date): Promise<Map<string, Set<CareTeamRole>>>;
}

/** Port: turns journal events into evidence (results, appointments that took place, documents, tasks, questionnaires). */
export interface EvidenceSource {
  load(events: readonly DomainEvent[]): Promise<Evidence[]>;
}
