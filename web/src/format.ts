import { INTL_LOCALE, type Language } from './i18n.ts';

/** Dates and numbers in the interface language, with Intl. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD) as DD/MM/YYYY: read as UTC so no time zone shifts the day. */
export function formatDate(isoDate: string, language: Language): string {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An instant as a short date and time in the browser's time zone (e.g. 12/03/2025 14:30). */
export function formatDateTime(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'short', timeStyle: 'short' }).format(
    date,
  );
}

/** An appointment time in words: "mardi 18 mars 2025 à 14:30". */
export function formatLongDateTime(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'full', timeStyle: 'short' }).format(
    date,
  );
}

/** The end time of an interval, alone (14:30), when it is on the same day as its start. */
export function formatTime(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { timeStyle: 'short' }).format(date);
}

export function sameLocalDay(a: string, b: string): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** Whole years between a birth date (YYYY-MM-DD) and today; null when the date is unreadable. */
export function ageInYears(birthDate: string, today: Date = new Date()): number | null {
  const match = ISO_DATE.exec(birthDate);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  let age = today.getFullYear() - year;
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

// NIR/NIA layout (décret 82-103 art. 4): sex 1, year 2, month 2, département 2, commune 3, order 3, key 2.
const INS_GROUPS = [1, 2, 2, 2, 3, 3, 2];

/** The 15-character INS matricule grouped as on the carte Vitale: "2 79 03 51 215 189 89". */
export function formatIns(matricule: string): string {
  const compact = matricule.replace(/\s+/g, '');
  if (compact.length !== 15) return matricule;
  const parts: string[] = [];
  let offset = 0;
  for (const size of INS_GROUPS) {
    parts.push(compact.slice(offset, offset + size));
    offset += size;
  }
  return parts.join(' ');
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(INTL_LOCALE[language], { maximumFractionDigits: 3 }).format(value);
}

/** A file size in kB or MB. */
export function formatBytes(bytes: number, language: Language): string {
  const kilobytes = bytes / 1024;
  const [value, unit] =
    kilobytes >= 1024 ? [kilobytes / 1024, 'megabyte'] : [Math.max(kilobytes, 0.1), 'kilobyte'];
  return new Intl.NumberFormat(INTL_LOCALE[language], {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/**
 * A UCUM unit code as people write it: mm[Hg] → mmHg, 10*3/uL → 10³/µL; pure annotations such as
 * {score} show nothing. Unknown codes are shown as they are.
 */
export function displayUnit(ucum: string, language: Language): string {
  const bodySurface = language === 'fr' ? '1,73 m²' : '1.73 m²';
  return ucum
    .replace('{1.73_m2}', bodySurface)
    .replace(/^\{[^}]*\}$/, '')
    .replace('mm[Hg]', 'mmHg')
    .replace(/10\*3/g, '10³')
    .replace(/10\*6/g, '10⁶')
    .replace(/10\*9/g, '10⁹')
    .replace(/(^|\/)u(L|g|mol)\b/g, '$1µ$2');
}

/** A result's value with its unit, as one string: "7,9 %", "positif". */
export function formatResultValue(
  result: { valueNumeric: number | null; valueText: string | null; unit: string | null },
  language: Language,
): string {
  const value =
    result.valueNumeric !== null ? formatNumber(result.valueNumeric, language) : (result.valueText ?? '');
  const unit = result.unit === null ? '' : displayUnit(result.unit, language);
  return unit === '' ? value : `${value} ${unit}`;
}

/** The day of an instant, in the browser's time zone (e.g. 12/03/2025). */
export function formatDayOf(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'short' }).format(date);
}
