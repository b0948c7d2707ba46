import { sql, type Kysely } from 'kysely';

/**
 * Three fewer indexes for every journal event, with the same reads (issue 3): each registration
 * appends about twenty events, and index upkeep was most of what PostgreSQL spent on them.
 * - The journal is read in (tx, seq) order: that index becomes the primary key, and the key on `seq`
 *   alone, which no query reads, goes (`seq` still comes from its sequence, so it stays unique).
 * - Nothing looks an event up by its id, which the application makes (time-ordered UUID) and which
 *   consumers only carry along: its unique index goes.
 * - A patient's events are read newest first (timeline) or by type and time (rules, referral
 *   histories): one index on (patient_id, seq) carrying type and time serves both, a patient's events
 *   being few enough to filter; it replaces the two per-patient indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `create unique index events_tx_seq on events (tx, seq)`,
  `alter table events drop constraint events_pkey`,
  `alter table events add constraint events_pkey primary key using index events_tx_seq`,
  `drop index events_journal_order`,
  `alter table events drop constraint events_id_key`,
  `create index events_patient_history on events (patient_id, seq desc) include (type, occurred_at)
     where patient_id is not null`,
  `drop index events_patient_timeline`,
  `drop index events_patient_type`,
];
