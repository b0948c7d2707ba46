import { sql, type Kysely } from 'kysely';

/**
 * The patient's sharing choices and emergency access (issue 8): objections to a professional or an
 * organisation, categories of data restricted to named professionals, consents to share with a
 * professional outside the care team, and break-the-glass grants. Every row keeps who recorded it and
 * whether on the patient's behalf; a withdrawal is a date, never a deletion, so the history stays.
 * Documents gain a sensitivity category, and the audit trail a `break-glass` action.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const CATEGORIES = `('mental-health', 'sexual-health', 'addiction')`;

const STATEMENTS: readonly string[] = [
  `
  create table sharing_choices (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    kind text not null check (kind in ('objection', 'restriction', 'consent')),
    practitioner_id uuid references practitioners (id),
    organization_id uuid references organizations (id),
    category text check (category in ${CATEGORIES}),
    -- A restriction names the professionals who may still see the category.
    allowed_practitioner_ids uuid[] not null default '{}',
    recorded_by_account_id uuid not null,
    on_behalf boolean not null,
    recorded_at timestamptz not null,
    withdrawn_at timestamptz,
    withdrawn_by_account_id uuid,
    primary key (patient_id, id),
    check (
      (kind = 'objection' and category is null and (practitioner_id is null) <> (organization_id is null))
      or (kind = 'consent' and category is null and practitioner_id is not null and organization_id is null)
      or (kind = 'restriction' and category is not null and practitioner_id is null and organization_id is null)
    )
  )
  `,
  `
  -- The access check reads a patient's choices in force: a handful of rows per patient at most.
  create index sharing_choices_in_force on sharing_choices (patient_id) where withdrawn_at is null
  `,
  `
  create unique index sharing_choices_one_restriction on sharing_choices (patient_id, category)
    where kind = 'restriction' and withdrawn_at is null
  `,
  `
  create table break_glass_grants (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    practitioner_id uuid not null references practitioners (id),
    account_id uuid not null,
    reason text not null check (char_length(reason) between 10 and 1000),
    granted_at timestamptz not null,
    expires_at timestamptz not null check (expires_at > granted_at),
    primary key (patient_id, id)
  )
  `,
  `create index break_glass_grants_holder on break_glass_grants (patient_id, practitioner_id, expires_at desc)`,
  `alter table documents add column category text check (category in ${CATEGORIES})`,
  `alter table audit_entries drop constraint audit_entries_action_check`,
  `
  alter table audit_entries add constraint audit_entries_action_check
    check (action in ('read', 'search', 'write', 'export', 'login', 'break-glass'))
  `,
];
