import { sql, type Kysely, type RawBuilder } from 'kysely';
import { arrayLiteral } from './array-literal.ts';
import { preparedOncePerNamedShape } from './prepared-once.ts';
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
 * (idempotent writes). Each shape of statement (its tables, their columns, which of them are sent
 * once) is built and compiled once and prepared, in the statements of `family`.
 */
export function createUnnestInsert(family: string): UnnestInsert {
  const typesByTable = new Map<string, Promise<ReadonlyMap<string, string>>>();
  const statements = preparedOncePerNamedShape(`unnest-${family}`);

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

  const write = async (
    db: Kysely<Database>,
    tables: readonly (readonly [keyof Database, Rows])[],
    conflictsSkipped: boolean,
  ) => {
    const parts = await Promise.all(
      tables
        .filter(([, rows]) => rows.length > 0)
        .map(async ([table, rows]) => partOf(table, await columnTypes(db, table), rows)),
    );
    if (parts.length === 0) return;
    const shape = `${parts.map(shapeOf).join(' ')}${conflictsSkipped ? ' skipping conflicts' : ''}`;
    const values = parts.flatMap((part) => part.values);
    await db.executeQuery(
      statements(shape, values, (placeholders) =>
        statementOf(parts, placeholders, conflictsSkipped).compile(db),
      ),
    );
  };
  const insert = (
    db: Kysely<Database>,
    table: keyof Database,
    rows: Rows,
    options: { readonly onConflictDoNothing?: boolean } = {},
  ) => write(db, [[table, rows]], options.onConflictDoNothing === true);
  const together: UnnestInsert['together'] = (db, tables) => write(db, tables, false);
  return Object.assign(insert, { together });
}

/** One table's insert: its columns, which are sent once, and a parameter value for each column. */
interface InsertPart {
  readonly table: keyof Database;
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly constant: readonly boolean[];
  readonly values: readonly unknown[];
}

function partOf(table: keyof Database, types: ReadonlyMap<string, string>, rows: Rows): InsertPart {
  const names = Object.keys(rows[0] ?? {});
  const columns = names.map((name) => rows.map((row) => row[name] ?? null));
  // One array stays even when every column is constant: it gives the row count.
  const constant = columns.map((column) => sameInEveryRow(column));
  if (constant.every(Boolean)) constant[0] = false;
  const columnTypes = names.map((name) => {
    const type = types.get(name);
    if (type === undefined) throw new Error(`table ${table} has no column ${name}`);
    return type;
  });
  const values = columns.map((column, i) => {
    if (constant[i] === true) return column[0];
    // JSON columns travel as one JSON array of their values; the others as an array literal.
    return JSON_TYPES.has(columnTypes[i] ?? '') ? JSON.stringify(column) : arrayLiteral(column);
  });
  return { table, names, types: columnTypes, constant, values };
}

/** What the statement's text depends on: the table, its columns, and which of them are sent once. */
function shapeOf(part: InsertPart): string {
  return `${part.table}(${part.names.map((name, i) => (part.constant[i] === true ? `=${name}` : name)).join(',')})`;
}

/** The inserts, each but the last in a WITH, with `placeholders` where the parts' values go, in order. */
function statementOf(
  parts: readonly InsertPart[],
  placeholders: readonly unknown[],
  conflictsSkipped: boolean,
): RawBuilder<unknown> {
  let placed = 0;
  const inserts = parts.map((part) => {
    const insert = insertStatement(
      part,
      placeholders.slice(placed, placed + part.names.length),
      conflictsSkipped,
    );
    placed += part.names.length;
    return insert;
  });
  const last = inserts.pop();
  if (last === undefined) throw new Error('an insert needs at least one table');
  const withs = inserts.map((insert, i) => sql`${sql.raw(`w${i}`)} as (${insert})`);
  return withs.length === 0 ? last : sql`with ${sql.join(withs)} ${last}`;
}

function insertStatement(
  part: InsertPart,
  values: readonly unknown[],
  conflictsSkipped: boolean,
): RawBuilder<unknown> {
  // One set-returning function per column that varies, zipped row by row by ROWS FROM.
  const sources: RawBuilder<unknown>[] = [];
  const sourceNames: RawBuilder<unknown>[] = [];
  const selected = part.names.map((name, i) => {
    const type = part.types[i] ?? '';
    const value = values[i];
    if (part.constant[i] === true) return sql`${value}::${sql.raw(type)}`;
    sourceNames.push(sql.ref(name));
    if (JSON_TYPES.has(type)) {
      sources.push(sql`json_array_elements_text(${value}::json)`);
      return sql`u.${sql.ref(name)}::${sql.raw(type)}`;
    }
    // An array column's values are arrays of any length: text elements of the literal, cast row by row.
    if (type.endsWith('[]')) {
      sources.push(sql`unnest(${value}::text[])`);
      return sql`u.${sql.ref(name)}::${sql.raw(type)}`;
    }
    sources.push(sql`unnest(${value}::${sql.raw(type)}[])`);
    return sql`u.${sql.ref(name)}`;
  });
  return sql`insert into ${sql.table(part.table)} (${sql.join(part.names.map((name) => sql.ref(name)))})
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
