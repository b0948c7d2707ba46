/**
 * The daily digest leaves at a whole hour of the territory's wall clock (Europe/Paris by default), so
 * "8 h" stays 8 h across summer time. Pure: Intl does the time-zone arithmetic, no I/O.
 */
import { instantAtWallClock, wallClockMs } from '../shared/wall-clock.ts';

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
