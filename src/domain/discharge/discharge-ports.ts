import type { DomainEvent } from '../journal/domain-event.ts';
import type { ClinicalEntry } from '../record/clinical-entry.ts';
import type { StructuredLetter } from './discharge-letter.ts';
import type { PreAdmissionLine, ReconciliationLine } from './medication-reconciliation.ts';
import type { StayScope } from './stay-gate.ts';

/** A stay's letter as stored: one per stay, replaced by a new version when the hospital sends again. */
export interface StoredLetter {
  readonly id: string;
  readonly stayId: string;
  readonly kind: 'pdf' | 'structured';
  readonly content: StructuredLetter | null;
  readonly documentId: string;
  readonly missingParts: readonly string[];
  readonly receivedAt: Date;
  readonly authorPractitionerId: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: Date | null;
  readonly version: number;
}

/** The letter's PDF as the record stores documents (the record's document row and event). */
export interface LetterDocument {
  readonly id: string;
  readonly entry: Extract<ClinicalEntry, { kind: 'document' }>;
}

/** Port: a stay's letter; every method takes the stay gate's scope. */
export interface DischargeLetterStore {
  find(scope: StayScope): Promise<StoredLetter | null>;
  /**
   * Writes the document, the letter (inserted when `expectedVersion` is null, else replaced if still at
   * that version) and the events in one transaction. Error: `conflict` when someone wrote meanwhile.
   */
  save(
    scope: StayScope,
    letter: StoredLetter,
    document: LetterDocument,
    events: readonly DomainEvent[],
    expectedVersion: number | null,
  ): Promise<void>;
  /** Marks the letter acknowledged if it is still at `version` and not yet acknowledged; false otherwise. */
  acknowledge(
    scope: StayScope,
    letter: StoredLetter,
    by: string,
    at: Date,
    event: DomainEvent,
  ): Promise<boolean>;
  /** The letter's PDF, or undefined when the stay has no letter. */
  readPdf(scope: StayScope): Promise<{ title: string; mimeType: string; content: Uint8Array } | undefined>;
}

/** Port: renders a structured letter to PDF (an integration, pdfkit). */
export interface LetterRenderer {
  render(
    letter: StructuredLetter,
    context: { readonly facility: string; readonly generatedAt: Date },
  ): Promise<Uint8Array>;
}

/** A stay's reconciliation as stored. */
export interface StoredReconciliation {
  readonly id: string;
  readonly stayId: string;
  readonly lines: readonly ReconciliationLine[];
  readonly status: 'draft' | 'confirmed';
  readonly confirmedBy: string | null;
  readonly confirmedAt: Date | null;
  readonly version: number;
}

/** What confirming writes to the shared medication list, in the reconciliation's transaction. */
export interface MedicationChanges {
  /** Record medications to stop (status stopped, ended_on), each with its `medication.stopped` event. */
  readonly stop: readonly { readonly medicationId: string; readonly endedOn: string }[];
  /** New active lines, each with its provenance. */
  readonly add: readonly {
    readonly id: string;
    readonly entry: Extract<ClinicalEntry, { kind: 'medication' }>;
  }[];
  readonly provenance: string;
}

/** Port: a stay's medication reconciliation and the record lists it starts from. */
export interface ReconciliationStore {
  find(scope: StayScope): Promise<StoredReconciliation | null>;
  /** The patient's medications active at `admittedAt` (started then or before, or with no start date). */
  preAdmission(scope: StayScope, admittedAt: Date): Promise<PreAdmissionLine[]>;
  /** Inserts (expectedVersion null) or updates the draft, with its event. Error: `conflict` on a stale version. */
  saveDraft(
    scope: StayScope,
    reconciliation: StoredReconciliation,
    expectedVersion: number | null,
    event: DomainEvent,
  ): Promise<void>;
  /**
   * Stores the confirmed reconciliation, applies `changes` to the medication list and appends
   * `events`, all in one transaction. Error: `conflict` on a stale version.
   */
  confirm(
    scope: StayScope,
    reconciliation: StoredReconciliation,
    expectedVersion: number | null,
    changes: MedicationChanges,
    events: readonly DomainEvent[],
  ): Promise<void>;
}
