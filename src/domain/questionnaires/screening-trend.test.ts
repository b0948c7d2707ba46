import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuestionnaireResponse } from './questionnaire-response.ts';
import type { InstrumentId } from './screening-instrument.ts';
import { historyOf } from './screening-trend.ts';

let sequence = 0;
function response(instrument: InstrumentId, score: number, day: number): QuestionnaireResponse {
  sequence += 1;
  return {
    id: `r${sequence}`,
    instrument,
    answers: [],
    difficulty: null,
    score,
    band: 'mild',
    urgentReasons: [],
    filledBy: 'patient',
    filledByAccountId: 'a',
    completedAt: new Date(Date.UTC(2026, 0, day)),
  };
}

test('history is newest first, each with its change since the same instrument’s previous score', () => {
  const history = historyOf([
    response('PHQ-9', 18, 1),
    response('GAD-7', 9, 2),
    response('PHQ-9', 12, 10),
    response('GAD-7', 12, 11),
  ]);
  assert.deepEqual(
    history.items.map((item) => [item.instrument, item.score, item.changeSincePrevious]),
    [
      ['GAD-7', 12, 3],
      ['PHQ-9', 12, -6],
      ['GAD-7', 9, null],
      ['PHQ-9', 18, null],
    ],
  );
});

test('the trend says better, worse or stable against the instrument’s meaningful change', () => {
  const trends = historyOf([
    response('PHQ-9', 18, 1),
    response('PHQ-9', 13, 5), // −5: the PHQ-9's meaningful change (Löwe 2004)
    response('GAD-7', 9, 2),
    response('GAD-7', 12, 6), // +3: under the GAD-7's 4 points
  ]).trends;
  assert.deepEqual(trends, [
    { instrument: 'GAD-7', latestScore: 12, previousScore: 9, change: 3, direction: 'stable' },
    { instrument: 'PHQ-9', latestScore: 13, previousScore: 18, change: -5, direction: 'better' },
  ]);
  const worse = historyOf([response('GAD-7', 5, 1), response('GAD-7', 9, 2)]).trends;
  assert.equal(worse[0]?.direction, 'worse');
  assert.deepEqual(historyOf([response('GAD-7', 5, 1)]).trends[0], {
    instrument: 'GAD-7',
    latestScore: 5,
    previousScore: null,
    change: null,
    direction: null,
  });
});
