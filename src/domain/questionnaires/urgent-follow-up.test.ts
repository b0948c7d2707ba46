import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GAD7 } from './gad7-instrument.ts';
import { PHQ9 } from './phq9-instrument.ts';
import { scoreScreening } from './screening-score.ts';
import {
  DEFAULT_URGENT_THRESHOLDS,
  explainUrgentReason,
  urgentReasonsOf,
  validateUrgentThresholds,
  type UrgentFollowUpThresholds,
} from './urgent-follow-up.ts';
import type { ScreeningInstrument } from './screening-instrument.ts';

const reasons = (
  instrument: ScreeningInstrument,
  answers: number[],
  thresholds: UrgentFollowUpThresholds = DEFAULT_URGENT_THRESHOLDS,
) => urgentReasonsOf(instrument, scoreScreening(instrument, { answers, difficulty: null }), thresholds);

describe('urgent follow-up rule (defaults)', () => {
  test('PHQ-9 question 9 answered above 0 is urgent even with a low total', () => {
    assert.deepEqual(reasons(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, 1]), [
      { kind: 'safety-item', item: 9, answer: 1 },
    ]);
    assert.deepEqual(reasons(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, 2]), [
      { kind: 'safety-item', item: 9, answer: 2 },
    ]);
  });

  test('PHQ-9 question 9 answered 0 is not urgent, however high the other answers below 20', () => {
    assert.deepEqual(reasons(PHQ9, [3, 3, 3, 3, 3, 3, 1, 0, 0]), []);
  });

  test('a severe PHQ-9 total (20 or more) is urgent; 19 is not', () => {
    assert.deepEqual(reasons(PHQ9, [3, 3, 3, 3, 3, 3, 1, 0, 0]), []);
    assert.deepEqual(reasons(PHQ9, [3, 3, 3, 3, 3, 3, 2, 0, 0]), [
      { kind: 'severe-total', total: 20, threshold: 20 },
    ]);
  });

  test('both reasons are kept when both hold', () => {
    assert.deepEqual(reasons(PHQ9, [3, 3, 3, 3, 3, 3, 3, 3, 3]), [
      { kind: 'safety-item', item: 9, answer: 3 },
      { kind: 'severe-total', total: 27, threshold: 20 },
    ]);
  });

  test('a severe GAD-7 total (15 or more) is urgent; 14 is not; GAD-7 has no safety item', () => {
    assert.deepEqual(reasons(GAD7, [3, 3, 3, 3, 2, 0, 0]), []);
    assert.deepEqual(reasons(GAD7, [3, 3, 3, 3, 3, 0, 0]), [
      { kind: 'severe-total', total: 15, threshold: 15 },
    ]);
  });
});

describe('configured thresholds', () => {
  const strict: UrgentFollowUpThresholds = {
    safetyAnswerAtLeast: 2,
    totalAtLeast: { 'PHQ-9': 15, 'GAD-7': 10 },
  };

  test('change when a result is urgent', () => {
    assert.deepEqual(reasons(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, 1], strict), []);
    assert.deepEqual(reasons(PHQ9, [3, 3, 3, 3, 3, 0, 0, 0, 0], strict), [
      { kind: 'severe-total', total: 15, threshold: 15 },
    ]);
    assert.deepEqual(reasons(GAD7, [3, 3, 3, 1, 0, 0, 0], strict), [
      { kind: 'severe-total', total: 10, threshold: 10 },
    ]);
  });

  test('thresholds that could never fire, or always would, are refused', () => {
    assert.doesNotThrow(() => validateUrgentThresholds(DEFAULT_URGENT_THRESHOLDS));
    assert.throws(
      () => validateUrgentThresholds({ safetyAnswerAtLeast: 0, totalAtLeast: { 'PHQ-9': 28, 'GAD-7': 0 } }),
      (error: Error) =>
        error.message.includes('the safety-item threshold must be 1, 2 or 3, not 0') &&
        error.message.includes('the PHQ-9 total threshold must be a whole number from 1 to 27, not 28') &&
        error.message.includes('the GAD-7 total threshold must be a whole number from 1 to 21, not 0'),
    );
  });
});

test('reasons in words, French and English', () => {
  assert.equal(
    explainUrgentReason(PHQ9, { kind: 'safety-item', item: 9, answer: 2 }, 'fr'),
    'PHQ-9 : réponse 2 à la question 9 (idées de mort ou d’auto-agression)',
  );
  assert.equal(
    explainUrgentReason(PHQ9, { kind: 'safety-item', item: 9, answer: 2 }, 'en'),
    'PHQ-9: answer 2 to question 9 (thoughts of death or self-harm)',
  );
  assert.equal(
    explainUrgentReason(GAD7, { kind: 'severe-total', total: 17, threshold: 15 }, 'fr'),
    'GAD-7 : score total 17 sur 21 (Anxiété sévère ; seuil d’alerte 15)',
  );
  assert.equal(
    explainUrgentReason(PHQ9, { kind: 'severe-total', total: 22, threshold: 20 }, 'en'),
    'PHQ-9: total score 22 of 27 (Severe depression; alert threshold 20)',
  );
});
