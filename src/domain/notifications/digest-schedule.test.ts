import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownTimeZone } from '../shared/wall-clock.ts';
import { nextDigestAt } from './digest-schedule.ts';

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);

test('the digest leaves at the hour of the Paris clock, winter (UTC+1) and summer (UTC+2)', () => {
  // 07:30 in Paris in January is 06:30 UTC: 8 h the same day is 07:00 UTC.
  assert.equal(nextDigestAt(at('2026-01-15T06:30:00Z'), 8, PARIS).toISOString(), '2026-01-15T07:00:00.000Z');
  // 08:30 in Paris: the next one is tomorrow.
  assert.equal(nextDigestAt(at('2026-01-15T07:30:00Z'), 8, PARIS).toISOString(), '2026-01-16T07:00:00.000Z');
  // In July Paris is UTC+2.
  assert.equal(nextDigestAt(at('2026-07-15T05:00:00Z'), 8, PARIS).toISOString(), '2026-07-15T06:00:00.000Z');
});

test('exactly at the hour, the next digest is the following day (strictly after)', () => {
  assert.equal(nextDigestAt(at('2026-01-15T07:00:00Z'), 8, PARIS).toISOString(), '2026-01-16T07:00:00.000Z');
});

test('across the change to summer time the hour stays 8 h on the wall clock', () => {
  // 29 March 2026: clocks go from 02:00 to 03:00 in Paris. Evening of the 28th (UTC+1) → morning of the 29th (UTC+2).
  assert.equal(nextDigestAt(at('2026-03-28T20:00:00Z'), 8, PARIS).toISOString(), '2026-03-29T06:00:00.000Z');
  // And back in October: 25 October 2026, 03:00 → 02:00.
  assert.equal(nextDigestAt(at('2026-10-24T20:00:00Z'), 8, PARIS).toISOString(), '2026-10-25T07:00:00.000Z');
});

test('midnight and late hours, and other zones', () => {
  assert.equal(nextDigestAt(at('2026-01-15T22:59:00Z'), 0, PARIS).toISOString(), '2026-01-15T23:00:00.000Z');
  assert.equal(nextDigestAt(at('2026-01-15T12:00:00Z'), 23, 'UTC').toISOString(), '2026-01-15T23:00:00.000Z');
  // Réunion is UTC+4 all year.
  assert.equal(
    nextDigestAt(at('2026-01-15T12:00:00Z'), 8, 'Indian/Reunion').toISOString(),
    '2026-01-16T04:00:00.000Z',
  );
  assert.equal(isKnownTimeZone(PARIS), true);
  assert.equal(isKnownTimeZone('Mars/Olympus_Mons'), false);
});
