import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfig } from './config.ts';

test('the urgent follow-up thresholds default to the severe bands and item 9 above 0, and can be set', () => {
  assert.deepEqual(readConfig({}).urgentThresholds, {
    safetyAnswerAtLeast: 1,
    totalAtLeast: { 'PHQ-9': 20, 'GAD-7': 15 },
  });
  assert.deepEqual(
    readConfig({
      RELAIS_URGENT_PHQ9_ITEM9_ANSWER: '2',
      RELAIS_URGENT_PHQ9_TOTAL: '15',
      RELAIS_URGENT_GAD7_TOTAL: '10',
    }).urgentThresholds,
    { safetyAnswerAtLeast: 2, totalAtLeast: { 'PHQ-9': 15, 'GAD-7': 10 } },
  );
  assert.throws(
    () => readConfig({ RELAIS_URGENT_PHQ9_TOTAL: 'high' }),
    /RELAIS_URGENT_PHQ9_TOTAL must be a whole number/,
  );
});
