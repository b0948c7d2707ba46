import type { Principal } from '../access/principal.ts';
import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { AuditEntry, AuditTrail } from './audit-entry.ts';
import {
  describeAuditLogFilter,
  isAuditSeq,
  MAX_AUDIT_PAGE,
  parseAuditLogFilter,
  parseAuditLogPage,
  type AuditLogFilter,
  type AuditLogPageQuery,
  type AuditLogQuery,
} from './audit-log-filter.ts';

/** An audit entry as the DPO reads it: the entry, and who the account behind it is. */
export interface AuditLogRow {
  /** The entry's place in the trail (a bigint as text): the newest has the highest. */
  readonly seq: string;
  readonly at: Date;
  readonly actor: {
    readonly kind: AuditEntry['actorKind'];
    readonly accountId: string | null;
    readonly login: string | null;
    /** The practitioner's name and profession, for a professional's account. */
    readonly name: string | null;
    readonly profession: string | null;
  };
  readonly role: string | null;
  /** The patients the entry is about: none, one, or several (a search's hits, a worklist page). */
  readonly patientIds: readonly string[];
  readonly action: AuditEntry['action'];
  readonly resource: string;
  readonly outcome: AuditEntry['outcome'];
  readonly reason: string;
  readonly clientAddress: string | null;
}

/** Port: reads the audit trail, newest first. */
export interface AuditLogReader {
  /** At most `limit` entries matching `filter`, older than `beforeSeq` when given, by seq descending. */
  page(filter: AuditLogFilter, beforeSeq: string | null, limit: number): Promise<readonly AuditLogRow[]>;
  /** At most `limit` entries matching `filter`, by seq descending, the first `offset` of them skipped. */
  slice(filter: AuditLogFilter, offset: number, limit: number): Promise<readonly AuditLogRow[]>;
  /** How many entries match `filter`. */
  count(filter: AuditLogFilter): Promise<number>;
  /** The entry with this sequence number, if there is one. */
  entry(seq: string): Promise<AuditLogRow | undefined>;
}

export interface AuditLogPage {
  readonly items: readonly AuditLogRow[];
  readonly nextCursor: string | null;
}

/** Where a search page starts among the matching entries (newest first) and how many it holds. */
export interface AuditLogWindow {
  readonly offset: number;
  readonly limit: number;
}

/** A search page: how many entries match in all, and the page's. */
export interface AuditLogSearchResult {
  readonly total: number;
  readonly items: readonly AuditLogRow[];
}

/** The DPO's view of the audit trail: filter, page, export. Reading it is audited like any access. */
export interface AuditLogService {
  /** A page of entries, newest first. Errors: `forbidden` (not a DPO), `invalid-input` (filters). */
  list(principal: Principal, query: AuditLogPageQuery, origin: RequestOrigin): Promise<AuditLogPage>;
  /**
   * The entries matching `filter` in a window by position, with how many match in all (the paging
   * of FHIR: `_offset`, `_count`, `total`). Errors: `forbidden` (not a DPO), `invalid-input` (the
   * window: offset a whole number, limit 0 to MAX_AUDIT_PAGE).
   */
  search(
    principal: Principal,
    filter: AuditLogFilter,
    window: AuditLogWindow,
    origin: RequestOrigin,
  ): Promise<AuditLogSearchResult>;
  /** One entry by its sequence number. Errors: `forbidden` (not a DPO), `not-found`. */
  entry(principal: Principal, seq: string, origin: RequestOrigin): Promise<AuditLogRow>;
  /**
   * Every matching entry, newest first, read batch by batch as the caller consumes them (nothing is
   * held in memory). Checked and audited before the first row. Errors: as `list`.
   */
  export(
    principal: Principal,
    query: AuditLogQuery,
    origin: RequestOrigin,
  ): Promise<AsyncIterable<AuditLogRow>>;
}

/** How many entries an export reads per query. */
const EXPORT_BATCH = 1000;
const AUDIT_LOG = { resource: 'audit-log' } as const;

export function createAuditLogService(deps: {
  reader: AuditLogReader;
  audit: AuditTrail;
  clock: Clock;
  /** The territory's time zone: a date filter covers that day on its clocks. */
  timeZone: string;
}): AuditLogService {
  /** Only a DPO reads the trail; a refusal is itself audited (someone probing the log is news to the DPO). */
  const requireDpo = async (principal: Principal, action: 'read' | 'export', origin: RequestOrigin) => {
    if (principal.kind === 'professional' && principal.roles.includes('dpo')) return;
    const reason = 'the audit log is for data protection officers (role dpo, with two-factor sign-in)';
    const denied = { outcome: 'denied', reason, role: null } as const;
    await deps.audit.append([
      auditEntryFor(principal, null, { action, ...AUDIT_LOG }, origin, deps.clock(), denied),
    ]);
    throw new DomainError('forbidden', reason);
  };

  /** The DPO's reading, with its filters (or the entry read), goes to the trail before any row leaves. */
  const recordReading = (
    principal: Principal,
    action: 'read' | 'export',
    what: string,
    origin: RequestOrigin,
  ) => {
    const reason = `DPO review of the audit log (${what})`;
    const allowed = { outcome: 'allowed', reason, role: 'dpo' } as const;
    return deps.audit.append([
      auditEntryFor(principal, null, { action, ...AUDIT_LOG }, origin, deps.clock(), allowed),
    ]);
  };

  return {
    async list(principal, query, origin) {
      await requireDpo(principal, 'read', origin);
      const { filter, beforeSeq, limit } = parseAuditLogPage(query, deps.timeZone);
      await recordReading(principal, 'read', describeAuditLogFilter(filter), origin);
      // One row more than asked tells whether another page follows.
      const rows = await deps.reader.page(filter, beforeSeq, limit + 1);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
    },

    async search(principal, filter, window, origin) {
      await requireDpo(principal, 'read', origin);
      checkWindow(window);
      await recordReading(principal, 'read', describeAuditLogFilter(filter), origin);
      const total = await deps.reader.count(filter);
      // A page of none (FHIR `_count=0`) asks for the total only.
      const items =
        window.limit === 0 || window.offset >= total
          ? []
          : await deps.reader.slice(filter, window.offset, window.limit);
      return { total, items };
    },

    async entry(principal, seq, origin) {
      await requireDpo(principal, 'read', origin);
      const notFound = new DomainError('not-found', `no audit entry '${seq}'`);
      // Only a sequence number can name an entry; anything else names none (and reads nothing).
      if (!isAuditSeq(seq)) throw notFound;
      await recordReading(principal, 'read', `entry ${seq}`, origin);
      const row = await deps.reader.entry(seq);
      if (row === undefined) throw notFound;
      return row;
    },

    async export(principal, query, origin) {
      await requireDpo(principal, 'export', origin);
      const filter = parseAuditLogFilter(query, deps.timeZone);
      await recordReading(principal, 'export', describeAuditLogFilter(filter), origin);
      return exportRows(deps.reader, filter);
    },
  };
}

function checkWindow({ offset, limit }: AuditLogWindow): void {
  const problems = [
    ...(Number.isSafeInteger(offset) && offset >= 0 ? [] : ['offset must be a whole number']),
    ...(Number.isInteger(limit) && limit >= 0 && limit <= MAX_AUDIT_PAGE
      ? []
      : [`limit must be a whole number from 0 to ${MAX_AUDIT_PAGE}`]),
  ];
  if (problems.length > 0)
    throw new DomainError('invalid-input', `invalid audit log page: ${problems.join('; ')}`, problems);
}

async function* exportRows(reader: AuditLogReader, filter: AuditLogFilter): AsyncIterable<AuditLogRow> {
  let beforeSeq: string | null = null;
  for (;;) {
    const rows = await reader.page(filter, beforeSeq, EXPORT_BATCH);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < EXPORT_BATCH || last === undefined) return;
    beforeSeq = last.seq;
  }
}
