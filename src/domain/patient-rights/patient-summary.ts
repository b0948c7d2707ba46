import type { DataCategory } from '../access/data-category.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Enrolment } from '../pathways/pathway-enrolment.ts';
import type { CoordinationRecord } from '../record/coordination-record.ts';
import type { LocalizedText, Language } from '../rules/localized-text.ts';

/** A sharing choice in force (not withdrawn), with the people and places it names in words. */
export interface SharingChoiceInForce {
  readonly kind: 'objection' | 'restriction' | 'consent';
  readonly practitioner: string | null;
  readonly organization: string | null;
  readonly category: DataCategory | null;
  readonly allowedPractitioners: readonly string[];
  readonly recordedAt: Date;
  /** Recorded by a professional on the patient's behalf. */
  readonly onBehalf: boolean;
}

/** A pathway the patient follows (or followed). */
export interface PathwayInSummary {
  readonly title: LocalizedText;
  readonly status: Enrolment['status'];
  readonly startedOn: string;
}

/** What the patient should do next in an active pathway, as a sentence. */
export interface NextStepInSummary {
  readonly pathwayTitle: LocalizedText;
  readonly sentence: LocalizedText;
}

/** Everything the readable summary (PDF) shows, read under one scope. */
export interface PatientSummary {
  readonly language: Language;
  readonly generatedAt: Date;
  readonly record: Omit<CoordinationRecord, 'access'>;
  readonly pathways: readonly PathwayInSummary[];
  readonly nextSteps: readonly NextStepInSummary[];
  readonly sharingChoices: readonly SharingChoiceInForce[];
  /** Categories left out because the patient restricted them away from the professional asking. */
  readonly hiddenCategories: readonly DataCategory[];
}

/** Port: the sharing choices in force for a patient. */
export interface SharingChoicesReader {
  inForce(scope: PatientScope): Promise<SharingChoiceInForce[]>;
}

/** Port: renders the summary to a PDF. */
export interface SummaryRenderer {
  render(summary: PatientSummary): Promise<Uint8Array>;
}
