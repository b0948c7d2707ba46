import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications with their e-mail delivery state, and each account's e-mail preferences.
 * Notifications belong to their recipient, not to a patient (many have none), so they are keyed by
 * (recipient_account_id, id) and can be distributed by recipient.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table notifications (
    recipient_account_id uuid not null references accounts (id),
    id uuid not null,
    -- Unique per recipient: a replayed request creates nothing new (ADR 0004).
    idempotency_key text not null,
    -- An open list of kinds, checked by the domain, so a new kind needs no migration.
    kind text not null,
    urgency text not null check (urgency in ('urgent', 'normal')),
    patient_id uuid,
    link text not null,
    title text not null,
    body text not null,
    created_at timestamptz not null,
    read_at timestamptz,
    -- Decided at creation. email_due_at is set while an e-mail is pending (also the lease and the
    -- retry time), null once sent, given up or cancelled.
    email_plan text not null check (email_plan in ('none', 'immediate', 'digest')),
    email_due_at timestamptz,
    email_sent_at timestamptz,
    email_attempts integer not null default 0,
    email_last_error text,
    primary key (recipient_account_id, id),
    constraint notifications_idempotency unique (recipient_account_id, idempotency_key),
    check (email_plan <> 'none' or email_due_at is null)
  )
  `,
  `
  -- The inbox: unread first, newest first, as one index range.
  create index notifications_inbox
    on notifications (recipient_account_id, (read_at is not null), created_at desc, id desc)
  `,
  `
  create index notifications_unread on notifications (recipient_account_id) where read_at is null
  `,
  `
  -- The e-mail deliverer's queue: only pending rows are indexed.
  create index notifications_email_due on notifications (email_due_at) where email_due_at is not null
  `,
  `
  create table notification_settings (
    account_id uuid primary key references accounts (id),
    email_address text,
    email_mode text not null
      check (email_mode in ('off', 'urgent-now-digest-rest', 'all-now', 'digest-only')),
    digest_hour smallint not null check (digest_hour between 0 and 23),
    detail_level text not null check (detail_level in ('minimal', 'titles')),
    updated_at timestamptz not null
  )
  `,
];
