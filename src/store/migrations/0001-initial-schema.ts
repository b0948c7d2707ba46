import { sql, type Kysely } from 'kysely';

/**
 * The coordination record, the directory, accounts, the event journal and the audit trail.
 * Every patient-scoped table is keyed by (patient_id, id) so it can be distributed by patient_id
 * (Citus) later; directory and account tables are small reference tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol, like node-postgres with parameters, takes one at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table organizations (
    id uuid primary key,
    kind text not null check (kind in ('hospital', 'hospital_service', 'practice')),
    name text not null,
    finess text,
    parent_id uuid references organizations (id),
    specialty text,
    created_at timestamptz not null default now()
  )
  `,
  `
  create table practitioners (
    id uuid primary key,
    rpps text not null unique,
    family_name text not null,
    given_name text not null,
    profession text not null,
    specialty text,
    organization_id uuid references organizations (id),
    created_at timestamptz not null default now()
  )
  `,
  `
  create index practitioners_organization on practitioners (organization_id)
  `,
  `
  -- patient_id carries no foreign key: accounts is a reference table and patients will be distributed.
  create table accounts (
    id uuid primary key,
    login text not null unique,
    password_hash text not null,
    kind text not null check (kind in ('professional', 'patient')),
    practitioner_id uuid references practitioners (id),
    patient_id uuid,
    roles text[] not null default '{}',
    locale text not null default 'fr' check (locale in ('fr', 'en')),
    created_at timestamptz not null default now(),
    check ((kind = 'professional') = (practitioner_id is not null)),
    check ((kind = 'patient') = (patient_id is not null))
  )
  `,
  `
  create index accounts_patient on accounts (patient_id) where patient_id is not null
  `,
  `
  create table sessions (
    token_hash text primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
  )
  `,
  `
  create index sessions_account on sessions (account_id)
  `,
  `
  create table patients (
    patient_id uuid primary key,
    ins_matricule text,
    ins_oid text,
    identity_status text not null check (identity_status in ('PROV', 'RECUP', 'VALI', 'QUAL')),
    birth_family_name text not null,
    first_given_name text not null,
    given_names text not null,
    used_family_name text,
    used_given_name text,
    sex text not null check (sex in ('male', 'female', 'unknown')),
    birth_date date not null,
    birth_place_code text,
    phone text,
    email text,
    address text,
    -- Lower-case, accent-free copies of the names, so a prefix search can use a btree index.
    family_name_key text not null,
    given_name_key text not null,
    used_family_name_key text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check ((ins_matricule is null) = (ins_oid is null))
  )
  `,
  `
  create unique index patients_ins on patients (ins_matricule) where ins_matricule is not null
  `,
  `
  create index patients_family_name_key on patients (family_name_key text_pattern_ops)
  `,
  `
  create index patients_given_name_key on patients (given_name_key text_pattern_ops)
  `,
  `
  create index patients_used_family_name_key on patients (used_family_name_key text_pattern_ops)
    where used_family_name_key is not null
  `,
  `
  create index patients_birth_date on patients (birth_date)
  `,
  `
  create table care_team_members (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    practitioner_id uuid not null references practitioners (id),
    role text not null,
    started_on date not null,
    ended_on date,
    added_by uuid,
    primary key (patient_id, id)
  )
  `,
  `
  -- The access check and every "my patients" query start from the practitioner.
  create index care_team_members_practitioner on care_team_members (practitioner_id, patient_id)
    where ended_on is null
  `,
  `
  create unique index care_team_one_gp on care_team_members (patient_id)
    where role = 'medecin_traitant' and ended_on is null
  `,
  `
  create table conditions (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    code_system text not null,
    code text not null,
    display text not null,
    clinical_status text not null check (clinical_status in ('active', 'resolved')),
    onset_date date,
    recorded_at timestamptz not null,
    primary key (patient_id, id)
  )
  `,
  `
  create table medications (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    atc_code text,
    name text not null,
    dosage text not null,
    started_on date,
    ended_on date,
    status text not null check (status in ('active', 'stopped')),
    recorded_at timestamptz not null,
    primary key (patient_id, id)
  )
  `,
  `
  create table allergies (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    substance text not null,
    reaction text,
    criticality text not null check (criticality in ('low', 'high', 'unable-to-assess')),
    recorded_at timestamptz not null,
    primary key (patient_id, id)
  )
  `,
  `
  create table results (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    loinc_code text not null,
    display text not null,
    value_numeric double precision,
    value_text text,
    unit text,
    reference_range text,
    interpretation text check (interpretation in ('normal', 'low', 'high', 'abnormal')),
    effective_at timestamptz not null,
    recorded_at timestamptz not null,
    primary key (patient_id, id),
    check ((value_numeric is null) <> (value_text is null))
  )
  `,
  `
  create index results_latest on results (patient_id, effective_at desc)
  `,
  `
  create table documents (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    type_code text not null,
    title text not null,
    mime_type text not null,
    size_bytes integer not null,
    content bytea not null,
    author_practitioner_id uuid references practitioners (id),
    created_at timestamptz not null,
    primary key (patient_id, id)
  )
  `,
  `
  create table appointments (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    kind text not null check (kind in ('consultation', 'exam', 'teleconsultation', 'home_visit')),
    practitioner_id uuid references practitioners (id),
    organization_id uuid references organizations (id),
    reason text not null,
    instructions text,
    status text not null check (status in ('booked', 'cancelled', 'fulfilled', 'noshow')),
    primary key (patient_id, id),
    check (ends_at > starts_at)
  )
  `,
  `
  create index appointments_upcoming on appointments (patient_id, starts_at)
  `,
  `
  -- The journal: every change appends an event in the transaction that makes it (the outbox).
  create table events (
    seq bigserial primary key,
    id uuid not null unique,
    patient_id uuid,
    type text not null,
    actor_account_id uuid,
    occurred_at timestamptz not null,
    payload jsonb not null
  )
  `,
  `
  create index events_patient_timeline on events (patient_id, seq desc) where patient_id is not null
  `,
  `
  create table audit_entries (
    seq bigserial primary key,
    at timestamptz not null,
    account_id uuid,
    actor_kind text not null,
    actor_role text,
    patient_id uuid,
    action text not null check (action in ('read', 'search', 'write', 'export', 'login')),
    resource text not null,
    outcome text not null check (outcome in ('allowed', 'denied')),
    reason text not null,
    client_address text
  )
  `,
  `
  create index audit_entries_patient on audit_entries (patient_id, seq desc) where patient_id is not null
  `,
  `
  create index audit_entries_account on audit_entries (account_id, seq desc)
  `,
  `
  -- Audit entries are evidence: the product may only append them.
  create function audit_entries_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'audit entries are append-only';
  end;
  $$
  `,
  `
  create trigger audit_entries_no_change before update or delete on audit_entries
    for each statement execute function audit_entries_append_only()
  `,
];
