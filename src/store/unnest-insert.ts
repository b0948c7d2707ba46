import { sql, type Kysely, type RawBuilder } from 'kysely';
import { arrayLiteral } from './array-literal.ts';
import type { Database } from './database-schema.ts';

type Rows = readonly Record<string, unknown>[];

/** Inserts many rows into one table in one statement; see createUnnestInsert. */
export interface UnnestInsert {
  (
    db: Kysely<Database>,
    table: keyof Database,
    rows: Rows,
    options?: { readonly onConflictDoNothing?: boolean },
  ): Promise<void>;
  /**
   * Inserts into several tables in one statement (each insert but the last in a WITH): it commits or
   * fails whole without a transaction around it, in one round trip. Foreign keys hold as the tables'
   * statement triggers check them once the statement has run; the tables' row triggers must not read
   * what the other inserts write (they run before the statement ends).
   */
  together(db: Kysely<Database>, tables: readonly (readonly [keyof Database, Rows])[]): Promise<void>;
}

/**
 * JSON columns (whose values are JSON texts, or objects) travel as one JSON array of them, read back
 * with json_array_elements_text and cast row by row: PostgreSQL parses a jsonb[] parameter several
 * times slower than text plus a per-row cast (20k journal payloads: ~230 ms against ~40 ms), and in an
 * array literal every quote of every JSON text must be escaped by the client, where JSON.stringify
 * does it natively (20k payloads: ~80 ms less for the client, and a little less for the server).
 */
const JSON_TYPES = new Set(['json', 'jsonb']);

/**
 * Inserts rows as one array parameter per column (`insert … select … from rows from (unnest(…), …)`):
 * the statement keeps the same size whatever the row count, so PostgreSQL parses, binds and plans it
 * in constant time, where a multi-row VALUES list costs that work for every value. A column with the
 * same value in every row (a batch's timestamps, its author, a default) is sent once, as a scalar,
 * rather than repeated in an array. Every row must carry the same columns. Column types are read once
 * per table from the catalog. `onConflictDoNothing` skips rows a unique index already holds
 * (idempotent writes).
 */
export function createUnnestInsert(): UnnestInsert {
  const typesByTable = new Map<string, Promise<ReadonlyMap<string, string>>>();

  const columnTypes = (db: Kysely<Database>, table: string) => {
    let types = typesByTable.get(table);
    if (types === undefined) {
      types = sql<{ name: string; type: string }>`
        select attname as name, format_type(atttypid, atttypmod) as type
          from pg_attribute
         where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`
        .execute(db)
        .then((result) => new Map(result.rows.map((row) => [row.name, row.type])));
      typesByTable.set(table, types);
    }
    return types;
  };

  const statement = async (
    db: Kysely<Database>,
    table: keyof Database,
    rows: Rows,
    conflictsSkipped: boolean,
  ) => insertStatement(table, await columnTypes(db, table), rows, conflictsSkipped);

  const insert = async (
    db: Kysely<Database>,
    table: keyof Database,
    rows: Rows,
    options: { readonly onConflictDoNothing?: boolean } = {},
  ) => {
    if (rows.length === 0) return;
    await (await statement(db, table, rows, options.onConflictDoNothing === true)).execute(db);
  };
  const together: UnnestInsert['together'] = async (db, tables) => {
    const inserts = await Promise.all(
      tables.filter(([, rows]) => rows.length > 0).map(([table, rows]) => statement(db, table, rows, false)),
    );
    const last = inserts.pop();
    if (last === undefined) return;
    const withs = inserts.map((insert, i) => sql`${sql.raw(`w${i}`)} as (${insert})`);
    await (withs.length === 0 ? last : sql`with ${sql.join(withs)} ${last}`).execute(db);
  };
  return Object.assign(insert, { together });
}

function insertStatement(
  table: keyof Database,
  types: ReadonlyMap<string, string>,
  rows: Rows,
  conflictsSkipped: boolean,
): RawBuilder<unknown> {
  const names = Object.keys(rows[0] ?? {});
  const values = names.map((name) => rows.map((row) => row[name] ?? null));
  // One array stays even when every column is constant: it gives the row count.
  const constant = values.map((column) => sameInEveryRow(column));
  if (constant.every(Boolean)) constant[0] = false;
  // One set-returning function per column that varies, zipped row by row by ROWS FROM.
  const sources: RawBuilder<unknown>[] = [];
  const sourceNames: RawBuilder<unknown>[] = [];
  const selected = names.map((name, i) => {
    const type = types.get(name);
    if (type === undefined) throw new Error(`table ${table} has no column ${name}`);
    const column = values[i] ?? [];
    if (constant[i] === true) return sql`${column[0]}::${sql.raw(type)}`;
    sourceNames.push(sql.ref(name));
    if (JSON_TYPES.has(type)) {
      sources.push(sql`json_array_elements_text(${JSON.stringify(column)}::json)`);
      return sql`u.${sql.ref(name)}::${sql.raw(type)}`;
    }
    // An array column's values are arrays of any length: text elements of the literal, cast row by row.
    if (type.endsWith('[]')) {
      sources.push(sql`unnest(${arrayLiteral(column)}::text[])`);
      return sql`u.${sql.ref(name)}::${sql.raw(type)}`;
    }
    sources.push(sql`unnest(${arrayLiteral(column)}::${sql.raw(type)}[])`);
    return sql`u.${sql.ref(name)}`;
  });
  return sql`insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))})
      select ${sql.join(selected)}
        from rows from (${sql.join(sources)}) as u (${sql.join(sourceNames)})
      ${conflictsSkipped ? sql`on conflict do nothing` : sql``}`;
}

/** Whether a column holds one value in every row (dates compared by time; byte arrays never are). */
function sameInEveryRow(column: readonly unknown[]): boolean {
  const first = column[0];
  if (first instanceof Date) {
    const time = first.getTime();
    return column.every((value) => value instanceof Date && value.getTime() === time);
  }
  if (first !== null && typeof first === 'object') return false;
  return column.every((value) => value === first);
}
