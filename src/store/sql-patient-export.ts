import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  whyColumnLeftOut,
  type ExportedTable,
  type PatientDataSnapshot,
} from '../domain/patient-rights/patient-export.ts';
import { aboutPatient } from './audit-entries-about.ts';
import type { Database } from './database-schema.ts';
import { EVENT_CATEGORY, notHidden } from './hidden-categories.ts';

interface CatalogueColumn {
  readonly table_name: string;
  readonly column_name: string;
  readonly data_type: string;
  readonly udt_name: string;
  readonly key_position: number | null;
}

/**
 * Every column of every table that has a `patient_id` column (the house rule: such a table is
 * patient-scoped), with its primary-key position, from the information schema. Exported so tests compare
 * the export with the catalogue itself.
 */
export const PATIENT_SCOPED_COLUMNS = sql<CatalogueColumn>`
  select c.table_name, c.column_name, c.data_type, c.udt_name, k.ordinal_position as key_position
  from information_schema.columns c
  join information_schema.tables t
    on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
  left join information_schema.table_constraints pk
    on pk.table_schema = c.table_schema and pk.table_name = c.table_name and pk.constraint_type = 'PRIMARY KEY'
  left join information_schema.key_column_usage k
    on k.constraint_schema = pk.constraint_schema and k.constraint_name = pk.constraint_name
    and k.table_name = c.table_name and k.column_name = c.column_name
  where c.table_schema = current_schema()
    and exists (
      select 1 from information_schema.columns p
      where p.table_schema = c.table_schema and p.table_name = c.table_name and p.column_name = 'patient_id'
    )
  order by c.table_name, c.ordinal_position`;

/**
 * The sensitive category of a row, for the tables whose rows say it: a document's label, questionnaire
 * answers and what they raised (tasks, pathway evidence), journal events (the timeline's own rule).
 * Rows of a category hidden from the caller are left out, as the record leaves them out.
 */
const ROW_CATEGORY: Readonly<Record<string, RawBuilder<string | null>>> = {
  documents: sql`category`,
  questionnaire_responses: sql`'mental-health'`,
  events: EVENT_CATEGORY,
  tasks: sql`(case when origin_kind = 'questionnaire' then 'mental-health' end)`,
  pathway_occurrences: sql`(case when evidence_kind = 'questionnaire' then 'mental-health' end)`,
};

/**
 * The patient's rows of a table, for the tables that name a patient otherwise than in `patient_id`:
 * an audit entry may name them among several (migration 0032). Every other table's are those whose
 * `patient_id` is theirs.
 */
const PATIENT_ROWS: Readonly<Record<string, (patientId: string) => RawBuilder<boolean>>> = {
  audit_entries: (patientId) => aboutPatient(patientId, 'audit_entries'),
};

/**
 * Reads all of a patient's rows from every patient-scoped table in one read-only transaction at
 * `repeatable read`, so the file is one consistent snapshot even while others write.
 */
export function createSqlPatientExport(db: Kysely<Database>): PatientDataSnapshot {
  return {
    read(scope) {
      const hidden = scope.hiddenCategories;
      return db.transaction().execute(async (trx) => {
        // Said in SQL, first in the transaction: the PGlite driver ignores Kysely's isolation setting.
        await sql`set transaction isolation level repeatable read, read only`.execute(trx);
        const { rows: catalogue } = await PATIENT_SCOPED_COLUMNS.execute(trx);
        const tables: ExportedTable[] = [];
        for (const [name, columns] of groupByTable(catalogue)) {
          const kept = columns.filter((column) => whyColumnLeftOut(name, column.column_name) === null);
          const category = hidden.length === 0 ? undefined : ROW_CATEGORY[name];
          const keys = columns
            .filter((column) => column.key_position !== null)
            .sort((a, b) => (a.key_position ?? 0) - (b.key_position ?? 0))
            .map((column) => sql.ref(column.column_name));
          // Every row read is the patient's, also one that names them among others: its patient is theirs.
          const selected = kept.map(({ column_name: column }) =>
            column === 'patient_id' ? sql`${scope.patientId}::uuid as patient_id` : sql.ref(column),
          );
          const patientRows = PATIENT_ROWS[name]?.(scope.patientId) ?? sql`patient_id = ${scope.patientId}`;
          const { rows } = await sql<Record<string, unknown>>`
            select ${sql.join(selected)}
            from ${sql.table(name)}
            where ${patientRows}
              and ${category === undefined ? sql`true` : notHidden(category, hidden)}
            ${keys.length > 0 ? sql`order by ${sql.join(keys)}` : sql``}`.execute(trx);
          tables.push({
            name,
            columns: kept.map((column) => ({ name: column.column_name, type: typeName(column) })),
            rows: rows.map(jsonRow),
            leftOutColumns: columns
              .filter((column) => !kept.includes(column))
              .map((column) => column.column_name),
            filteredByCategory: category !== undefined,
          });
        }
        return tables;
      });
    },
  };
}

function groupByTable(catalogue: readonly CatalogueColumn[]): Map<string, CatalogueColumn[]> {
  const tables = new Map<string, CatalogueColumn[]>();
  for (const column of catalogue) {
    const columns = tables.get(column.table_name) ?? [];
    columns.push(column);
    tables.set(column.table_name, columns);
  }
  return tables;
}

/** The column's SQL type in words; an array names its element type (`uuid[]`). */
function typeName(column: CatalogueColumn): string {
  return column.data_type === 'ARRAY' ? `${column.udt_name.replace(/^_/, '')}[]` : column.data_type;
}

/** A row with JSON-ready values: instants as ISO 8601 UTC, bytes as base64 (both drivers alike). */
function jsonRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, jsonValue(value)]));
}

function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonValue);
  return value;
}
