import { sql, type Kysely } from 'kysely';

/**
 * Patient search runs within one practitioner's reach, so the name keys it matches are copied onto
 * the care-team rows (kept in step by triggers) and indexed per practitioner: a search then reads
 * only the matching entries of one index instead of every patient with that name in the territory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const NAME_KEY_INDEXES = ['family_name_key', 'used_family_name_key', 'given_name_key'] as const;

const STATEMENTS: readonly string[] = [
  `
  alter table care_team_members
    add column family_name_key text,
    add column used_family_name_key text,
    add column given_name_key text
  `,
  `
  update care_team_members m
     set family_name_key = p.family_name_key,
         used_family_name_key = p.used_family_name_key,
         given_name_key = p.given_name_key
    from patients p
   where p.patient_id = m.patient_id
  `,
  `
  alter table care_team_members
    alter column family_name_key set not null,
    alter column given_name_key set not null
  `,
  `
  -- A new care-team row takes the patient's current name keys (a registration gives them itself).
  create function care_team_member_name_keys() returns trigger language plpgsql as $$
  begin
    if new.family_name_key is null then
      select p.family_name_key, p.used_family_name_key, p.given_name_key
        into new.family_name_key, new.used_family_name_key, new.given_name_key
        from patients p
       where p.patient_id = new.patient_id;
    end if;
    return new;
  end;
  $$
  `,
  `
  create trigger care_team_member_name_keys before insert on care_team_members
    for each row execute function care_team_member_name_keys()
  `,
  `
  -- A renamed patient is found under the new name by every member of the care team.
  create function patient_name_keys_to_care_team() returns trigger language plpgsql as $$
  begin
    update care_team_members
       set family_name_key = new.family_name_key,
           used_family_name_key = new.used_family_name_key,
           given_name_key = new.given_name_key
     where patient_id = new.patient_id;
    return null;
  end;
  $$
  `,
  `
  create trigger patient_name_keys_to_care_team
    after update of family_name_key, used_family_name_key, given_name_key on patients
    for each row
    when ((old.family_name_key, old.used_family_name_key, old.given_name_key)
          is distinct from (new.family_name_key, new.used_family_name_key, new.given_name_key))
    execute function patient_name_keys_to_care_team()
  `,
  ...NAME_KEY_INDEXES.map(
    (key) => `
  create index care_team_search_${key} on care_team_members
    (practitioner_id, ${key} text_pattern_ops)
    include (${[...NAME_KEY_INDEXES.filter((other) => other !== key), 'patient_id'].join(', ')})
    where ended_on is null
  `,
  ),
  ...NAME_KEY_INDEXES.map((key) => `drop index patients_${key}`),
];
