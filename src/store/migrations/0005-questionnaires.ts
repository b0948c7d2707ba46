import { sql, type Kysely } from 'kysely';

/**
 * Screening questionnaire responses (PHQ-9, GAD-7): keyed (patient_id, id) like every patient-scoped
 * table (ADR 0003); the history reads them newest first per patient.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table questionnaire_responses (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    instrument text not null check (instrument in ('PHQ-9', 'GAD-7')),
    answers smallint[] not null check (0 <= all (answers) and 3 >= all (answers)),
    difficulty smallint check (difficulty between 0 and 3),
    score smallint not null check (score >= 0),
    band text not null check (band in ('minimal', 'mild', 'moderate', 'moderately-severe', 'severe')),
    urgent boolean not null,
    -- Why the result is urgent (safety item, severe total), as the domain's UrgentReason list.
    urgent_reasons jsonb not null,
    filled_by text not null check (filled_by in ('patient', 'professional')),
    filled_by_account_id uuid not null,
    completed_at timestamptz not null,
    primary key (patient_id, id),
    check (urgent = (jsonb_array_length(urgent_reasons) > 0))
  )
  `,
  `
  create index questionnaire_responses_history on questionnaire_responses (patient_id, completed_at desc)
  `,
];
