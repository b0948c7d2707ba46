/**
 * ISO 8601 durations as pathway templates write them (P7D, P2W, P3M, P1Y, P1Y6M): calendar amounts,
 * added to local dates, so "3 months after 31 January" is 30 April and "1 month after 31 January"
 * is the last day of February.
 */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  /** Weeks are counted as 7 days. */
  readonly days: number;
  /** As written, for display ("P3M"). */
  readonly text: string;
}

const DURATION = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?$/;

/** Reads a duration such as P3M; undefined when it is not one (times of day are not accepted). */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = DURATION.exec(text);
  if (match === null || text === 'P') return undefined;
  const [, years = '0', months = '0', weeks = '0', days = '0'] = match;
  return { years: Number(years), months: Number(months), days: Number(weeks) * 7 + Number(days), text };
}

/** An approximate length in days, only to compare durations (a month counts 30.44 days). */
export function approximateDays(duration: IsoDuration): number {
  return duration.years * 365.25 + duration.months * 30.44 + duration.days;
}

/** A local date ('YYYY-MM-DD') moved by a duration: years and months first (clamped to the month's end), then days. */
export function addToLocalDate(date: string, duration: IsoDuration): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + duration.years * 12 + duration.months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const clamped = Date.UTC(targetYear, targetMonth, Math.min(day, lastDay));
  return new Date(clamped + duration.days * 86_400_000).toISOString().slice(0, 10);
}
