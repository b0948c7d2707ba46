import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.ts';
import { GAD7 } from './gad7-instrument.ts';
import { INSTRUMENTS } from './instrument-catalog.ts';
import { PHQ9 } from './phq9-instrument.ts';
import type { ScreeningInstrument, SeverityBand } from './screening-instrument.ts';
import { bandOf, scoreScreening } from './screening-score.ts';

/** Answers adding up to `total`, filled from the first item. */
function answersTotalling(instrument: ScreeningInstrument, total: number): number[] {
  let left = total;
  return instrument.items.map(() => {
    const answer = Math.min(3, left);
    left -= answer;
    return answer;
  });
}

const SEVERITY_ORDER: readonly SeverityBand[] = [
  'minimal',
  'mild',
  'moderate',
  'moderately-severe',
  'severe',
];

describe('PHQ-9 scoring (Kroenke, Spitzer & Williams 2001)', () => {
  const boundaries: [number, SeverityBand][] = [
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately-severe'],
    [19, 'moderately-severe'],
    [20, 'severe'],
    [27, 'severe'],
  ];
  for (const [total, band] of boundaries) {
    test(`a total of ${total} is ${band}`, () => {
      const score = scoreScreening(PHQ9, { answers: answersTotalling(PHQ9, total), difficulty: null });
      assert.equal(score.total, total);
      assert.equal(score.band, band);
      assert.equal(score.maxScore, 27);
    });
  }

  test('the difficulty question is kept but not scored', () => {
    const answers = [1, 1, 1, 1, 1, 0, 0, 0, 0];
    const without = scoreScreening(PHQ9, { answers, difficulty: null });
    const withDifficulty = scoreScreening(PHQ9, { answers, difficulty: 3 });
    assert.equal(without.total, 5);
    assert.equal(withDifficulty.total, 5);
    assert.equal(withDifficulty.difficulty, 3);
  });
});

describe('GAD-7 scoring (Spitzer et al. 2006)', () => {
  const boundaries: [number, SeverityBand][] = [
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ];
  for (const [total, band] of boundaries) {
    test(`a total of ${total} is ${band}`, () => {
      const score = scoreScreening(GAD7, { answers: answersTotalling(GAD7, total), difficulty: null });
      assert.equal(score.total, total);
      assert.equal(score.band, band);
      assert.equal(score.maxScore, 21);
    });
  }
});

describe('incomplete or invalid answers are refused with every problem named', () => {
  const refusal = (
    instrument: ScreeningInstrument,
    answers: (number | null)[],
    difficulty: number | null = null,
  ) => {
    try {
      scoreScreening(instrument, { answers, difficulty });
    } catch (error) {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'invalid-input');
      return error;
    }
    return assert.fail('expected a refusal');
  };

  test('a wrong number of answers', () => {
    const error = refusal(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(
      error.message,
      'incomplete or invalid PHQ-9: PHQ-9 has 9 questions, but 8 answers were given',
    );
    assert.match(refusal(GAD7, [0, 0, 0, 0, 0, 0, 0, 0, 0]).message, /GAD-7 has 7 questions, but 9 answers/);
  });

  test('skipped questions and out-of-scale answers', () => {
    const error = refusal(PHQ9, [0, null, 4, -1, 1.5, 0, 0, 0, null], 7);
    assert.deepEqual(error.details, [
      'question 2 is not answered',
      'the answer to question 3 must be 0, 1, 2 or 3, not 4',
      'the answer to question 4 must be 0, 1, 2 or 3, not -1',
      'the answer to question 5 must be 0, 1, 2 or 3, not 1.5',
      'question 9 is not answered',
      'the difficulty answer must be 0, 1, 2 or 3, not 7',
    ]);
  });

  test('a total outside the scale has no band', () => {
    assert.throws(() => bandOf(GAD7, 22), /GAD-7 totals run from 0 to 21, not 22/);
    assert.throws(() => bandOf(PHQ9, -1), /PHQ-9 totals run from 0 to 27/);
  });
});

describe('properties', () => {
  for (const instrument of Object.values(INSTRUMENTS)) {
    const validAnswers = fc.array(fc.integer({ min: 0, max: 3 }), {
      minLength: instrument.items.length,
      maxLength: instrument.items.length,
    });

    test(`${instrument.id}: the total is the sum of the answers and lies within 0…max`, () => {
      fc.assert(
        fc.property(validAnswers, (answers) => {
          const score = scoreScreening(instrument, { answers, difficulty: null });
          assert.equal(
            score.total,
            answers.reduce((a, b) => a + b, 0),
          );
          assert.ok(score.total >= 0 && score.total <= score.maxScore);
        }),
      );
    });

    test(`${instrument.id}: raising any answer never lowers the band`, () => {
      fc.assert(
        fc.property(validAnswers, fc.nat({ max: instrument.items.length - 1 }), (answers, index) => {
          fc.pre((answers[index] ?? 3) < 3);
          const higher = answers.map((answer, i) => (i === index ? answer + 1 : answer));
          const before = scoreScreening(instrument, { answers, difficulty: null }).band;
          const after = scoreScreening(instrument, { answers: higher, difficulty: null }).band;
          assert.ok(SEVERITY_ORDER.indexOf(after) >= SEVERITY_ORDER.indexOf(before), `${before} → ${after}`);
        }),
      );
    });

    test(`${instrument.id}: the bands cover 0…max without gap or overlap`, () => {
      const max = instrument.items.length * 3;
      let next = 0;
      for (const band of instrument.bands) {
        assert.equal(band.min, next);
        next = band.max + 1;
      }
      assert.equal(next, max + 1);
    });
  }
});
