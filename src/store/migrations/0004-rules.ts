import { sql, type Kysely } from 'kysely';

/**
 * The journal's read order and consumer cursors, and the coordination rules: rule-set versions and
 * switches, firings, patient alerts and suggestions, deferred checks and per-patient targets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  -- The writing transaction of each event: consumers read in (tx, seq) order and only below the oldest
  -- transaction still running, so a late commit with a lower seq is never skipped (ADR 0005).
  alter table events add column tx xid8 not null default pg_current_xact_id()
  `,
  `
  create index events_journal_order on events (tx, seq)
  `,
  `
  -- Counts and absences in rules: "events of this type for this patient in a window".
  create index events_patient_type on events (patient_id, type, occurred_at) where patient_id is not null
  `,
  `
  -- Dry-runs replay the events of some types over a time range.
  create index events_type_time on events (type, occurred_at) where patient_id is not null
  `,
  `
  -- Rules read the latest results of one code per patient.
  create index results_patient_code on results (patient_id, loinc_code, effective_at desc)
  `,
  `
  create table journal_cursors (
    consumer text primary key,
    last_tx xid8 not null default '0',
    last_seq bigint not null default 0,
    owner text,
    lease_until timestamptz,
    updated_at timestamptz not null default now()
  )
  `,
  `
  -- Bumped by every rule-set version and switch, so running engines know when to reload.
  create sequence rule_config_revisions
  `,
  `
  create table rule_set_versions (
    rule_set_id text not null,
    version integer not null,
    source text not null,
    origin text not null check (origin in ('shipped', 'admin')),
    saved_by uuid,
    saved_at timestamptz not null,
    revision bigint not null default nextval('rule_config_revisions'),
    primary key (rule_set_id, version)
  )
  `,
  `
  create table rule_switches (
    rule_set_id text not null,
    rule_id text not null,
    enabled boolean not null,
    changed_by uuid,
    changed_at timestamptz not null,
    revision bigint not null default nextval('rule_config_revisions'),
    primary key (rule_set_id, rule_id)
  )
  `,
  `
  -- One row per rule that fired on an event, with the reason in words and what it did.
  create table rule_firings (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    rule_set_id text not null,
    rule_set_version integer not null,
    rule_id text not null,
    rule_version integer not null,
    event_id uuid not null,
    event_type text not null,
    trigger_occurred_at timestamptz not null,
    explanation_fr text not null,
    explanation_en text not null,
    actions jsonb not null,
    fired_at timestamptz not null,
    primary key (patient_id, id),
    -- A rule fires at most once per event: replaying the journal after a crash adds nothing.
    constraint rule_firings_once unique (patient_id, rule_set_id, rule_id, event_id)
  )
  `,
  `
  create index rule_firings_recent on rule_firings (patient_id, rule_set_id, rule_id, trigger_occurred_at desc)
  `,
  `
  create table patient_alerts (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    action_key text not null,
    kind text not null check (kind in ('alert', 'referral-suggestion', 'pathway-suggestion')),
    text_fr text not null,
    text_en text not null,
    explanation_fr text not null,
    explanation_en text not null,
    details jsonb not null,
    rule_set_id text not null,
    rule_id text not null,
    rule_label_fr text not null,
    rule_label_en text not null,
    firing_id uuid not null,
    event_id uuid not null,
    status text not null default 'open' check (status in ('open', 'dismissed')),
    raised_at timestamptz not null,
    dismissed_at timestamptz,
    dismissed_by uuid,
    primary key (patient_id, id),
    constraint patient_alerts_once unique (patient_id, action_key),
    check ((status = 'dismissed') = (dismissed_at is not null))
  )
  `,
  `
  create index patient_alerts_open on patient_alerts (patient_id, raised_at desc) where status = 'open'
  `,
  `
  -- "Nothing happened within N days": checked when due, against the rule as it was when scheduled.
  create table rule_deferred_checks (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    rule_set_id text not null,
    rule_set_version integer not null,
    rule_id text not null,
    rule jsonb not null,
    event_id uuid not null,
    event_type text not null,
    event_occurred_at timestamptz not null,
    event_payload jsonb not null,
    due_at timestamptz not null,
    status text not null default 'pending' check (status in ('pending', 'fired', 'not-met', 'cancelled')),
    settled_at timestamptz,
    primary key (patient_id, id),
    constraint rule_deferred_checks_once unique (patient_id, rule_set_id, rule_id, event_id)
  )
  `,
  `
  create index rule_deferred_checks_due on rule_deferred_checks (due_at) where status = 'pending'
  `,
  `
  -- Per-patient clinical targets (e.g. an individual HbA1c target); rules fall back to their default.
  create table patient_targets (
    patient_id uuid not null references patients (patient_id),
    name text not null,
    value double precision not null,
    unit text,
    set_by uuid,
    set_at timestamptz not null,
    primary key (patient_id, name)
  )
  `,
];
