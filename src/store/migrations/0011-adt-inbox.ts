import { sql, type Kysely } from 'kysely';

/**
 * The HL7 v2 ADT inbox (issue 7, ADR 0010): every message a hospital sent, stored before it is
 * acknowledged, with the exact ACK that was sent so a repeat gets it again byte for byte.
 *
 * The sender's idempotency key is (facility, control_id): MSH-4 and MSH-10. `seq` is the arrival
 * order the apply loop follows; only messages waiting to be applied enter its partial index, so the
 * loop's scan stays small however long the history grows. Not patient-keyed: a message is the
 * hospital's, and which patient it concerns is known only once it is applied (`patient_id`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table hl7_messages (
    id uuid primary key,
    seq bigint generated always as identity,
    facility text not null check (char_length(facility) between 1 and 200),
    application text not null check (char_length(application) <= 200),
    control_id text not null check (char_length(control_id) between 1 and 200),
    event text not null check (char_length(event) <= 20),
    message_type text not null check (char_length(message_type) <= 100),
    version text not null check (char_length(version) <= 50),
    raw text not null,
    received_at timestamptz not null,
    ack_code text not null check (ack_code in ('AA', 'AE', 'AR')),
    ack_text text not null,
    status text not null check (status in ('received', 'applied', 'held', 'failed', 'rejected')),
    status_reason text check (char_length(status_reason) <= 1000),
    patient_id uuid,
    applied_at timestamptz,
    check ((ack_code = 'AA') = (status <> 'rejected'))
  )
  `,
  `create unique index hl7_messages_idempotency on hl7_messages (facility, control_id)`,
  `create index hl7_messages_to_apply on hl7_messages (seq) where status = 'received'`,
];
