/**
 * Wall-clock arithmetic in a named time zone (Europe/Paris by default in Relais): Intl does the
 * time-zone work, so the domain stays free of I/O and of a date library. A "local date" is the
 * calendar date people read on the zone's clocks, as 'YYYY-MM-DD'.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a time zone, as if it were UTC (milliseconds, whole seconds). */
export function wallClockMs(instant: number, timeZone: string): number {
  const offset = offsetOf(instant, timeZone);
  return Math.floor((instant + offset) / 1000) * 1000;
}

/** The zone's offsets by hour: a worklist reads hundreds of dates, and Intl costs microseconds per call. */
const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 100_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * The zone's offset from UTC at an instant (milliseconds). An hour whose two ends have the same offset
 * has it throughout (zones change their offset at most once in an hour), so it is kept; an hour with
 * a change of time is read instant by instant.
 */
function offsetOf(instant: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const hour = Math.floor(instant / HOUR_MS);
  const cached = zone.get(hour);
  if (cached !== undefined) return cached;
  const start = hour * HOUR_MS;
  const offset = readOffset(start, timeZone);
  if (readOffset(start + HOUR_MS - 1000, timeZone) !== offset) return readOffset(instant, timeZone);
  if (zone.size >= MAX_CACHED_HOURS) zone.clear();
  zone.set(hour, offset);
  return offset;
}

/** The offset at an instant, from Intl's wall-clock reading of it (whole seconds). */
function readOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock of the zone reads the given local time (UTC fields). */
export function instantAtWallClock(wall: number, timeZone: string): number {
  // The offset at the guess may differ from the offset at the answer near a change of time; a second
  // pass settles it.
  const first = wall - (wallClockMs(wall, timeZone) - wall);
  return wall - (wallClockMs(first, timeZone) - first);
}

/** The local date ('YYYY-MM-DD') of an instant on the zone's clocks. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The first instant of a local date ('YYYY-MM-DD') in the zone (midnight, or later on a change of time). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(instantAtWallClock(Date.parse(`${date}T00:00:00Z`), timeZone));
}

/** Whether a time zone name is one Intl knows (e.g. Europe/Paris). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
