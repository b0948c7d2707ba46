import { sql, type Kysely } from 'kysely';

/**
 * One active care-team row per practitioner and patient is `listed` (ADR 0024), and only listed rows
 * are in the name-key indexes: a practitioner who holds two memberships of a patient (two roles, or
 * two accepted referrals) meets the patient once in a search, so a search needs no deduplication.
 * Triggers keep it so: a new or reactivated row is listed when no other row of its pair is; when the
 * listed row ends, moves to another pair or is deleted, the pair's first other active row takes over.
 * A lock per pair, for the transaction, keeps two concurrent writers from both listing a row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

/** Each name-key index: its key, the columns it carries, and the rows it holds. */
const NAME_KEY_INDEXES = [
  ['family_name_key', 'used_family_name_key, given_name_key', 'listed'],
  ['used_family_name_key', 'family_name_key, given_name_key', 'listed and used_family_name_key is not null'],
  ['given_name_key', 'family_name_key, used_family_name_key', 'listed'],
] as const;

const STATEMENTS: readonly string[] = [
  `alter table care_team_members add column listed boolean not null default false`,
  `
  update care_team_members m set listed = true
    from (select distinct on (practitioner_id, patient_id) patient_id, id
            from care_team_members
           where ended_on is null
           order by practitioner_id, patient_id, id) first
   where m.patient_id = first.patient_id and m.id = first.id
  `,
  `
  -- Waits for any other transaction writing the same practitioner's memberships of the same patient.
  create function lock_care_team_pair(practitioner uuid, patient uuid) returns void language sql as $$
    select pg_advisory_xact_lock(hashtextextended('care-team-pair:' || practitioner || ':' || patient, 0))
  $$
  `,
  `
  -- A row written active is listed when no other active row of its pair is (rows written earlier in
  -- the same statement included); a row ending is no longer listed.
  create function care_team_member_listing() returns trigger language plpgsql as $$
  begin
    if new.ended_on is not null then
      new.listed := false;
      return new;
    end if;
    if tg_op = 'UPDATE' and old.listed and old.practitioner_id = new.practitioner_id
       and old.patient_id = new.patient_id then
      return new;
    end if;
    perform lock_care_team_pair(new.practitioner_id, new.patient_id);
    new.listed := not exists (
      select 1 from care_team_members m
       where m.practitioner_id = new.practitioner_id and m.patient_id = new.patient_id
         and m.ended_on is null and m.listed and m.id <> new.id);
    return new;
  end;
  $$
  `,
  `
  create trigger care_team_member_listing before insert or update of ended_on, practitioner_id, patient_id
    on care_team_members for each row execute function care_team_member_listing()
  `,
  `
  -- The listed row gone from its pair (ended, moved or deleted): the pair's first other active row
  -- is listed instead, if there is one.
  create function care_team_member_relisting() returns trigger language plpgsql as $$
  begin
    perform lock_care_team_pair(old.practitioner_id, old.patient_id);
    update care_team_members set listed = true
     where (patient_id, id) = (
       select m.patient_id, m.id from care_team_members m
        where m.practitioner_id = old.practitioner_id and m.patient_id = old.patient_id
          and m.ended_on is null
          and not exists (
            select 1 from care_team_members l
             where l.practitioner_id = old.practitioner_id and l.patient_id = old.patient_id
               and l.ended_on is null and l.listed)
        order by m.id
        limit 1);
    return null;
  end;
  $$
  `,
  `
  create trigger care_team_member_relisting after update of ended_on, practitioner_id, patient_id
    on care_team_members for each row
    when (old.listed and (not new.listed or old.practitioner_id <> new.practitioner_id
                          or old.patient_id <> new.patient_id))
    execute function care_team_member_relisting()
  `,
  `
  create trigger care_team_member_relisting_on_delete after delete on care_team_members
    for each row when (old.listed) execute function care_team_member_relisting()
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
