import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { TaskOriginKind, TaskPriority } from './task.ts';
import { isUuid } from '../shared/new-id.ts';

/** Where an open task stands against the clock, in the order a worklist shows them. */
export const WORKLIST_BUCKETS = ['overdue', 'today', 'soon', 'later', 'undated'] as const;
export type WorklistBucket = (typeof WORKLIST_BUCKETS)[number];

/** "Today" is the calendar day of the territory (French care: Europe/Paris, summer time included). */
export const TERRITORY_TIME_ZONE = 'Europe/Paris';
/** Due within this many days after today counts as soon. */
export const SOON_DAYS = 7;
export const DEFAULT_WORKLIST_LIMIT = 50;
export const MAX_WORKLIST_LIMIT = 100;

/** At most this many of a patient's tasks are listed whatever their status (the FHIR Task search). */
export const MAX_PATIENT_TASKS = 1000;
/** The navigation badge counts up to this, then says "99+": the count stays a bounded query. */
export const BADGE_COUNT_CAP = 99;

/** Within the same due instant, urgent work first. Stored with each task (tasks.priority_rank). */
export const PRIORITY_RANK: Readonly<Record<TaskPriority, number>> = {
  urgent: 0,
  high: 1,
  normal: 2,
  low: 3,
};

/** The instants that separate the buckets, computed once per request from "now". */
export interface BucketBounds {
  readonly now: Date;
  readonly startOfTomorrow: Date;
  readonly endOfSoon: Date;
}

/** The bucket boundaries for `now` in the territory's time zone. */
export function bucketBounds(now: Date, timeZone: string = TERRITORY_TIME_ZONE): BucketBounds {
  const today = localDate(now, timeZone);
  return {
    now,
    startOfTomorrow: startOfLocalDay(addDays(today, 1), timeZone),
    endOfSoon: startOfLocalDay(addDays(today, 1 + SOON_DAYS), timeZone),
  };
}

/** Which bucket a due date falls in. Buckets follow the due date, so due-date order is bucket order. */
export function bucketOf(dueAt: Date | null, bounds: BucketBounds): WorklistBucket {
  if (dueAt === null) return 'undated';
  const due = dueAt.getTime();
  if (due < bounds.now.getTime()) return 'overdue';
  if (due < bounds.startOfTomorrow.getTime()) return 'today';
  if (due < bounds.endOfSoon.getTime()) return 'soon';
  return 'later';
}

/** Narrows a worklist; every filter is optional and they combine with "and". */
export interface WorklistFilters {
  readonly patientId?: string;
  readonly originKind?: TaskOriginKind;
  readonly priority?: TaskPriority;
  /** Tasks assigned to this care-team role. */
  readonly role?: CareTeamRole;
  /** Tasks assigned to this service, or to a practitioner of this practice or service. */
  readonly organizationId?: string;
}

/** Where the previous page ended: the sort key of its last row (due date, undated last; priority; id). */
export interface WorklistCursor {
  readonly dueAt: Date | null;
  readonly priorityRank: number;
  readonly id: string;
}

export interface WorklistQuery {
  readonly filters: WorklistFilters;
  readonly limit: number;
  readonly after: WorklistCursor | null;
}

/** The order of a worklist: due date (undated last), then priority, then id. */
export function compareWorklistOrder(a: WorklistCursor, b: WorklistCursor): number {
  const due = (cursor: WorklistCursor) => cursor.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (due(a) !== due(b)) return due(a) < due(b) ? -1 : 1;
  if (a.priorityRank !== b.priorityRank) return a.priorityRank - b.priorityRank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An opaque, URL-safe page token. */
export function encodeWorklistCursor(cursor: WorklistCursor): string {
  const json = JSON.stringify([cursor.dueAt?.toISOString() ?? null, cursor.priorityRank, cursor.id]);
  return btoa(json).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Reads a page token. Error: `invalid-input` when it is not one this server made. */
export function decodeWorklistCursor(token: string): WorklistCursor {
  const invalid = new DomainError(
    'invalid-input',
    'cursor is not a page token from a previous worklist answer',
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(token.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid;
  const [due, rank, id] = parsed as unknown[];
  const dueAt = typeof due === 'string' ? new Date(due) : null;
  if ((due !== null && (dueAt === null || Number.isNaN(dueAt.getTime()))) || typeof id !== 'string')
    throw invalid;
  if (typeof rank !== 'number' || !Number.isInteger(rank) || !isUuid(id)) throw invalid;
  return { dueAt, priorityRank: rank, id };
}

/** Error: `invalid-input` when the page size is outside 1..MAX_WORKLIST_LIMIT. */
export function checkWorklistLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_WORKLIST_LIMIT) {
    throw new DomainError('invalid-input', `limit must be a whole number from 1 to ${MAX_WORKLIST_LIMIT}`);
  }
  return limit;
}

type LocalDate = { readonly year: number; readonly month: number; readonly day: number };

// Building an Intl.DateTimeFormat costs far more than using one: keep one of each per time zone.
const formatters = new Map<string, { date: Intl.DateTimeFormat; offset: Intl.DateTimeFormat }>();

function formattersOf(timeZone: string) {
  let pair = formatters.get(timeZone);
  if (pair === undefined) {
    pair = {
      date: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      offset: new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }),
    };
    formatters.set(timeZone, pair);
  }
  return pair;
}

function localDate(instant: Date, timeZone: string): LocalDate {
  const parts = formattersOf(timeZone).date.formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The instant local midnight starts `date` in `timeZone` (offset read twice around DST changes). */
function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day);
  let instant = wallClock - offsetMs(new Date(wallClock), timeZone);
  instant = wallClock - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The zone's offset from UTC at an instant, in ms (Europe/Paris: +1 h in winter, +2 h in summer). */
function offsetMs(instant: Date, timeZone: string): number {
  const name = formattersOf(timeZone)
    .offset.formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (match === null) return 0; // "GMT" alone: UTC
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}
