import { DomainError } from '../shared/domain-error.ts';
import {
  MAX_ANSWER,
  maxScoreOf,
  type ScreeningInstrument,
  type SeverityBand,
} from './screening-instrument.ts';

/** What the patient answered: one value per item (null when skipped) and the optional difficulty. */
export interface ScreeningAnswers {
  readonly answers: readonly (number | null)[];
  readonly difficulty: number | null;
}

/** A complete, valid set of answers with its score. */
export interface ScreeningScore {
  readonly answers: readonly number[];
  readonly difficulty: number | null;
  readonly total: number;
  readonly maxScore: number;
  readonly band: SeverityBand;
}

/**
 * Scores a questionnaire by its published rule: the sum of the item answers, read in the instrument's
 * bands; the difficulty question is kept but not scored. Error: `invalid-input` listing every missing
 * or invalid answer, since a partial questionnaire has no valid score.
 */
export function scoreScreening(instrument: ScreeningInstrument, given: ScreeningAnswers): ScreeningScore {
  const problems = problemsOf(instrument, given);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid-input',
      `incomplete or invalid ${instrument.id}: ${problems.join('; ')}`,
      problems,
    );
  }
  const answers = given.answers.map((answer) => answer ?? 0);
  const total = answers.reduce((sum, answer) => sum + answer, 0);
  return {
    answers,
    difficulty: given.difficulty,
    total,
    maxScore: maxScoreOf(instrument),
    band: bandOf(instrument, total),
  };
}

/** The band a total falls in. Error: `invalid-input` when the total is outside 0…maximum. */
export function bandOf(instrument: ScreeningInstrument, total: number): SeverityBand {
  const found = instrument.bands.find((band) => band.min <= total && total <= band.max);
  if (found === undefined) {
    throw new DomainError(
      'invalid-input',
      `${instrument.id} totals run from 0 to ${maxScoreOf(instrument)}, not ${total}`,
    );
  }
  return found.band;
}

const isAnswer = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= MAX_ANSWER;

function problemsOf(instrument: ScreeningInstrument, given: ScreeningAnswers): string[] {
  const expected = instrument.items.length;
  if (given.answers.length !== expected) {
    return [`${instrument.id} has ${expected} questions, but ${given.answers.length} answers were given`];
  }
  const problems: string[] = [];
  given.answers.forEach((answer, index) => {
    if (answer === null) problems.push(`question ${index + 1} is not answered`);
    else if (!isAnswer(answer))
      problems.push(`the answer to question ${index + 1} must be 0, 1, 2 or 3, not ${answer}`);
  });
  if (given.difficulty !== null && !isAnswer(given.difficulty)) {
    problems.push(`the difficulty answer must be 0, 1, 2 or 3, not ${given.difficulty}`);
  }
  return problems;
}
