import { instantAtWallClock, wallClockMs } from '../shared/wall-clock.ts';

/**
 * HL7 v2 date/time values (DTM, DT). A DTM without an offset is the sender's local time: French
 * hospitals send Paris time (PAM France 2.11 gives no offset in its examples), so the zone is a
 * parameter, Europe/Paris by default.
 */

const DTM = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/;

export type ParsedTime = { readonly ok: true; readonly at: Date | null } | { readonly ok: false };

/**
 * Reads a DTM (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][±ZZZZ]). '' is "not given" (`at` null); a value that is not
 * a real instant is refused. Precision below the day is optional; a date alone is its local midnight.
 */
export function parseHl7DateTime(text: string, timeZone: string): ParsedTime {
  if (text === '') return { ok: true, at: null };
  const match = DTM.exec(text);
  if (match === null) return { ok: false };
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', fraction, offset] =
    match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, Number(`0.${fraction ?? '0'}`) * 1000);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return { ok: false };
  }
  if (offset === undefined) return { ok: true, at: new Date(instantAtWallClock(wall, timeZone)) };
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5));
  return { ok: true, at: new Date(wall - sign * minutes * 60_000) };
}

export type ParsedDate = { readonly ok: true; readonly date: string | null } | { readonly ok: false };

/**
 * Reads a birth date (DT, or a DTM whose time is ignored) as 'YYYY-MM-DD'. A partial date (year, or
 * year and month) is a real DT value but not a full trait: it reads as null, like an absent one.
 */
export function parseHl7Date(text: string): ParsedDate {
  if (text === '') return { ok: true, date: null };
  const match = DTM.exec(text);
  if (match === null) return { ok: false };
  const [, year = '', month, day] = match;
  if (month === undefined || day === undefined) return { ok: true, date: null };
  const wall = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (wall.getUTCMonth() !== Number(month) - 1 || wall.getUTCDate() !== Number(day)) return { ok: false };
  return { ok: true, date: `${year}-${month}-${day}` };
}

/** An instant as a DTM to the second on the sender's local clock (YYYYMMDDHHMMSS, no offset). */
export function formatHl7DateTime(at: Date, timeZone: string): string {
  return new Date(wallClockMs(at.getTime(), timeZone)).toISOString().slice(0, 19).replace(/\D/g, '');
}
