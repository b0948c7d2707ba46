import { sql, type Kysely } from 'kysely';
import type { AuditEntry } from '../domain/audit/audit-entry.ts';
import type { AuditLogFilter } from '../domain/audit/audit-log-filter.ts';
import type { AuditLogReader, AuditLogRow } from '../domain/audit/audit-log-service.ts';
import { aboutPatient } from './audit-entries-about.ts';
import type { Database } from './database-schema.ts';

/** A condition no entry meets: an empty list of allowed values. */
const NONE = sql<boolean>`false`;

/**
 * The DPO's reading of audit_entries: filters on the indexed columns (patients, account, time), newest
 * first by seq (keyset pages for the list and export, offset pages and a count for FHIR), with the
 * account's log-in and the practitioner behind it.
 */
export function createSqlAuditLog(db: Kysely<Database>): AuditLogReader {
  /** The entries with their account (whose log-in a filter may name). */
  const entries = () =>
    db.selectFrom('audit_entries as a').leftJoin('accounts as acc', 'acc.id', 'a.account_id');

  /** The entries matching `filter`; an empty list of actions or outcomes matches none. */
  const matching = (filter: AuditLogFilter) => {
    let query = entries();
    if (filter.patientId !== null) query = query.where(aboutPatient(filter.patientId));
    if (filter.accountId !== null) query = query.where('a.account_id', '=', filter.accountId);
    if (filter.login !== null) query = query.where('acc.login', '=', filter.login);
    if (filter.actions !== null)
      query = filter.actions.length === 0 ? query.where(NONE) : query.where('a.action', 'in', filter.actions);
    if (filter.outcomes !== null)
      query =
        filter.outcomes.length === 0 ? query.where(NONE) : query.where('a.outcome', 'in', filter.outcomes);
    if (filter.from !== null) query = query.where('a.at', '>=', filter.from);
    if (filter.before !== null) query = query.where('a.at', '<', filter.before);
    return query;
  };

  /** The rows of `query`, newest first, as the DPO reads them. */
  const rowsOf = async (query: ReturnType<typeof entries>): Promise<AuditLogRow[]> => {
    const rows = await query
      .leftJoin('practitioners as p', 'p.id', 'acc.practitioner_id')
      .select([
        'a.seq',
        'a.at',
        'a.account_id',
        'a.actor_kind',
        'a.actor_role',
        'a.patient_id',
        'a.patient_ids',
        'a.action',
        'a.resource',
        'a.outcome',
        'a.reason',
        'a.client_address',
        'acc.login',
        'p.profession',
        sql<string | null>`p.given_name || ' ' || p.family_name`.as('name'),
      ])
      .orderBy('a.seq', 'desc')
      .execute();
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: {
        kind: row.actor_kind as AuditEntry['actorKind'],
        accountId: row.account_id,
        login: row.login,
        name: row.name,
        profession: row.profession,
      },
      role: row.actor_role,
      patientIds: row.patient_ids ?? (row.patient_id === null ? [] : [row.patient_id]),
      action: row.action,
      resource: row.resource,
      outcome: row.outcome,
      reason: row.reason,
      clientAddress: row.client_address,
    }));
  };

  return {
    page(filter, beforeSeq, limit) {
      const query = matching(filter).limit(limit);
      return rowsOf(beforeSeq === null ? query : query.where('a.seq', '<', beforeSeq));
    },

    slice(filter, offset, limit) {
      return rowsOf(matching(filter).limit(limit).offset(offset));
    },

    async count(filter) {
      const { n } = await matching(filter)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async entry(seq) {
      const [row] = await rowsOf(entries().where('a.seq', '=', seq));
      return row;
    },
  };
}
