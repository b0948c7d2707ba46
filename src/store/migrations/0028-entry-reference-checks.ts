import { sql, type Kysely } from 'kysely';

/**
 * The record's entry tables check their references once per statement instead of once per row
 * (issue 3, ADR 0015). A registration inserts each entry table in one statement of thousands of rows,
 * and PostgreSQL checked every row's foreign keys with a query of its own that also locks the
 * referenced row: a sixth of the database's work while seeding. A statement-level trigger now checks
 * all the rows a statement added with one anti-join, and refuses the statement with the foreign-key
 * error (SQLSTATE 23503, the same constraint name), so callers see no difference.
 *
 * Row locks on the referenced rows were what kept a concurrent deletion from orphaning an entry:
 * patients, practitioners and organisations are never deleted (a practitioner leaves, a patient's
 * record is kept), and now the database refuses to delete them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

/** Each entry table's references: column → referenced table (whose key is named in `KEY`). */
const REFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  care_team_members: { patient_id: 'patients', practitioner_id: 'practitioners' },
  conditions: { patient_id: 'patients' },
  medications: { patient_id: 'patients' },
  allergies: { patient_id: 'patients' },
  results: { patient_id: 'patients' },
  documents: { patient_id: 'patients', author_practitioner_id: 'practitioners' },
  appointments: {
    patient_id: 'patients',
    practitioner_id: 'practitioners',
    organization_id: 'organizations',
  },
};

const KEY: Readonly<Record<string, string>> = {
  patients: 'patient_id',
  practitioners: 'id',
  organizations: 'id',
};

const STATEMENTS: readonly string[] = [
  // Arguments: the column, the referenced table, its key, the constraint name the error carries.
  // EXECUTE sees the statement's transition table (`added`) as a static query would.
  `
  create function added_rows_reference(
  ) returns trigger language plpgsql as $$
  declare
    missing boolean;
  begin
    execute format(
      'select exists (select 1 from added a where a.%1$I is not null
         and not exists (select 1 from %2$I r where r.%3$I = a.%1$I))',
      tg_argv[0], tg_argv[1], tg_argv[2]) into missing;
    if missing then
      raise exception 'insert or update on table "%" violates foreign key constraint "%"', tg_table_name, tg_argv[3]
        using errcode = 'foreign_key_violation', constraint = tg_argv[3], table = tg_table_name,
              detail = format('A row''s %s is not present in table "%s".', tg_argv[0], tg_argv[1]);
    end if;
    return null;
  end;
  $$
  `,
  `
  create function never_deleted() returns trigger language plpgsql as $$
  begin
    raise exception 'rows of "%" are never deleted', tg_table_name using errcode = 'restrict_violation';
  end;
  $$
  `,
  ...Object.keys(KEY).map(
    (table) =>
      `create trigger ${table}_never_deleted before delete on ${table}
         for each statement execute function never_deleted()`,
  ),
  ...Object.entries(REFERENCES).flatMap(([table, columns]) =>
    Object.entries(columns).flatMap(([column, referenced]) => {
      const constraint = `${table}_${column}_fkey`;
      const args = `'${column}', '${referenced}', '${KEY[referenced] ?? ''}', '${constraint}'`;
      return [
        `alter table ${table} drop constraint ${constraint}`,
        `create trigger ${constraint}_added after insert on ${table}
           referencing new table as added
           for each statement execute function added_rows_reference(${args})`,
        `create trigger ${constraint}_changed after update on ${table}
           referencing new table as added
           for each statement execute function added_rows_reference(${args})`,
      ];
    }),
  ),
];
