import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addToLocalDate, parseIsoDuration, type IsoDuration } from './iso-duration.ts';
import { windowFrom } from './step-window.ts';

const PARIS = 'Europe/Paris';
const d = (text: string): IsoDuration => {
  const duration = parseIsoDuration(text);
  if (duration === undefined) throw new Error(text);
  return duration;
};

test('durations: days, weeks, months, years; anything else is refused', () => {
  assert.deepEqual(d('P2W'), { years: 0, months: 0, days: 14, text: 'P2W' });
  assert.deepEqual(d('P1Y6M'), { years: 1, months: 6, days: 0, text: 'P1Y6M' });
  for (const bad of ['P', '3M', 'PT3H', 'P-1D', 'P1.5M', ''])
    assert.equal(parseIsoDuration(bad), undefined, bad);
});

test('months end: one month after 31 January is the last day of February, leap years included', () => {
  assert.equal(addToLocalDate('2026-01-31', d('P1M')), '2026-02-28');
  assert.equal(addToLocalDate('2028-01-31', d('P1M')), '2028-02-29');
  assert.equal(addToLocalDate('2026-08-31', d('P3M')), '2026-11-30');
  assert.equal(addToLocalDate('2028-02-29', d('P1Y')), '2029-02-28');
  assert.equal(addToLocalDate('2026-12-25', d('P7D')), '2027-01-01');
});

test('an offset counts on the Paris calendar: due at local midnight, late after the last local day', () => {
  // 23:30 UTC on 31 March 2026 is already 1 April in Paris (summer time, UTC+2).
  const trigger = new Date('2026-03-31T23:30:00Z');
  const window = windowFrom(trigger, { earliest: null, target: d('P3M'), latest: d('P6M') }, PARIS);
  assert.equal(window.dueAt.toISOString(), '2026-06-30T22:00:00.000Z'); // 1 July 00:00 Paris
  assert.equal(window.lateAt.toISOString(), '2026-10-01T22:00:00.000Z'); // after 1 October, Paris
  assert.equal(window.earliestAt.toISOString(), trigger.toISOString());
});

test('a same-day step is due from its trigger, late from the next local midnight (winter time)', () => {
  const discharge = new Date('2026-01-15T14:00:00Z');
  const window = windowFrom(discharge, { earliest: null, target: d('P0D'), latest: d('P0D') }, PARIS);
  assert.equal(window.dueAt.toISOString(), discharge.toISOString());
  assert.equal(window.lateAt.toISOString(), '2026-01-15T23:00:00.000Z');
});

test('earliest: evidence counts only from that day (potassium 1 to 2 weeks after a start)', () => {
  const start = new Date('2026-05-04T08:00:00Z');
  const window = windowFrom(start, { earliest: d('P7D'), target: d('P10D'), latest: d('P14D') }, PARIS);
  assert.equal(window.earliestAt.toISOString(), '2026-05-10T22:00:00.000Z');
  assert.equal(window.dueAt.toISOString(), '2026-05-13T22:00:00.000Z');
  assert.equal(window.lateAt.toISOString(), '2026-05-18T22:00:00.000Z');
});
