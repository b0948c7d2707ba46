import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import { startOfLocalDay } from '../shared/wall-clock.ts';
import type { AuditEntry } from './audit-entry.ts';

export const AUDIT_ACTIONS: readonly AuditEntry['action'][] = [
  'read',
  'search',
  'write',
  'export',
  'login',
  'break-glass',
];
export const AUDIT_OUTCOMES: readonly AuditEntry['outcome'][] = ['allowed', 'denied'];

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 200;

/** The filters as the query string gives them: text, each optional; an empty value means "any". */
export interface AuditLogQuery {
  readonly patientId?: string | undefined;
  readonly accountId?: string | undefined;
  readonly login?: string | undefined;
  readonly action?: string | undefined;
  readonly outcome?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** A page of the list: the filters, plus where to continue and how many rows. */
export interface AuditLogPageQuery extends AuditLogQuery {
  readonly cursor?: string | undefined;
  readonly limit?: string | undefined;
}

/** Which audit entries the DPO wants; null means any (an empty list: none). */
export interface AuditLogFilter {
  readonly patientId: string | null;
  readonly accountId: string | null;
  readonly login: string | null;
  /** Any of these actions (FHIR asks for several at once: R is a read or an export). */
  readonly actions: readonly AuditEntry['action'][] | null;
  readonly outcomes: readonly AuditEntry['outcome'][] | null;
  /** Entries at or after this instant. */
  readonly from: Date | null;
  /** Entries strictly before this instant. */
  readonly before: Date | null;
}

export interface AuditLogPageRequest {
  readonly filter: AuditLogFilter;
  /** Continue with entries older than this one (the audit sequence number), or from the newest. */
  readonly beforeSeq: string | null;
  readonly limit: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant needs its offset: a wall-clock time alone would depend on the server's zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** The audit sequence number a previous page ended on: a positive bigint. */
const SEQ = /^[1-9][0-9]{0,17}$/;
const LOGIN_MAX = 200;

/**
 * Reads and checks the DPO's filters. `from` and `to` take a date (YYYY-MM-DD, a whole day on the
 * territory's clocks in `timeZone`: `to` includes its day) or an instant with its offset
 * (ISO 8601, `to` excluded). Error: `invalid-input`, listing every problem.
 */
export function parseAuditLogFilter(query: AuditLogQuery, timeZone: string): AuditLogFilter {
  const problems: string[] = [];
  const filter = readFilter(query, timeZone, problems);
  if (problems.length > 0) throw invalid(problems);
  return filter;
}

/** The filters and the page. Error: `invalid-input`, listing every problem. */
export function parseAuditLogPage(query: AuditLogPageQuery, timeZone: string): AuditLogPageRequest {
  const problems: string[] = [];
  const filter = readFilter(query, timeZone, problems);
  const cursor = given(query.cursor);
  if (cursor !== null && !isAuditSeq(cursor)) problems.push('cursor is not one this API returned');
  const limitText = given(query.limit);
  const limit = limitText === null ? DEFAULT_AUDIT_PAGE : Number(limitText);
  if (!/^\d{1,3}$/.test(limitText ?? '1') || limit < 1 || limit > MAX_AUDIT_PAGE)
    problems.push(`limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
  if (problems.length > 0) throw invalid(problems);
  return { filter, beforeSeq: cursor, limit };
}

/** Whether `text` is an audit sequence number as this API shows them (a positive bigint). */
export function isAuditSeq(text: string): boolean {
  return SEQ.test(text);
}

/** The filters in words, for the audit entry that records the DPO's own reading. */
export function describeAuditLogFilter(filter: AuditLogFilter): string {
  const parts = [
    ['patientId', filter.patientId],
    ['accountId', filter.accountId],
    ['login', filter.login],
    ['action', listed(filter.actions)],
    ['outcome', listed(filter.outcomes)],
    ['from', filter.from?.toISOString() ?? null],
    ['before', filter.before?.toISOString() ?? null],
  ].flatMap(([name, value]) => (value === null ? [] : [`${name}=${value}`]));
  return parts.length === 0 ? 'no filter' : parts.join(', ');
}

/** A list filter in words: its values, comma-separated ("none" for an empty list). */
function listed(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return values.length === 0 ? 'none' : values.join(',');
}

function readFilter(query: AuditLogQuery, timeZone: string, problems: string[]): AuditLogFilter {
  const uuid = (name: 'patientId' | 'accountId'): string | null => {
    const value = given(query[name]);
    if (value !== null && !isUuid(value)) problems.push(`${name} must be a UUID`);
    return value === null || !isUuid(value) ? null : value.toLowerCase();
  };
  const oneOf = <T extends string>(name: string, value: string | null, allowed: readonly T[]): T | null => {
    if (value === null) return null;
    const known = allowed.find((candidate) => candidate === value);
    if (known === undefined) problems.push(`${name} must be one of ${allowed.join(', ')}`);
    return known ?? null;
  };
  const patientId = uuid('patientId');
  const accountId = uuid('accountId');
  const login = given(query.login);
  if (login !== null && login.length > LOGIN_MAX)
    problems.push(`login must be at most ${LOGIN_MAX} characters`);
  const action = oneOf('action', given(query.action), AUDIT_ACTIONS);
  const outcome = oneOf('outcome', given(query.outcome), AUDIT_OUTCOMES);
  const from = readBound('from', given(query.from), timeZone, problems);
  const before = readBound('to', given(query.to), timeZone, problems);
  if (from !== null && before !== null && from >= before) problems.push('from must be before to');
  return {
    patientId,
    accountId,
    // Log-ins are kept in lower case (the log-in itself is case-insensitive).
    login: login !== null && login.length <= LOGIN_MAX ? login.toLowerCase() : null,
    actions: action === null ? null : [action],
    outcomes: outcome === null ? null : [outcome],
    from,
    before,
  };
}

/** `from` starts at its date's midnight; `to` ends after its date (the first instant of the next day). */
function readBound(
  name: 'from' | 'to',
  text: string | null,
  timeZone: string,
  problems: string[],
): Date | null {
  if (text === null) return null;
  const date = DATE.exec(text);
  if (date !== null && isCalendarDate(date)) {
    const day = startOfLocalDay(text, timeZone);
    if (name === 'from') return day;
    const next = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]) + 1));
    return startOfLocalDay(next.toISOString().slice(0, 10), timeZone);
  }
  const dateTime = DATE_TIME.exec(text);
  if (dateTime !== null && isCalendarDate(dateTime) && isClockTime(dateTime)) return new Date(text);
  problems.push(
    `${name} must be a date (YYYY-MM-DD) or a date and time with its offset (e.g. 2025-03-14T09:30:00+01:00)`,
  );
  return null;
}

function isCalendarDate(match: RegExpExecArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 30 February over into March: a real date reads back the same.
  return year >= 1970 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isClockTime(match: RegExpExecArray): boolean {
  return Number(match[4]) <= 23 && Number(match[5]) <= 59 && Number(match[6] ?? 0) <= 59;
}

function given(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function invalid(problems: readonly string[]): DomainError {
  return new DomainError('invalid-input', `invalid audit log filter: ${problems.join('; ')}`, problems);
}
