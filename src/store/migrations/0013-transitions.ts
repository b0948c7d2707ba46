import { sql, type Kysely } from 'kysely';

/**
 * Transitions (issue 7): what a discharge opens — the checklist of what must happen for the patient
 * to be safely back home — keyed by (patient_id, id) like the record (ADR 0003).
 *
 * One transition per discharge event (a replayed event opens nothing), at most one open per stay. The
 * scan reads pending items by deadline on a partial index that closed items, the bulk, never enter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table transitions (
    patient_id uuid not null,
    id uuid not null,
    stay_id uuid not null,
    discharge_event_id uuid not null,
    opened_at timestamptz not null,
    discharged_at timestamptz not null,
    status text not null check (status in ('open', 'closed', 'cancelled')),
    closed_at timestamptz,
    version integer not null default 1,
    primary key (patient_id, id),
    foreign key (patient_id, stay_id) references stays (patient_id, id),
    check ((status = 'open') = (closed_at is null))
  )
  `,
  `create unique index transitions_one_per_discharge on transitions (patient_id, discharge_event_id)`,
  `create unique index transitions_one_open_per_stay on transitions (patient_id, stay_id) where status = 'open'`,
  `create index transitions_of_stay on transitions (patient_id, stay_id, opened_at desc)`,
  `
  create table transition_items (
    patient_id uuid not null,
    id uuid not null,
    transition_id uuid not null,
    kind text not null check (kind in ('discharge-letter', 'follow-up-visit', 'medication-reconciliation', 'home-nursing', 'equipment')),
    label_fr text check (char_length(label_fr) <= 300),
    label_en text check (char_length(label_en) <= 300),
    responsible text not null check (char_length(responsible) <= 40),
    due_at timestamptz not null,
    deadline_source text not null check (deadline_source in ('regulation', 'pathway', 'default', 'manual')),
    pathway_template_id text,
    pathway_step_id text,
    note text check (char_length(note) <= 1000),
    status text not null check (status in ('pending', 'late', 'done', 'not-needed')),
    done_at timestamptz,
    done_by_account_id uuid references accounts (id),
    done_by_name text check (char_length(done_by_name) <= 300),
    evidence text check (char_length(evidence) <= 1000),
    evidence_ref text check (char_length(evidence_ref) <= 200),
    task_id uuid,
    created_at timestamptz not null,
    primary key (patient_id, id),
    foreign key (patient_id, transition_id) references transitions (patient_id, id),
    check ((status in ('done', 'not-needed')) = (done_at is not null))
  )
  `,
  `create index transition_items_of_transition on transition_items (patient_id, transition_id)`,
  `create index transition_items_pending_due on transition_items (due_at) where status = 'pending'`,
];
