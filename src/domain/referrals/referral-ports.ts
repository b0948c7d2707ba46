import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { DocumentSummary, LabResult } from '../record/coordination-record.ts';
import type { InboxCursor, OutboxCursor } from './referral-cursor.ts';
import type { PriorResult } from './exam-repeat.ts';
import type { ReferralScope } from './referral-scope.ts';
import type { ReferralViewer } from './referral-policy.ts';
import type { ReferralDeadline, SlaOverride } from './referral-sla.ts';
import type { Referral, ReferralTarget } from './referral.ts';
import type {
  ReferralDetailView,
  ReferralHistoryItem,
  ReferralView,
  StoredReferral,
} from './referral-views.ts';

/** A prior result for the duplicate-test warning, with the result as the record shows it. */
export interface PriorLabResult extends PriorResult {
  readonly lab: LabResult;
}

/** A question or an answer in a referral's thread. */
export interface NewReferralMessage {
  readonly id: string;
  readonly kind: 'question' | 'answer';
  readonly authorPractitionerId: string;
  readonly text: string;
  readonly at: Date;
}

/** What one action writes, all in one transaction. */
export interface ReferralChange {
  /** The new state; `version` is still the one read, the store bumps it. */
  readonly referral: Referral;
  /** The clock of the stage the referral enters (null once closed): overdue marks start afresh. */
  readonly deadline: ReferralDeadline | null;
  readonly events: readonly DomainEvent[];
  readonly message: NewReferralMessage | null;
  /** On acceptance, the performer joins the care team so they may read the record. */
  readonly careTeamMember: {
    readonly id: string;
    readonly practitionerId: string;
    readonly role: 'specialist';
  } | null;
}

/** Port: writes referrals with their events, each call one transaction. */
export interface ReferralStore {
  /** Inserts a referral sent now, with its first deadline and its event. */
  insert(referral: Referral, deadline: ReferralDeadline, event: DomainEvent): Promise<void>;
  find(referralId: string): Promise<StoredReferral | undefined>;
  /**
   * Saves the change if the stored version is still `change.referral.version`, bumping it. Returns
   * false (and writes nothing) when someone changed the referral meanwhile.
   */
  saveChange(change: ReferralChange): Promise<boolean>;
  /** A service's changes to the default delays (none when it never changed any). */
  slaOverrides(organizationId: string): Promise<SlaOverride[]>;
  /** Replaces a service's overrides, with the event that records it. */
  replaceSlaOverrides(
    organizationId: string,
    overrides: readonly SlaOverride[],
    by: string,
    event: DomainEvent,
  ): Promise<void>;
}

/** A target as it exists in the directory. */
export interface TargetFacts {
  /** A name, a service name, or the specialty in words. */
  readonly label: string;
  /** Whether the patient goes to hospital (CSP R1112-1-1: the liaison letter goes with them). */
  readonly hospitalService: boolean;
  /** Whose SLA applies until someone takes the referral: the service, or the named professional's. */
  readonly organizationId: string | null;
}

/** Port: the directory and care-team facts referral decisions need. */
export interface ReferralFactsSource {
  /** The professional as a referral viewer (their roles in the patient's care team when given). */
  viewer(
    practitionerId: string,
    patientId: string | null,
    on: Date,
  ): Promise<ReferralViewer & { readonly name: string }>;
  /**
   * The target in words, or undefined when there is no such practitioner, the organisation is not a
   * hospital service, or no practitioner holds the specialty.
   */
  describeTarget(target: ReferralTarget): Promise<TargetFacts | undefined>;
}

/** Port: the patient data a referral is written from (every call takes a passed access check). */
export interface ReferralRecordSource {
  /** Which of these results and documents are the patient's. */
  existing(
    scope: PatientScope,
    resultIds: readonly string[],
    documentIds: readonly string[],
  ): Promise<{ readonly results: ReadonlySet<string>; readonly documents: ReadonlySet<string> }>;
  /** The patient's results with these LOINC codes, latest first, each also as the record shows it. */
  priorResults(scope: PatientScope, codes: readonly string[]): Promise<PriorLabResult[]>;
  /** The liaison letter's lines: active treatments ("name dosage"), allergies ("substance (reaction)"). */
  liaisonLines(scope: PatientScope): Promise<{ treatments: string[]; allergies: string[] }>;
  /** What the form proposes to attach: results since `since` and documents, newest first. */
  recent(
    scope: PatientScope,
    since: Date,
    limit: number,
  ): Promise<{ results: LabResult[]; documents: DocumentSummary[] }>;
}

/** Who the inbox belongs to: a professional, their service and their specialty. */
export interface InboxOwner {
  readonly practitionerId: string;
  readonly organizationId: string | null;
  readonly specialty: string | null;
}

export type OutboxState = 'open' | 'closed' | 'all';

/** Port: reads referrals for display. */
export interface ReferralReader {
  /** The referral a question or answer belongs to, so it is opened through the referral gate. */
  messageReferral(messageId: string): Promise<string | undefined>;
  /** One referral with its attachments, thread and history (the gate opened it). */
  detail(scope: ReferralScope): Promise<ReferralDetailView | undefined>;
  /** An attached or report document's bytes, when it is one of the referral's. */
  document(
    scope: ReferralScope,
    documentId: string,
  ): Promise<{ title: string; mimeType: string; content: Uint8Array } | undefined>;
  /** Open referrals the owner may take or has taken, in inbox order: up to `limit + 1` rows. */
  inbox(owner: InboxOwner, after: InboxCursor | null, limit: number): Promise<ReferralView[]>;
  /** Referrals the practitioner sent, most recently changed first: up to `limit + 1` rows. */
  outbox(
    practitionerId: string,
    state: OutboxState,
    after: OutboxCursor | null,
    limit: number,
  ): Promise<ReferralView[]>;
  /** The patient's referrals, most recently changed first (at most MAX_REFERRAL_PAGE). */
  patientReferrals(scope: PatientScope): Promise<ReferralView[]>;
  /** The journal events of the patient's referrals, oldest first, by referral id. */
  patientHistories(scope: PatientScope): Promise<ReadonlyMap<string, readonly ReferralHistoryItem[]>>;
}

/** A stage that went past a deadline, and the event that says so. */
export interface ClockMark {
  readonly view: ReferralView;
  readonly event: DomainEvent;
}

/** Port: the SLA clocks of open referrals, for the SLA job. */
export interface ReferralClockStore {
  /** Open referrals whose stage is past due and not marked yet, earliest deadline first. */
  dueForOverdue(now: Date, limit: number): Promise<ReferralView[]>;
  /** Overdue referrals past their escalation date and not escalated yet, earliest first. */
  dueForEscalation(now: Date, limit: number): Promise<ReferralView[]>;
  /** Which of these patients have a coordinator in their active care team on `on`. */
  withCoordinator(patientIds: readonly string[], on: Date): Promise<ReadonlySet<string>>;
  /**
   * Marks each referral overdue (or escalated) at `at` with its event, unless its stage changed since
   * it was read or it is already marked: one transaction, and a second run marks nothing twice.
   */
  mark(kind: 'overdue' | 'escalated', marks: readonly ClockMark[], at: Date): Promise<number>;
}
