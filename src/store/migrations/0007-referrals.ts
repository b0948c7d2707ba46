import { sql, type Kysely } from 'kysely';

/**
 * Referrals (adressages and télé-expertises), their question-and-answer thread, and the SLA overrides
 * of hospital services (ADR 0008).
 *
 * Distribution (ADR 0003): `referrals` and `referral_messages` are patient data, keyed by
 * (patient_id, id) and joined on patient_id only; `referral_sla_overrides` is small reference data.
 * Routes address a referral by id alone, so `referrals_by_id` finds its patient; under Citus that
 * lookup would fan out to the shards (or use a small id → patient table).
 *
 * The inbox of a practitioner is the union of four ordered scans over open referrals: addressed to
 * them by name, to their service, to their specialty (while nobody has taken them), and taken by them.
 * Each has a partial index ending with the inbox order (urgency_rank, stage_started_at, id), so a page
 * reads a page from each and stops (the same design as the worklist, ADR 0006). The outbox reads the
 * referrer's referrals most recently changed first. The SLA job reads two small partial indexes: open
 * referrals not yet marked overdue by due date, and overdue ones not yet escalated by escalation date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

// Written as literals, like the queries that use these indexes (sql-referral-*.ts), so the planner matches them.
const OPEN = `status in ('requested', 'on_hold', 'accepted', 'scheduled', 'seen', 'reported')`;
const UNTAKEN = `${OPEN} and performer_practitioner_id is null`;
const INBOX_ORDER = 'urgency_rank, stage_started_at, id';

const STATEMENTS: readonly string[] = [
  `
  create table referrals (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    kind text not null check (kind in ('referral', 'tele-expertise')),
    urgency text not null check (urgency in ('urgent', 'soon', 'routine')),
    -- The inbox order, stored so that indexes hold it: urgent first.
    urgency_rank smallint not null generated always as (
      case urgency when 'urgent' then 0 when 'soon' then 1 else 2 end
    ) stored,
    status text not null check (status in
      ('requested', 'on_hold', 'accepted', 'scheduled', 'seen', 'reported', 'closed', 'declined', 'cancelled')),
    referrer_practitioner_id uuid not null references practitioners (id),
    target_kind text not null check (target_kind in ('practitioner', 'service', 'specialty')),
    target_practitioner_id uuid references practitioners (id),
    target_organization_id uuid references organizations (id),
    target_specialty text,
    performer_practitioner_id uuid references practitioners (id),
    reason text not null check (char_length(reason) between 1 and 2000),
    clinical_question text not null check (char_length(clinical_question) between 1 and 4000),
    preferred_place text,
    prefers_teleconsultation boolean not null,
    availability text,
    attached_result_ids uuid[] not null,
    attached_document_ids uuid[] not null,
    requested_exams jsonb not null,
    -- CSP R1112-1-1: reasons, treatments, allergies; set for a referral to a hospital service.
    liaison_letter jsonb,
    appointment_at timestamptz,
    appointment_place text,
    appointment_teleconsultation boolean,
    appointment_instructions text,
    report_text text,
    report_document_id uuid,
    reported_at timestamptz,
    held_from text,
    decline_reason text,
    cancel_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    closed_at timestamptz,
    -- The SLA clock of the current stage (null once the referral is closed).
    stage text check (stage in ('accept', 'answer', 'schedule', 'report', 'acknowledge')),
    stage_started_at timestamptz,
    due_at timestamptz,
    escalate_at timestamptz,
    overdue_at timestamptz,
    escalated_at timestamptz,
    version integer not null default 1,
    primary key (patient_id, id),
    constraint referrals_target_shape check (
      (target_kind = 'practitioner') = (target_practitioner_id is not null)
      and (target_kind = 'service') = (target_organization_id is not null)
      and (target_kind = 'specialty') = (target_specialty is not null)
    ),
    check ((${OPEN}) = (closed_at is null)),
    check ((stage is null) = (closed_at is not null)),
    check ((stage is null) = (stage_started_at is null) and (stage is null) = (due_at is null)
      and (stage is null) = (escalate_at is null)),
    check ((appointment_at is null) = (appointment_teleconsultation is null))
  )
  `,
  `
  create index referrals_by_id on referrals (id)
  `,
  `
  create index referrals_inbox_practitioner on referrals (target_practitioner_id, ${INBOX_ORDER})
    where ${UNTAKEN} and target_practitioner_id is not null
  `,
  `
  create index referrals_inbox_service on referrals (target_organization_id, ${INBOX_ORDER})
    where ${UNTAKEN} and target_organization_id is not null
  `,
  `
  create index referrals_inbox_specialty on referrals (target_specialty, ${INBOX_ORDER})
    where ${UNTAKEN} and target_specialty is not null
  `,
  `
  create index referrals_inbox_performer on referrals (performer_practitioner_id, ${INBOX_ORDER})
    where ${OPEN} and performer_practitioner_id is not null
  `,
  `
  create index referrals_outbox on referrals (referrer_practitioner_id, updated_at desc, id desc)
  `,
  `
  create index referrals_by_patient on referrals (patient_id, updated_at desc, id desc)
  `,
  `
  create index referrals_due on referrals (due_at) where ${OPEN} and overdue_at is null
  `,
  `
  create index referrals_escalation on referrals (escalate_at)
    where ${OPEN} and overdue_at is not null and escalated_at is null
  `,
  `
  -- A referral's overdue tasks, completed when the referral moves on to its next stage.
  create index tasks_open_by_origin on tasks (origin_kind, origin_ref)
    where status in ('todo', 'in_progress') and origin_ref is not null
  `,
  `
  -- The specialty pool of a referral: who holds the specialty (notices, inbox).
  create index practitioners_specialty on practitioners (specialty) where specialty is not null
  `,
  `
  create table referral_messages (
    patient_id uuid not null,
    referral_id uuid not null,
    id uuid not null,
    kind text not null check (kind in ('question', 'answer')),
    author_practitioner_id uuid not null references practitioners (id),
    body text not null check (char_length(body) between 1 and 4000),
    created_at timestamptz not null,
    primary key (patient_id, referral_id, id),
    foreign key (patient_id, referral_id) references referrals (patient_id, id)
  )
  `,
  `
  create table referral_sla_overrides (
    organization_id uuid not null references organizations (id),
    kind text not null check (kind in ('referral', 'tele-expertise')),
    urgency text not null check (urgency in ('urgent', 'soon', 'routine')),
    stage text not null check (stage in ('accept', 'answer', 'schedule', 'report', 'acknowledge', 'escalate')),
    working_days integer not null check (working_days between 0 and 250),
    updated_by uuid,
    updated_at timestamptz not null,
    primary key (organization_id, kind, urgency, stage)
  )
  `,
];
