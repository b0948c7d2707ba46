import { sql, type Kysely } from 'kysely';

/**
 * Hospital stays (issue 7): what the hospital's ADT messages say about a patient's admissions and
 * discharges, keyed by (patient_id, id) like the record (ADR 0003).
 *
 * A stay is named by the hospital's visit number (PV1-19) within its facility; lookups by visit go
 * through `stays_by_visit`. Current inpatients are few and read often (worklists, record banner), so
 * they get a partial index that discharged stays, the bulk, never enter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create table stays (
    patient_id uuid not null references patients (patient_id),
    id uuid not null,
    facility text not null check (char_length(facility) between 1 and 200),
    hospital_id uuid references organizations (id),
    visit_number text not null check (char_length(visit_number) between 1 and 100),
    patient_class text not null check (patient_class in ('inpatient', 'outpatient', 'emergency')),
    admission_kind text not null check (admission_kind in ('emergency', 'urgent', 'elective', 'unknown')),
    status text not null check (status in ('admitted', 'discharged', 'cancelled')),
    unit text check (char_length(unit) <= 200),
    service_id uuid references organizations (id),
    attending text check (char_length(attending) <= 200),
    admitted_at timestamptz not null,
    discharged_at timestamptz,
    discharge_disposition text check (char_length(discharge_disposition) <= 100),
    procedure_count integer not null default 0 check (procedure_count >= 0),
    updated_at timestamptz not null,
    version integer not null default 1,
    primary key (patient_id, id),
    check (status <> 'discharged' or discharged_at is not null),
    check (discharged_at is null or discharged_at >= admitted_at)
  )
  `,
  `create unique index stays_one_per_visit on stays (patient_id, facility, visit_number)`,
  `create index stays_by_visit on stays (facility, visit_number)`,
  `create index stays_of_patient on stays (patient_id, admitted_at desc)`,
  `create index stays_current on stays (patient_id, id) where status = 'admitted'`,
];
