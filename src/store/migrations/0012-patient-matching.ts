import { sql, type Kysely } from 'kysely';

/**
 * ADT patient matching (issue 7): which hospital identifiers name which Relais patient, the matching
 * queue where a human settles what the rules could not, the messages held behind it, and the effect
 * of each applied message (so applying it again writes nothing).
 *
 * `patient_local_ids` is keyed by patient first like every patient-scoped table (ADR 0003); an
 * identifier names one patient, which `patient_local_ids_lookup` enforces and serves. The queue and its
 * held messages concern hospital patients not (yet) tied to a Relais patient, so they are keyed by
 * their own id; a pending item's identifiers are kept as `authority|id` keys so that a later message
 * for the same hospital patient finds it with one array overlap on a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table patient_local_ids (
    patient_id uuid not null references patients (patient_id),
    facility text not null check (char_length(facility) between 1 and 200),
    authority text not null check (char_length(authority) <= 200),
    local_id text not null check (char_length(local_id) between 1 and 100),
    linked_at timestamptz not null,
    linked_by text not null check (linked_by in ('ins', 'local-id', 'traits', 'queue', 'merge')),
    primary key (patient_id, facility, authority, local_id)
  )
  `,
  `create unique index patient_local_ids_lookup on patient_local_ids (facility, authority, local_id)`,
  `
  create table adt_match_queue (
    id uuid primary key,
    message_id uuid not null unique,
    facility text not null,
    event text not null,
    local_keys text[] not null,
    local_ids jsonb not null,
    traits jsonb not null,
    candidate_ids uuid[] not null,
    reason text not null check (reason in (
      'ins-and-local-id-disagree', 'local-ids-disagree', 'several-patients-share-the-traits',
      'partial-traits-match', 'merge-of-two-patients')),
    status text not null default 'pending' check (status in ('pending', 'linked', 'dismissed')),
    created_at timestamptz not null,
    resolved_by uuid,
    resolved_at timestamptz,
    patient_id uuid references patients (patient_id),
    dismiss_reason text check (char_length(dismiss_reason) <= 500),
    check ((status = 'pending') = (resolved_at is null)),
    check ((status = 'linked') = (patient_id is not null))
  )
  `,
  `create index adt_match_queue_pending on adt_match_queue (created_at) where status = 'pending'`,
  `create index adt_match_queue_keys on adt_match_queue using gin (local_keys)`,
  `
  create table adt_held_messages (
    message_id uuid primary key,
    queue_id uuid not null references adt_match_queue (id),
    seq bigint not null,
    facility text not null,
    application text not null,
    control_id text not null,
    event text not null,
    version text not null,
    raw text not null,
    received_at timestamptz not null,
    held_at timestamptz not null
  )
  `,
  `create index adt_held_messages_of_queue on adt_held_messages (queue_id, seq)`,
  `
  create table adt_message_effects (
    message_id uuid primary key,
    patient_id uuid,
    outcome text not null check (outcome in ('applied', 'held', 'failed')),
    note text,
    queue_id uuid references adt_match_queue (id),
    applied_at timestamptz not null
  )
  `,
];
