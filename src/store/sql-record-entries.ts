import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DateBound } from '../domain/record/patient-criteria.ts';
import {
  CODE_SYSTEM,
  type EntryCriteria,
  type EntrySortKey,
  type RecordEntryFinder,
  type RecordEntryKind,
  type StoredEntry,
} from '../domain/record/record-entries.ts';
import type { Database } from './database-schema.ts';

/** A timestamptz column as an ISO-8601 UTC string, the way `Date.toISOString` writes it. */
const isoUtc = (column: string) =>
  sql`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** How a kind of entry is stored: its table, the columns shaped like the domain type, what it is searched on. */
interface EntryTable {
  readonly table: 'conditions' | 'medications' | 'allergies' | 'results';
  readonly columns: RawBuilder<unknown>;
  /** The code and its system: a column, or the one system the kind is coded in. */
  readonly code?: { readonly column: string; readonly system: RawBuilder<string> };
  readonly status?: string;
  /** The entry's own date: a `date` column, or a timestamptz one (an instant). */
  readonly date?: { readonly column: string; readonly instant: boolean };
}

const TABLES: Readonly<Record<RecordEntryKind, EntryTable>> = {
  condition: {
    table: 'conditions',
    columns: sql`id, code_system as "codeSystem", code, display, clinical_status as "clinicalStatus",
      onset_date::text as "onsetDate"`,
    code: { column: 'code', system: sql<string>`code_system` },
    status: 'clinical_status',
    date: { column: 'onset_date', instant: false },
  },
  medication: {
    table: 'medications',
    // `recordedAt` is the one every entry has (find adds it back).
    columns: sql`id, atc_code as "atcCode", name, dosage, started_on::text as "startedOn", status, provenance`,
    code: { column: 'atc_code', system: sql<string>`${CODE_SYSTEM.atc}` },
    status: 'status',
    date: { column: 'started_on', instant: false },
  },
  allergy: {
    table: 'allergies',
    columns: sql`id, substance, reaction, criticality`,
  },
  result: {
    table: 'results',
    columns: sql`id, loinc_code as "loincCode", display, value_numeric as "valueNumeric", value_text as "valueText",
      unit, reference_range as "referenceRange", interpretation, ${isoUtc('effective_at')} as "effectiveAt"`,
    code: { column: 'loinc_code', system: sql<string>`${CODE_SYSTEM.loinc}` },
    date: { column: 'effective_at', instant: true },
  },
};

const OPERATOR = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/**
 * Finds a patient's entries in one of the entry tables: every query is led by the scope's patient_id
 * (the tables' primary key), so a search reads one patient's rows only. `patientOf` looks an entry up
 * by id alone, for the gate to know whose it is.
 */
export function createSqlRecordEntries(db: Kysely<Database>): RecordEntryFinder {
  return {
    async patientOf(kind, entryId) {
      const { table } = TABLES[kind];
      const { rows } = await sql<{ patient_id: string }>`
        select patient_id from ${sql.table(table)} where id = ${entryId} limit 1`.execute(db);
      return rows[0]?.patient_id;
    },

    async find<K extends RecordEntryKind>(
      scope: { readonly patientId: string },
      kind: K,
      criteria: EntryCriteria,
    ) {
      const table = TABLES[kind];
      const where = sql.join(
        [sql`patient_id = ${scope.patientId}`, ...conditions(table, criteria)],
        sql` and `,
      );
      const from = sql`from ${sql.table(table.table)} where ${where}`;
      const counted = await sql<{ total: string }>`select count(*)::text as total ${from}`.execute(db);
      const total = Number(counted.rows[0]?.total ?? 0);
      if (criteria.count === 0 || total <= criteria.offset) return { total, entries: [] };
      // The columns are named and shaped as the kind's domain type (TABLES), plus when it was written.
      const { rows } = await sql<Record<string, unknown> & { recordedAt: string }>`
        select ${table.columns}, ${isoUtc('recorded_at')} as "recordedAt" ${from}
        order by ${orderOf(table, criteria.sort)}
        limit ${criteria.count} offset ${criteria.offset}`.execute(db);
      return {
        total,
        entries: rows.map(({ recordedAt, ...entry }) => ({
          entry: {
            ...entry,
            ...(kind === 'medication' ? { recordedAt } : {}),
          } as unknown as StoredEntry<K>['entry'],
          recordedAt,
        })),
      };
    },
  };
}

function conditions(table: EntryTable, criteria: EntryCriteria): RawBuilder<unknown>[] {
  const anyOf = <T>(values: readonly T[], one: (value: T) => RawBuilder<unknown>) =>
    values.length === 0 ? sql`false` : sql`(${sql.join(values.map(one), sql` or `)})`;
  const { code, status, date } = table;
  return [
    ...criteria.ids.map((ids) => anyOf(ids, (id) => sql`id = ${id}`)),
    ...criteria.codes.map((codes) =>
      code === undefined
        ? sql`false`
        : anyOf(codes, ({ codeSystem, code: value }) =>
            codeSystem === null
              ? sql`${sql.ref(code.column)} = ${value}`
              : sql`(${sql.ref(code.column)} = ${value} and ${code.system} = ${codeSystem})`,
          ),
    ),
    ...criteria.statuses.map((statuses) =>
      status === undefined ? sql`false` : anyOf(statuses, (value) => sql`${sql.ref(status)} = ${value}`),
    ),
    ...criteria.dates.map((bound) =>
      date === undefined ? sql`false` : dateBound(date.column, bound, date.instant),
    ),
    ...criteria.lastUpdated.map((bound) => dateBound('recorded_at', bound, true)),
  ];
}

function dateBound(column: string, bound: DateBound, instant: boolean): RawBuilder<unknown> {
  const value = instant ? sql`${bound.value}::timestamptz` : sql`${bound.value}::date`;
  return sql`${sql.ref(column)} ${sql.raw(OPERATOR[bound.comparator])} ${value}`;
}

/** The order asked for, then the newest first (by the entry's date when it has one), then by id. */
function orderOf(table: EntryTable, sort: EntryCriteria['sort']): RawBuilder<unknown> {
  const column = (key: EntrySortKey) =>
    key === 'date' ? (table.date?.column ?? 'recorded_at') : key === '_lastUpdated' ? 'recorded_at' : 'id';
  const asked = sort.map(
    ({ key, descending }) =>
      sql`${sql.ref(column(key))} ${sql.raw(descending ? 'desc nulls last' : 'asc nulls last')}`,
  );
  const newest = sql`${sql.ref(table.date?.column ?? 'recorded_at')} desc nulls last`;
  return sql.join([...asked, newest, sql`recorded_at desc`, sql`id`]);
}
