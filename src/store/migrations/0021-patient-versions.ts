import { sql, type Kysely } from 'kysely';

/**
 * FHIR versions of a patient's identity (ADR 0013): a version counter on the patient row and one row per
 * version in `patient_identity_versions`, both kept by triggers, so every writer (registration,
 * rectification, ADT, imports) makes a version without knowing about FHIR. A version is a change of the
 * identity or contact columns; touching nothing else makes none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const IDENTITY_COLUMNS = [
  'ins_matricule',
  'ins_oid',
  'identity_status',
  'birth_family_name',
  'first_given_name',
  'given_names',
  'used_family_name',
  'used_given_name',
  'sex',
  'birth_date',
  'birth_place_code',
  'phone',
  'email',
  'address',
] as const;

const columns = IDENTITY_COLUMNS.join(', ');
const newColumns = IDENTITY_COLUMNS.map((column) => `new.${column}`).join(', ');
const oldColumns = IDENTITY_COLUMNS.map((column) => `old.${column}`).join(', ');

const STATEMENTS: readonly string[] = [
  `alter table patients add column version_id integer not null default 1`,
  `
  create table patient_identity_versions (
    patient_id uuid not null,
    version_id integer not null,
    recorded_at timestamptz not null,
    ins_matricule text,
    ins_oid text,
    identity_status text not null,
    birth_family_name text not null,
    first_given_name text not null,
    given_names text not null,
    used_family_name text,
    used_given_name text,
    sex text not null,
    birth_date date not null,
    birth_place_code text,
    phone text,
    email text,
    address text,
    primary key (patient_id, version_id)
  )
  `,
  `
  insert into patient_identity_versions (patient_id, version_id, recorded_at, ${columns})
  select patient_id, version_id, updated_at, ${columns} from patients
  `,
  `
  -- A changed identity is a new version, dated by the row's updated_at.
  create function patient_version_bump() returns trigger language plpgsql as $$
  begin
    if (${newColumns}) is distinct from (${oldColumns}) then
      new.version_id := old.version_id + 1;
    else
      new.version_id := old.version_id;
    end if;
    return new;
  end;
  $$
  `,
  `
  create trigger patient_version_bump before update on patients
    for each row execute function patient_version_bump()
  `,
  `
  create function patient_version_keep() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' or new.version_id <> old.version_id then
      insert into patient_identity_versions (patient_id, version_id, recorded_at, ${columns})
      values (new.patient_id, new.version_id, new.updated_at, ${newColumns});
    end if;
    return null;
  end;
  $$
  `,
  `
  create trigger patient_version_keep after insert or update on patients
    for each row execute function patient_version_keep()
  `,
];
