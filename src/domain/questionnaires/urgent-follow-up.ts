import { DomainError } from '../shared/domain-error.ts';
import {
  INSTRUMENT_IDS,
  MAX_ANSWER,
  maxScoreOf,
  type InstrumentId,
  type ScreeningInstrument,
  type ScreeningLanguage,
} from './screening-instrument.ts';
import type { ScreeningScore } from './screening-score.ts';
import { INSTRUMENTS } from './instrument-catalog.ts';

/**
 * When a screening result calls for an urgent follow-up by the care team. These are Relais's defaults,
 * configurable per deployment, not an official rule: the validation papers define severity bands, not
 * alert thresholds.
 */
export interface UrgentFollowUpThresholds {
  /**
   * An answer at or above this on a safety item (PHQ-9 question 9, thoughts of death or self-harm) is
   * urgent. Default 1: the PHQ-9 instructions ask that any positive answer to question 9 be followed by an
   * assessment of suicide risk by someone competent to make it.
   */
  readonly safetyAnswerAtLeast: number;
  /** A total at or above this is urgent. Default: the lower bound of each instrument's severe band. */
  readonly totalAtLeast: Readonly<Record<InstrumentId, number>>;
}

export const DEFAULT_URGENT_THRESHOLDS: UrgentFollowUpThresholds = {
  safetyAnswerAtLeast: 1,
  totalAtLeast: { 'PHQ-9': 20, 'GAD-7': 15 },
};

/** Refuses thresholds that could never fire or would always fire. Error: `invalid-input`. */
export function validateUrgentThresholds(thresholds: UrgentFollowUpThresholds): void {
  const problems: string[] = [];
  const answer = thresholds.safetyAnswerAtLeast;
  if (!Number.isInteger(answer) || answer < 1 || answer > MAX_ANSWER) {
    problems.push(`the safety-item threshold must be 1, 2 or 3, not ${answer}`);
  }
  for (const id of INSTRUMENT_IDS) {
    const total = thresholds.totalAtLeast[id];
    const max = maxScoreOf(INSTRUMENTS[id]);
    if (!Number.isInteger(total) || total < 1 || total > max) {
      problems.push(`the ${id} total threshold must be a whole number from 1 to ${max}, not ${total}`);
    }
  }
  if (problems.length > 0) {
    throw new DomainError(
      'invalid-input',
      `invalid urgent follow-up thresholds: ${problems.join('; ')}`,
      problems,
    );
  }
}

/** Why a result is urgent; a result can have several reasons. */
export type UrgentReason =
  | { readonly kind: 'safety-item'; readonly item: number; readonly answer: number }
  | { readonly kind: 'severe-total'; readonly total: number; readonly threshold: number };

/** The reasons a scored questionnaire needs an urgent follow-up (none: no urgency). */
export function urgentReasonsOf(
  instrument: ScreeningInstrument,
  score: ScreeningScore,
  thresholds: UrgentFollowUpThresholds,
): UrgentReason[] {
  const reasons: UrgentReason[] = [];
  if (instrument.safetyItem !== null) {
    const item = instrument.safetyItem.number;
    const answer = score.answers[item - 1] ?? 0;
    if (answer >= thresholds.safetyAnswerAtLeast) reasons.push({ kind: 'safety-item', item, answer });
  }
  const threshold = thresholds.totalAtLeast[instrument.id];
  if (score.total >= threshold) reasons.push({ kind: 'severe-total', total: score.total, threshold });
  return reasons;
}

/** A reason in words, e.g. « PHQ-9 : réponse 2 à la question 9 (idées de mort ou d’auto-agression) ». */
export function explainUrgentReason(
  instrument: ScreeningInstrument,
  reason: UrgentReason,
  language: ScreeningLanguage,
): string {
  const colon = language === 'fr' ? ' : ' : ': ';
  switch (reason.kind) {
    case 'safety-item': {
      const subject = instrument.safetyItem?.subject[language] ?? '';
      return language === 'fr'
        ? `${instrument.id}${colon}réponse ${reason.answer} à la question ${reason.item} (${subject})`
        : `${instrument.id}${colon}answer ${reason.answer} to question ${reason.item} (${subject})`;
    }
    case 'severe-total': {
      const band = instrument.bands.find((b) => b.min <= reason.total && reason.total <= b.max);
      const max = maxScoreOf(instrument);
      return language === 'fr'
        ? `${instrument.id}${colon}score total ${reason.total} sur ${max} (${band?.label.fr ?? ''} ; seuil d’alerte ${reason.threshold})`
        : `${instrument.id}${colon}total score ${reason.total} of ${max} (${band?.label.en ?? ''}; alert threshold ${reason.threshold})`;
    }
  }
}
