import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { EventType } from '../journal/domain-event.ts';
import type { LocalizedText } from '../rules/localized-text.ts';
import type { DueRule } from './step-window.ts';

/** How sure the reference facts are of a requirement or a timing (see ../shared/reference/pathways_notes.md). */
export const CONFIDENCE_LEVELS = ['verified', 'secondary', 'recalled_unverified', 'design_default'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** What starts a step: the enrolment, another step done, or a journal event such as a discharge. */
export type StepTrigger =
  | { readonly kind: 'enrolment' }
  | { readonly kind: 'step-done'; readonly stepId: string }
  | { readonly kind: 'event'; readonly eventType: EventType };

/**
 * One kind of evidence that completes a step; any one of a step's matchers is enough.
 * - `result`: a lab result with one of the LOINC codes;
 * - `encounter`: an appointment that took place, with a practitioner or service of one of the
 *   specialties, or with whoever holds one of the roles in the patient's care team;
 * - `document`: a document of one of the (LOINC) type codes;
 * - `task`: the step's own task, completed by a professional (for steps no coded record shows);
 * - `questionnaire`: a completed questionnaire of one of the instruments.
 */
export type EvidenceMatcher =
  | { readonly kind: 'result'; readonly loincCodes: readonly string[] }
  | {
      readonly kind: 'encounter';
      readonly specialties: readonly string[];
      readonly roles: readonly CareTeamRole[];
    }
  | { readonly kind: 'document'; readonly typeCodes: readonly string[] }
  | { readonly kind: 'task' }
  | { readonly kind: 'questionnaire'; readonly instruments: readonly string[] };

export type EvidenceKind = EvidenceMatcher['kind'];

/** One step of a pathway, as the template file describes it. */
export interface PathwayStep {
  readonly id: string;
  readonly label: LocalizedText;
  /** What the patient should do, in plain words, for the portal. */
  readonly patientLabel: LocalizedText;
  /** The care-team role that performs the step (a rupture task goes to its holder, or the coordinator). */
  readonly role: CareTeamRole;
  /** The specialty for a `specialist` step (ophthalmology, cardiology…). */
  readonly specialty: string | null;
  /** The performers as the reference facts name them (medecin_traitant, ophtalmologue…). */
  readonly referenceRoles: readonly string[];
  readonly trigger: StepTrigger;
  readonly due: DueRule;
  /** A recurring step: the next occurrence's window, counted from the day the last one was done. */
  readonly repeat: DueRule | null;
  readonly evidence: readonly EvidenceMatcher[];
  readonly confidence: { readonly requirement: ConfidenceLevel; readonly timing: ConfidenceLevel };
  readonly sourceRefs: readonly string[];
  readonly notes: string | null;
}

/** A published source a template is built from. */
export interface PathwaySource {
  readonly id: string;
  readonly title: string;
  readonly publisher: string | null;
  readonly year: string | null;
  readonly url: string | null;
}

/** A care-pathway template: versioned; an enrolment keeps the version it started with. */
export interface PathwayTemplate {
  readonly id: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly population: string;
  /** The event the enrolment's start date stands for (a discharge pathway starts on the discharge). */
  readonly startsWith: EventType | null;
  readonly sources: readonly PathwaySource[];
  readonly steps: readonly PathwayStep[];
}

/**
 * Whether a step's timing is a configurable default rather than a published rule: the product must
 * show it so (issue 6; reference notes §1).
 */
export function timingIsDefault(step: PathwayStep): boolean {
  return step.confidence.timing === 'design_default' || step.confidence.timing === 'recalled_unverified';
}

/** The step of a template, or undefined. */
export function stepOf(template: PathwayTemplate, stepId: string): PathwayStep | undefined {
  return template.steps.find((step) => step.id === stepId);
}

/** `id@version`, the key of a template version. */
export function templateKey(templateId: string, version: number): string {
  return `${templateId}@${version}`;
}
