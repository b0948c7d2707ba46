import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, easterSunday, frenchPublicHolidays, isWorkingDay } from './working-days.ts';

test('Easter Sunday matches the published dates', () => {
  for (const [year, date] of [
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ] as const) {
    assert.equal(easterSunday(year).toISOString().slice(0, 10), date);
  }
});

test('the eleven French public holidays of 2026', () => {
  assert.deepEqual([...frenchPublicHolidays(2026)].sort(), [
    '2026-01-01',
    '2026-04-06',
    '2026-05-01',
    '2026-05-08',
    '2026-05-14',
    '2026-05-25',
    '2026-07-14',
    '2026-08-15',
    '2026-11-01',
    '2026-11-11',
    '2026-12-25',
  ]);
});

test('working days skip weekends and holidays, keeping the time of day', () => {
  assert.equal(isWorkingDay(new Date('2026-11-11T10:00:00Z')), false);
  // Friday 10:00 + 1 working day = Monday 10:00.
  assert.equal(addWorkingDays(new Date('2026-11-20T10:00:00Z'), 1).toISOString(), '2026-11-23T10:00:00.000Z');
  // Tuesday 10 November + 1 = Thursday 12 (Wednesday 11 is Armistice Day).
  assert.equal(addWorkingDays(new Date('2026-11-10T10:00:00Z'), 1).toISOString(), '2026-11-12T10:00:00.000Z');
  // Saturday + 1 = Monday.
  assert.equal(addWorkingDays(new Date('2026-11-21T08:00:00Z'), 1).toISOString(), '2026-11-23T08:00:00.000Z');
  assert.equal(addWorkingDays(new Date('2026-11-21T08:00:00Z'), 0).toISOString(), '2026-11-21T08:00:00.000Z');
});
