import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDateOf, startOfLocalDay, wallClockMs } from './wall-clock.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl's reading of the wall clock, with no cache: the reference. */
function intlWallClock(instant: number, timeZone: string): number {
  const format =
    formats.get(timeZone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  formats.set(timeZone, format);
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

test('the wall clock matches Intl minute by minute across changes of time, read twice (cached)', () => {
  const days = [
    ['Europe/Paris', '2026-03-29'],
    ['Europe/Paris', '2026-10-25'],
    // Half-hour changes, at half past the UTC hour.
    ['Australia/Lord_Howe', '2026-04-04'],
    ['Australia/Lord_Howe', '2026-10-03'],
  ] as const;
  for (const [zone, day] of days) {
    const start = Date.parse(`${day}T00:00:00Z`);
    for (let round = 0; round < 2; round += 1) {
      for (let instant = start; instant < start + 86_400_000; instant += 60_017) {
        assert.equal(wallClockMs(instant, zone), intlWallClock(instant, zone), `${zone} ${instant}`);
      }
    }
  }
});

test('local dates and local midnights in Paris, around the changes of time', () => {
  assert.equal(localDateOf(new Date('2026-03-28T22:59:59Z'), 'Europe/Paris'), '2026-03-28');
  assert.equal(localDateOf(new Date('2026-03-28T23:00:00Z'), 'Europe/Paris'), '2026-03-29');
  assert.equal(localDateOf(new Date('2026-10-25T21:59:59Z'), 'Europe/Paris'), '2026-10-25');
  assert.equal(localDateOf(new Date('2026-10-25T23:00:00Z'), 'Europe/Paris'), '2026-10-26');
  assert.equal(startOfLocalDay('2026-03-30', 'Europe/Paris').toISOString(), '2026-03-29T22:00:00.000Z');
  assert.equal(startOfLocalDay('2026-10-26', 'Europe/Paris').toISOString(), '2026-10-25T23:00:00.000Z');
});
