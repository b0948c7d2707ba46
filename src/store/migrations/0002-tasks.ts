import { sql, type Kysely } from 'kysely';

/**
 * Tasks and their comments, and the indexes of the worklist.
 *
 * The worklist of a practitioner is the union of four sources of open tasks: assigned to them, to a
 * role they hold in the patient's care team, to their service, or of a patient whose coordinator they
 * are. Each source has a partial index on open tasks that ends with the worklist order
 * (due_sort, priority_rank, id), so each is read in order and stops after one page; the role and
 * coordinator sources check the care-team row for each task read (care_team_members_practitioner_role).
 * Closed tasks, the bulk of the table over time, are in none of these indexes.
 *
 * Distribution (ADR 0003): a task may have no patient, so `tasks` is keyed by id alone, like `events`;
 * under Citus, patient tasks would be distributed by patient_id and the others kept in a reference
 * table. The unique idempotency key would then need the patient id in it, or a lookup table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const OPEN = `status in ('todo', 'in_progress')`;

const STATEMENTS: readonly string[] = [
  `
  create table tasks (
    id uuid primary key,
    patient_id uuid references patients (patient_id),
    title text not null check (char_length(title) between 1 and 200),
    details text check (char_length(details) <= 4000),
    assignee_kind text not null check (assignee_kind in ('practitioner', 'care-team-role', 'service')),
    assignee_practitioner_id uuid references practitioners (id),
    assignee_role text,
    assignee_organization_id uuid references organizations (id),
    priority text not null check (priority in ('urgent', 'high', 'normal', 'low')),
    due_at timestamptz,
    -- The worklist order, stored so that indexes hold it: undated last, then urgent first.
    due_sort timestamptz not null generated always as (coalesce(due_at, 'infinity')) stored,
    priority_rank smallint not null generated always as (
      case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end
    ) stored,
    status text not null check (status in ('todo', 'in_progress', 'done', 'cancelled')),
    origin_kind text not null
      check (origin_kind in ('manual', 'rule', 'pathway', 'referral', 'transition', 'questionnaire')),
    origin_ref text,
    origin_explanation text,
    about_kind text,
    about_id text,
    claimed_by uuid references practitioners (id),
    created_by_account_id uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    closed_at timestamptz,
    closed_by uuid references practitioners (id),
    cancel_reason text,
    idempotency_key text constraint tasks_idempotency_key unique,
    version integer not null default 1,
    constraint tasks_assignee_shape check (
      (assignee_kind = 'practitioner') = (assignee_practitioner_id is not null)
      and (assignee_kind = 'care-team-role') = (assignee_role is not null)
      and (assignee_kind = 'service') = (assignee_organization_id is not null)
    ),
    constraint tasks_role_needs_patient check (assignee_kind <> 'care-team-role' or patient_id is not null),
    check ((about_kind is null) = (about_id is null)),
    check ((status = 'cancelled') = (cancel_reason is not null)),
    check ((status in ('done', 'cancelled')) = (closed_at is not null))
  )
  `,
  `
  create index tasks_open_by_practitioner on tasks (assignee_practitioner_id, due_sort, priority_rank, id)
    where ${OPEN} and assignee_practitioner_id is not null
  `,
  `
  create index tasks_open_by_role on tasks (assignee_role, due_sort, priority_rank, id)
    where ${OPEN} and assignee_role is not null
  `,
  `
  create index tasks_open_by_service on tasks (assignee_organization_id, due_sort, priority_rank, id)
    where ${OPEN} and assignee_organization_id is not null
  `,
  `
  -- A coordinator's caseload: every open task in order, kept to the patients they coordinate.
  create index tasks_open_by_due on tasks (due_sort, priority_rank, id) where ${OPEN} and patient_id is not null
  `,
  `
  create index tasks_open_by_patient on tasks (patient_id, due_sort, priority_rank, id)
    where ${OPEN} and patient_id is not null
  `,
  `
  -- "Which roles do I hold" and "do I hold this role for this patient", for the worklist. Not partial:
  -- a membership with a planned end date is still active until then (active-care-team.ts).
  create index care_team_members_practitioner_role on care_team_members (practitioner_id, role, patient_id)
  `,
  `
  create table task_comments (
    task_id uuid not null references tasks (id),
    id uuid not null,
    author_practitioner_id uuid not null references practitioners (id),
    body text not null check (char_length(body) between 1 and 2000),
    created_at timestamptz not null,
    primary key (task_id, id)
  )
  `,
];
