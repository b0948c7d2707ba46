import { sql, type Kysely } from 'kysely';

/**
 * The entry tables' reference checks of migration 0028 with their query written out, one function per
 * reference (issue 9, ADR 0015): the shared function built its query with EXECUTE, so PostgreSQL
 * parsed and planned it again for every statement, which cost a single-row insert more than the insert
 * itself (0.25–0.33 ms against 0.11–0.12 ms without the check). PL/pgSQL keeps a static query's plan
 * per function and table, so a FHIR create or an import entry pays only for running it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

/** Each reference: the column, the table it names and that table's key. */
const CHECKED = [
  { column: 'patient_id', table: 'patients', key: 'patient_id' },
  { column: 'practitioner_id', table: 'practitioners', key: 'id' },
  { column: 'author_practitioner_id', table: 'practitioners', key: 'id' },
  { column: 'organization_id', table: 'organizations', key: 'id' },
] as const;

/** The entry tables and the references each checks, as migration 0028 set them. */
const TRIGGERS: Readonly<Record<string, readonly (typeof CHECKED)[number]['column'][]>> = {
  care_team_members: ['patient_id', 'practitioner_id'],
  conditions: ['patient_id'],
  medications: ['patient_id'],
  allergies: ['patient_id'],
  results: ['patient_id'],
  documents: ['patient_id', 'author_practitioner_id'],
  appointments: ['patient_id', 'practitioner_id', 'organization_id'],
};

const STATEMENTS: readonly string[] = [
  // The argument: the constraint name the error carries.
  ...CHECKED.map(
    ({ column, table, key }) => `
  create function added_rows_reference_${column}() returns trigger language plpgsql as $$
  begin
    if exists (select 1 from added a where a.${column} is not null
               and not exists (select 1 from ${table} r where r.${key} = a.${column})) then
      raise exception 'insert or update on table "%" violates foreign key constraint "%"', tg_table_name, tg_argv[0]
        using errcode = 'foreign_key_violation', constraint = tg_argv[0], table = tg_table_name,
              detail = 'A row''s ${column} is not present in table "${table}".';
    end if;
    return null;
  end;
  $$
  `,
  ),
  ...Object.entries(TRIGGERS).flatMap(([table, columns]) =>
    columns.flatMap((column) => {
      const constraint = `${table}_${column}_fkey`;
      return [
        `drop trigger ${constraint}_added on ${table}`,
        `drop trigger ${constraint}_changed on ${table}`,
        `create trigger ${constraint}_added after insert on ${table}
           referencing new table as added
           for each statement execute function added_rows_reference_${column}('${constraint}')`,
        `create trigger ${constraint}_changed after update on ${table}
           referencing new table as added
           for each statement execute function added_rows_reference_${column}('${constraint}')`,
      ];
    }),
  ),
  `drop function added_rows_reference()`,
];
