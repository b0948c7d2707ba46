import { sql, type Kysely } from 'kysely';

/**
 * Less work for each care-team row a registration writes (issue 3), with the same reads:
 * - the trigger that copies the patient's name keys onto a new care-team row now runs only when the
 *   row comes without them (its WHEN is checked without calling PL/pgSQL); a registration gives them;
 * - the search index on the used family name holds only the rows that have one (most patients have
 *   none): a prefix search on it implies the name is not null, so it still uses the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `drop trigger care_team_member_name_keys on care_team_members`,
  `
  create trigger care_team_member_name_keys before insert on care_team_members
    for each row when (new.family_name_key is null) execute function care_team_member_name_keys()
  `,
  `
  create index care_team_search_used_family_name_key_given on care_team_members
    (practitioner_id, used_family_name_key text_pattern_ops)
    include (family_name_key, given_name_key, patient_id)
    where ended_on is null and used_family_name_key is not null
  `,
  `drop index care_team_search_used_family_name_key`,
  `alter index care_team_search_used_family_name_key_given rename to care_team_search_used_family_name_key`,
];
