import { sql, type Kysely } from 'kysely';

/**
 * What follows a discharge (issue 7): the lettre de liaison (CSP R1112-1-2), the medication
 * reconciliation the GP confirms, and the readmission risk computed at discharge. Each is one row per
 * stay, keyed (patient_id, …) like the record (ADR 0003). Medications written by a reconciliation say
 * so in `provenance`, so the shared list shows where a line came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table discharge_letters (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    stay_id uuid not null,
    kind text not null check (kind in ('pdf', 'structured')),
    content jsonb,
    document_id uuid not null,
    missing_parts text[] not null default '{}',
    received_at timestamptz not null,
    author_practitioner_id uuid references practitioners (id),
    acknowledged_by uuid references practitioners (id),
    acknowledged_at timestamptz,
    version integer not null default 1,
    primary key (patient_id, id),
    foreign key (patient_id, stay_id) references stays (patient_id, id),
    foreign key (patient_id, document_id) references documents (patient_id, id),
    check ((kind = 'structured') = (content is not null)),
    check ((acknowledged_by is null) = (acknowledged_at is null))
  )
  `,
  `create unique index discharge_letters_one_per_stay on discharge_letters (patient_id, stay_id)`,
  `
  create table medication_reconciliations (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    stay_id uuid not null,
    lines jsonb not null,
    status text not null check (status in ('draft', 'confirmed')),
    confirmed_by uuid references practitioners (id),
    confirmed_at timestamptz,
    version integer not null default 1,
    primary key (patient_id, id),
    foreign key (patient_id, stay_id) references stays (patient_id, id),
    check ((status = 'confirmed') = (confirmed_at is not null))
  )
  `,
  `create unique index medication_reconciliations_one_per_stay on medication_reconciliations (patient_id, stay_id)`,
  `alter table medications add column provenance text check (char_length(provenance) <= 200)`,
  `
  create table readmission_risks (
    patient_id uuid not null references patients (patient_id),
    stay_id uuid not null,
    lace integer not null check (lace between 0 and 19),
    lace_items jsonb not null,
    lace_cutoff integer not null,
    hospital_score integer check (hospital_score between 0 and 13),
    hospital_items jsonb not null,
    band text not null check (band in ('high', 'below-cutoff')),
    assessed_at timestamptz not null,
    primary key (patient_id, stay_id),
    foreign key (patient_id, stay_id) references stays (patient_id, id)
  )
  `,
];
