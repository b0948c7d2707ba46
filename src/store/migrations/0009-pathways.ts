import { sql, type Kysely } from 'kysely';

/**
 * Care pathways: installed template versions, enrolments and step occurrences (issue 6, ADR 0009).
 *
 * Enrolments and occurrences are keyed by (patient_id, id) like the record, for distribution by
 * patient (ADR 0003). Open occurrences (scheduled, due, rupture) carry the hot paths, each a partial
 * index that closed ones, the bulk over the years, never enter:
 * - the due scan reads `pathway_occurrences_to_due` (scheduled, by due_at) and
 *   `pathway_occurrences_to_rupture` (scheduled or due, by late_at) from their start up to now, and
 *   stops there: index-only on (instant, patient_id, id);
 * - evidence matching and the worklist read `pathway_occurrences_open` by patient, then due date.
 * An occurrence's cause (`start`, `event:<id>`, `after:<occurrence id>`) is unique per step of an
 * enrolment, so a replayed batch inserts nothing twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const OPEN = `status in ('scheduled', 'due', 'rupture')`;

const STATEMENTS: readonly string[] = [
  `
  create table pathway_template_versions (
    template_id text not null,
    version integer not null check (version >= 1),
    definition jsonb not null,
    fingerprint text not null,
    installed_at timestamptz not null,
    primary key (template_id, version)
  )
  `,
  `
  create table pathway_enrolments (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    template_id text not null,
    template_version integer not null,
    status text not null check (status in ('active', 'paused', 'ended')),
    started_on date not null,
    start_at timestamptz not null,
    origin_kind text not null check (origin_kind in ('manual', 'rule')),
    origin_ref text,
    paused_at timestamptz,
    ended_at timestamptz,
    end_reason text check (char_length(end_reason) <= 500),
    version integer not null default 1,
    primary key (patient_id, id),
    foreign key (template_id, template_version) references pathway_template_versions (template_id, version),
    check ((status = 'paused') = (paused_at is not null)),
    check ((status = 'ended') = (ended_at is not null and end_reason is not null))
  )
  `,
  `
  -- A patient follows a template once at a time; enrolment by rule relies on it to stay idempotent.
  create unique index pathway_enrolments_one_running on pathway_enrolments (patient_id, template_id)
    where status <> 'ended'
  `,
  `
  create table pathway_occurrences (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    enrolment_id uuid not null,
    template_id text not null,
    template_version integer not null,
    step_id text not null,
    cause_key text not null,
    role text not null,
    status text not null
      check (status in ('scheduled', 'due', 'rupture', 'done', 'skipped', 'on-hold', 'cancelled')),
    trigger_at timestamptz not null,
    earliest_at timestamptz not null,
    due_at timestamptz not null,
    late_at timestamptz not null,
    completed_at timestamptz,
    evidence_kind text,
    evidence_id text,
    evidence_label text,
    skip_reason text check (char_length(skip_reason) <= 500),
    closed_by_account_id uuid,
    primary key (patient_id, id),
    foreign key (patient_id, enrolment_id) references pathway_enrolments (patient_id, id),
    check (due_at >= trigger_at and late_at > due_at and earliest_at >= trigger_at),
    check ((status = 'done') = (evidence_kind is not null)),
    check ((status = 'skipped') = (skip_reason is not null)),
    check ((status in ('done', 'skipped')) = (completed_at is not null))
  )
  `,
  `
  create unique index pathway_occurrences_cause on pathway_occurrences (patient_id, enrolment_id, step_id, cause_key)
  `,
  `
  create index pathway_occurrences_to_due on pathway_occurrences (due_at, patient_id, id) where status = 'scheduled'
  `,
  `
  create index pathway_occurrences_to_rupture on pathway_occurrences (late_at, patient_id, id)
    where status in ('scheduled', 'due')
  `,
  `
  create index pathway_occurrences_open on pathway_occurrences (patient_id, due_at)
    include (id, status, late_at, template_id, step_id, role) where ${OPEN}
  `,
];
