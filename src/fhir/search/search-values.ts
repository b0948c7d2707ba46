import { nameKey } from '../../domain/identity/name-key.ts';
import type { DateBound, NameWords } from '../../domain/record/patient-criteria.ts';
import { badRequest } from '../fhir-error.ts';

/** A token value, `system|code`, `|code` (no system) or `code` (any system). */
export interface TokenValue {
  /** undefined: any system; null: no system. */
  readonly system: string | null | undefined;
  readonly code: string;
}

export function parseToken(name: string, text: string): TokenValue {
  const bar = text.indexOf('|');
  if (bar < 0) return { system: undefined, code: text };
  const system = text.slice(0, bar);
  const code = text.slice(bar + 1);
  if (code === '') throw badRequest(`'${name}' needs a value after '${system}|'`, name);
  return { system: system === '' ? null : system, code };
}

/**
 * The code of a token on an element bound to a required value set (a status): a code outside it is a
 * client's mistake, not a search that finds nothing, so it is refused with the codes it may be.
 */
export function parseRequiredCode(name: string, text: string, codes: ReadonlySet<string>): string {
  const { code } = parseToken(name, text);
  if (!codes.has(code))
    throw badRequest(`'${code}' is not a ${name} code (one of ${[...codes].join(', ')})`, name);
  return code;
}

/** A string search value as the words that must start a name (accents, case and punctuation aside). */
export function parseNameWords(name: string, value: string): NameWords {
  const words = nameKey(value)
    .split(' ')
    .filter((word) => word.length > 0);
  if (words.length === 0) throw badRequest(`'${name}' needs letters to search, got '${value}'`, name);
  return words;
}

const PREFIXES = ['eq', 'lt', 'le', 'gt', 'ge'] as const;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A date search value (`[prefix]value`) as bounds on the stored value. FHIR reads a value as the range
 * of its precision (a year, a month, a day; an instant to its second): `eq` is inside it, `lt` before
 * its start, `le` before its end, `gt` after its end, `ge` from its start. `asInstant` says whether the
 * stored value is an instant (day bounds then start at 00:00 UTC) or a date.
 */
export function parseDateBounds(name: string, text: string, asInstant: boolean): DateBound[] {
  const prefix = PREFIXES.find((candidate) => text.startsWith(candidate));
  if (prefix === undefined && /^[a-z]{2}/.test(text))
    throw badRequest(
      `date prefix '${text.slice(0, 2)}' of '${name}' is not supported (eq, lt, le, gt, ge)`,
      name,
    );
  const value = prefix === undefined ? text : text.slice(2);
  const range = rangeOf(name, value, asInstant);
  switch (prefix ?? 'eq') {
    case 'eq':
      return [
        { comparator: 'ge', value: range.start },
        { comparator: 'lt', value: range.end },
      ];
    case 'lt':
      return [{ comparator: 'lt', value: range.start }];
    case 'le':
      return [{ comparator: 'lt', value: range.end }];
    case 'gt':
      return [{ comparator: 'ge', value: range.end }];
    case 'ge':
      return [{ comparator: 'ge', value: range.start }];
  }
}

function rangeOf(name: string, value: string, asInstant: boolean): { start: string; end: string } {
  const date = DATE.exec(value);
  if (date !== null) {
    const [, year = '', month, day] = date;
    const start = new Date(Date.UTC(Number(year), Number(month ?? '1') - 1, Number(day ?? '1')));
    const end = new Date(start);
    if (day !== undefined) end.setUTCDate(end.getUTCDate() + 1);
    else if (month !== undefined) end.setUTCMonth(end.getUTCMonth() + 1);
    else end.setUTCFullYear(end.getUTCFullYear() + 1);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, value.length) !== value)
      throw badRequest(`'${name}' has an impossible date '${value}'`, name);
    const shown = (at: Date) => (asInstant ? at.toISOString() : at.toISOString().slice(0, 10));
    return { start: shown(start), end: shown(end) };
  }
  if (asInstant && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    const start = new Date(Date.parse(value));
    const precisionMs = value.includes('.') ? 1 : value.split(':').length > 2 ? 1000 : 60_000;
    return { start: start.toISOString(), end: new Date(start.getTime() + precisionMs).toISOString() };
  }
  throw badRequest(
    `'${name}' must be a date (YYYY, YYYY-MM, YYYY-MM-DD${asInstant ? ' or an instant with its time zone' : ''}), got '${value}'`,
    name,
  );
}
