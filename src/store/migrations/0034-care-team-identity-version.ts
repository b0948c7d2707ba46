import { sql, type Kysely } from 'kysely';

/**
 * The care-team rows carry their patient's current identity version number beside the name keys
 * (ADR 0023), kept in step by triggers as the keys are (migrations 0006 and 0019), and the name-key
 * indexes include it: a search by name then reads its page's version numbers from the index it
 * already scans, instead of looking up each patient of the page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

/** Each name-key index: its key, the columns it carries, and the rows it holds. */
const NAME_KEY_INDEXES = [
  ['family_name_key', 'used_family_name_key, given_name_key', 'ended_on is null'],
  [
    'used_family_name_key',
    'family_name_key, given_name_key',
    'ended_on is null and used_family_name_key is not null',
  ],
  ['given_name_key', 'family_name_key, used_family_name_key', 'ended_on is null'],
] as const;

const STATEMENTS: readonly string[] = [
  `alter table care_team_members add column identity_version integer`,
  `
  update care_team_members m set identity_version = p.version_id
    from patients p
   where p.patient_id = m.patient_id
  `,
  `alter table care_team_members alter column identity_version set not null`,
  `
  -- A new care-team row takes the patient's current name keys and version (a registration, whose
  -- patient is written in the same statement and cannot be read yet, gives them itself).
  create or replace function care_team_member_name_keys() returns trigger language plpgsql as $$
  begin
    select p.family_name_key, p.used_family_name_key, p.given_name_key, p.version_id
      into new.family_name_key, new.used_family_name_key, new.given_name_key, new.identity_version
      from patients p
     where p.patient_id = new.patient_id;
    return new;
  end;
  $$
  `,
  `drop trigger care_team_member_name_keys on care_team_members`,
  `
  create trigger care_team_member_name_keys before insert on care_team_members
    for each row when (new.family_name_key is null or new.identity_version is null)
    execute function care_team_member_name_keys()
  `,
  `
  -- Every new version of the identity (migration 0021's triggers) reaches the patient's care-team rows.
  create function patient_version_to_care_team() returns trigger language plpgsql as $$
  begin
    update care_team_members set identity_version = new.version_id where patient_id = new.patient_id;
    return null;
  end;
  $$
  `,
  `
  create trigger patient_version_to_care_team after update on patients
    for each row when (new.version_id <> old.version_id)
    execute function patient_version_to_care_team()
  `,
  ...NAME_KEY_INDEXES.flatMap(([key, others, rows]) => [
    `drop index care_team_search_${key}`,
    `
    create index care_team_search_${key} on care_team_members (practitioner_id, ${key} text_pattern_ops)
      include (${others}, patient_id, identity_version)
      where ${rows}
    `,
  ]),
];
