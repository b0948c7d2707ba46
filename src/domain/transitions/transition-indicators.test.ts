import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentile, transitionIndicators } from './transition-indicators.ts';
import type { TransitionItem } from './transition.ts';

const item = (kind: TransitionItem['kind'], dueAt: string, done?: string): TransitionItem => ({
  id: kind,
  patientId: 'p',
  transitionId: 't',
  kind,
  label: null,
  responsible: 'coordination',
  dueAt: new Date(dueAt),
  deadlineSource: 'regulation',
  pathwayStep: null,
  note: null,
  status: done === undefined ? 'pending' : 'done',
  completion:
    done === undefined
      ? null
      : {
          status: 'done',
          at: new Date(done),
          byAccountId: null,
          byName: null,
          evidence: null,
          evidenceRef: null,
        },
  taskId: null,
  createdAt: new Date(dueAt),
});

test('percentiles interpolate between the closest ranks', () => {
  assert.equal(percentile([2, 6], 0.5), 4);
  assert.equal(percentile([2, 6], 0.9), 5.6);
  assert.equal(percentile([1, 2, 3, 4, 5], 0.5), 3);
  assert.equal(percentile([7], 0.9), 7);
});

test('letter delay, letters on the discharge day and visits on time, counting only what is known', () => {
  const dischargedAt = new Date('2026-09-01T08:00:00Z');
  const dueLetter = '2026-09-01T22:00:00Z';
  const figures = transitionIndicators(
    [
      // Letter after 2 h; visit done on day 3.
      {
        dischargedAt,
        letter: item('discharge-letter', dueLetter, '2026-09-01T10:00:00Z'),
        followUp: item('follow-up-visit', '2026-09-08T22:00:00Z', '2026-09-04T09:00:00Z'),
      },
      // Letter two days late (50 h); the visit's week is not over: not counted yet.
      {
        dischargedAt,
        letter: item('discharge-letter', dueLetter, '2026-09-03T10:00:00Z'),
        followUp: item('follow-up-visit', '2026-09-08T22:00:00Z'),
      },
      // No letter yet, past due: counts against the share, not in the delay.
      { dischargedAt, letter: item('discharge-letter', dueLetter), followUp: null },
    ],
    new Date('2026-09-05T00:00:00Z'),
  );
  assert.equal(figures.transitions, 3);
  assert.deepEqual(figures.letterDelayHours, { median: 26, p90: 45.2, letters: 2 });
  assert.deepEqual(figures.lettersOnDischargeDay, { count: 1, of: 3 });
  assert.deepEqual(figures.followUpsOnTime, { count: 1, of: 1 });
});

test('no transitions: no delay and empty shares', () => {
  const figures = transitionIndicators([], new Date());
  assert.equal(figures.letterDelayHours, null);
  assert.deepEqual(figures.lettersOnDischargeDay, { count: 0, of: 0 });
});
