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

/** The wall-clock reading of an instant in a time zone, as if it were UTC (milliseconds). */
export function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
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
