import type { EvidenceKind, EvidenceMatcher, PathwayStep } from './pathway-template.ts';

/**
 * Something in the record that may complete a step, as the evidence consumer reads it from the
 * journal: `at` is when it happened (a result's sampling time, an appointment's start), `label` says
 * it in words for the timeline ("HbA1c 7.2 %").
 */
export type Evidence = {
  readonly id: string;
  readonly patientId: string;
  readonly at: Date;
  readonly label: string;
} & (
  | { readonly kind: 'result'; readonly loincCode: string }
  | {
      readonly kind: 'encounter';
      /** The specialties of the practitioner and of their service. */
      readonly specialties: readonly string[];
      /** The roles the practitioner holds in the patient's care team. */
      readonly roles: readonly string[];
    }
  | { readonly kind: 'document'; readonly typeCode: string }
  /** A completed task about one occurrence (`occurrenceId`): the step's own task. */
  | { readonly kind: 'task'; readonly occurrenceId: string }
  | { readonly kind: 'questionnaire'; readonly instrument: string }
);

/** What the store keeps of the evidence that completed an occurrence. */
export interface EvidenceRef {
  readonly kind: EvidenceKind;
  readonly id: string;
  readonly label: string;
  readonly at: Date;
}

/** Whether one matcher accepts the evidence, for the occurrence `occurrenceId`. */
export function matcherAccepts(matcher: EvidenceMatcher, evidence: Evidence, occurrenceId: string): boolean {
  switch (matcher.kind) {
    case 'result':
      return evidence.kind === 'result' && matcher.loincCodes.includes(evidence.loincCode);
    case 'document':
      return evidence.kind === 'document' && matcher.typeCodes.includes(evidence.typeCode);
    case 'encounter': {
      if (evidence.kind !== 'encounter') return false;
      const specialties = evidence.specialties.map((s) => s.toLowerCase());
      return (
        matcher.specialties.some((s) => specialties.includes(s.toLowerCase())) ||
        matcher.roles.some((role) => evidence.roles.includes(role))
      );
    }
    case 'task':
      return evidence.kind === 'task' && evidence.occurrenceId === occurrenceId;
    case 'questionnaire':
      return evidence.kind === 'questionnaire' && matcher.instruments.includes(evidence.instrument);
  }
}

/** Whether any of the step's matchers accepts the evidence for that occurrence. */
export function stepAccepts(step: PathwayStep, evidence: Evidence, occurrenceId: string): boolean {
  return step.evidence.some((matcher) => matcherAccepts(matcher, evidence, occurrenceId));
}

/**
 * Whether the step could take the evidence for some occurrence: a step's own task counts for the
 * occurrence it is about. Narrows which open occurrences are worth loading before matching them.
 */
export function stepMayAccept(step: PathwayStep, evidence: Evidence): boolean {
  return stepAccepts(step, evidence, evidence.kind === 'task' ? evidence.occurrenceId : '');
}

export function evidenceRefOf(evidence: Evidence): EvidenceRef {
  return { kind: evidence.kind, id: evidence.id, label: evidence.label, at: evidence.at };
}
