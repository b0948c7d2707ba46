import type { Principal } from '../access/principal.ts';
import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { AuditEntry, AuditTrail } from './audit-entry.ts';
import {
  describeAuditLogFilter,
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
  readonly patientId: string | null;
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
}

export interface AuditLogPage {
  readonly items: readonly AuditLogRow[];
  readonly nextCursor: string | null;
}

/** The DPO's view of the audit trail: filter, page, export. Reading it is audited like any access. */
export interface AuditLogService {
  /** A page of entries, newest first. Errors: `forbidden` (not a DPO), `invalid-input` (filters). */
  list(principal: Principal, query: AuditLogPageQuery, origin: RequestOrigin): Promise<AuditLogPage>;
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

  /** The DPO's reading, with its filters, goes to the trail before any row leaves. */
  const recordReading = (
    principal: Principal,
    action: 'read' | 'export',
    filter: AuditLogFilter,
    origin: RequestOrigin,
  ) => {
    const reason = `DPO review of the audit log (${describeAuditLogFilter(filter)})`;
    const allowed = { outcome: 'allowed', reason, role: 'dpo' } as const;
    return deps.audit.append([
      auditEntryFor(principal, null, { action, ...AUDIT_LOG }, origin, deps.clock(), allowed),
    ]);
  };

  return {
    async list(principal, query, origin) {
      await requireDpo(principal, 'read', origin);
      const { filter, beforeSeq, limit } = parseAuditLogPage(query, deps.timeZone);
      await recordReading(principal, 'read', filter, origin);
      // One row more than asked tells whether another page follows.
      const rows = await deps.reader.page(filter, beforeSeq, limit + 1);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
    },

    async export(principal, query, origin) {
      await requireDpo(principal, 'export', origin);
      const filter = parseAuditLogFilter(query, deps.timeZone);
      await recordReading(principal, 'export', filter, origin);
      return exportRows(deps.reader, filter);
    },
  };
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
