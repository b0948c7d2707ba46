/**
 * Working days in France: Monday to Friday, except the eleven public holidays of the Code du travail
 * (article L3133-1), Easter-based ones included. Dates are taken in UTC; a deadline keeps the time of
 * day of its start.
 */

const DAY_MS = 86_400_000;

/** Easter Sunday of `year` (Gregorian calendar, the anonymous "Meeus/Jones/Butcher" computation), UTC. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The public holidays of `year` as 'YYYY-MM-DD'. */
export function frenchPublicHolidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached !== undefined) return cached;
  const easter = easterSunday(year).getTime();
  const fromEaster = (days: number): string => new Date(easter + days * DAY_MS).toISOString().slice(0, 10);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
  const holidays = new Set([
    ...fixed.map((monthDay) => `${year}-${monthDay}`),
    fromEaster(1), // Easter Monday
    fromEaster(39), // Ascension
    fromEaster(50), // Whit Monday
  ]);
  holidayCache.set(year, holidays);
  return holidays;
}

export function isWorkingDay(instant: Date): boolean {
  const weekday = instant.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !frenchPublicHolidays(instant.getUTCFullYear()).has(instant.toISOString().slice(0, 10));
}

/** `start` moved forward by `days` working days (a start on a day off counts from the next working day). */
export function addWorkingDays(start: Date, days: number): Date {
  let instant = start.getTime();
  let left = days;
  while (left > 0) {
    instant += DAY_MS;
    if (isWorkingDay(new Date(instant))) left -= 1;
  }
  return new Date(instant);
}
