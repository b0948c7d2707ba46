/**
 * The daily digest leaves at a whole hour of the territory's wall clock (Europe/Paris by default), so
 * "8 h" stays 8 h across summer time. Pure: Intl does the time-zone arithmetic, no I/O.
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
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The instant at which the wall clock of the zone reads the given local time (UTC fields). */
function instantAtWallClock(wall: number, timeZone: string): number {
  // The offset at the guess may differ from the offset at the answer near a change of time; a second
  // pass settles it.
  const first = wall - (wallClockMs(wall, timeZone) - wall);
  return wall - (wallClockMs(first, timeZone) - first);
}

/** The first instant strictly after `after` at which the zone's clock shows `hour`:00. */
export function nextDigestAt(after: Date, hour: number, timeZone: string): Date {
  const wall = new Date(wallClockMs(after.getTime(), timeZone));
  for (let days = 0; ; days += 1) {
    const candidate = instantAtWallClock(
      Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + days, hour),
      timeZone,
    );
    if (candidate > after.getTime()) return new Date(candidate);
  }
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
