import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
} from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { insKindFromOid } from '../domain/identity/ins.ts';
import type {
  CoordinationRecord,
  PatientIdentity,
  PortalSummary,
  TimelineEntry,
} from '../domain/record/coordination-record.ts';
import type { RecordReader } from '../domain/record/record-ports.ts';
import type { DataCategory } from '../domain/access/data-category.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database, PatientsTable } from './database-schema.ts';
import { EVENT_CATEGORY, notHidden } from './hidden-categories.ts';
import { identityOfRow } from './patient-identity-columns.ts';

const TIMELINE_LENGTH = 100;
const IDENTITY_COLUMNS = [
  'patient_id',
  'identity_status',
  'ins_matricule',
  'ins_oid',
  'birth_family_name',
  'first_given_name',
  'given_names',
  'used_family_name',
  'used_given_name',
  'sex',
  'birth_date',
  'birth_place_code',
  'phone',
  'email',
  'address',
] as const satisfies readonly (keyof PatientsTable)[];
const LATEST_RESULTS = 30;

/** A timestamptz as an ISO-8601 UTC string, the way `Date.toISOString` writes it. */
function isoUtc(column: Expression<Date>): RawBuilder<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Reads a patient's coordination record in one statement: each part is a JSON subquery on an index
 * led by patient_id, already shaped like the domain type, so a record costs one round trip.
 */
type Parts = ExpressionBuilder<Database, never>;

/** A patient's documents as the record summarises them (no content). */
const documentSummaries = (eb: Parts, id: string) =>
  eb
    .selectFrom('documents')
    .select((d) => [
      'id',
      'type_code as typeCode',
      'title',
      'mime_type as mimeType',
      'size_bytes as sizeBytes',
      isoUtc(d.ref('created_at')).as('createdAt'),
      'category',
    ])
    .where('patient_id', '=', id);

/** A patient's appointments, with whom and where in words, as the record shows them. */
const appointmentsOf = (eb: Parts, id: string) =>
  eb
    .selectFrom('appointments as a')
    .leftJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .leftJoin('organizations as o', 'o.id', 'a.organization_id')
    .select((a) => [
      'a.id',
      isoUtc(a.ref('a.starts_at')).as('startsAt'),
      isoUtc(a.ref('a.ends_at')).as('endsAt'),
      'a.kind',
      sql<string | null>`nullif(trim(coalesce(p.given_name, '') || ' ' || p.family_name), '')`.as('with'),
      'o.name as place',
      'a.reason',
      'a.instructions',
    ])
    .where('a.patient_id', '=', id);

/**
 * Each part of a record as a JSON subquery on an index led by patient_id, shaped like the domain type
 * (also composed by the $everything reader).
 */
export const recordParts = {
  patient: (eb: Parts, id: string) =>
    jsonObjectFrom(eb.selectFrom('patients').select(IDENTITY_COLUMNS).where('patient_id', '=', id)),

  careTeam: (eb: Parts, id: string) =>
    jsonArrayFrom(
      eb
        .selectFrom('care_team_members as m')
        .innerJoin('practitioners as p', 'p.id', 'm.practitioner_id')
        .leftJoin('organizations as o', 'o.id', 'p.organization_id')
        // Who added the member: `added_by` is an account; a professional's is named, others (the system) not.
        .leftJoin('accounts as adder', 'adder.id', 'm.added_by')
        .leftJoin('practitioners as ap', 'ap.id', 'adder.practitioner_id')
        .select([
          'm.id',
          'm.practitioner_id as practitionerId',
          sql<string>`p.given_name || ' ' || p.family_name`.as('name'),
          'p.profession',
          'p.specialty',
          'o.name as organization',
          'm.role',
          'm.started_on as startedOn',
          sql<string | null>`ap.given_name || ' ' || ap.family_name`.as('addedBy'),
        ])
        .where('m.patient_id', '=', id)
        .where('m.ended_on', 'is', null)
        // The médecin traitant first, then by role.
        .orderBy(sql`m.role = 'medecin_traitant'`, 'desc')
        .orderBy('m.role'),
    ),

  conditions: (eb: Parts, id: string) =>
    jsonArrayFrom(
      eb
        .selectFrom('conditions')
        .select([
          'id',
          'code_system as codeSystem',
          'code',
          'display',
          'clinical_status as clinicalStatus',
          'onset_date as onsetDate',
        ])
        .where('patient_id', '=', id)
        .orderBy('onset_date', 'desc'),
    ),

  medications: (eb: Parts, id: string, statuses: readonly ('active' | 'stopped')[]) =>
    jsonArrayFrom(
      eb
        .selectFrom('medications')
        .select([
          'id',
          'atc_code as atcCode',
          'name',
          'dosage',
          'started_on as startedOn',
          'status',
          'provenance',
          'recorded_at as recordedAt',
        ])
        .where('patient_id', '=', id)
        .where('status', 'in', statuses)
        .orderBy('status')
        .orderBy('name'),
    ),

  allergies: (eb: Parts, id: string) =>
    jsonArrayFrom(
      eb
        .selectFrom('allergies')
        .select(['id', 'substance', 'reaction', 'criticality'])
        .where('patient_id', '=', id)
        .orderBy('substance'),
    ),

  /** The newest results first, `limit` of them (all when null). */
  latestResults: (eb: Parts, id: string, limit: number | null) =>
    jsonArrayFrom(
      eb
        .selectFrom('results')
        .select((r) => [
          'id',
          'loinc_code as loincCode',
          'display',
          'value_numeric as valueNumeric',
          'value_text as valueText',
          'unit',
          'reference_range as referenceRange',
          'interpretation',
          isoUtc(r.ref('effective_at')).as('effectiveAt'),
        ])
        .where('patient_id', '=', id)
        .orderBy('effective_at', 'desc')
        .$if(limit !== null, (query) => query.limit(limit ?? 0)),
    ),

  documents: (eb: Parts, id: string, hidden: readonly DataCategory[]) =>
    jsonArrayFrom(
      documentSummaries(eb, id)
        .where(notHidden(sql.ref('category'), hidden))
        .orderBy('created_at', 'desc'),
    ),

  /** One document's summary, whatever its category (the caller checks it against the scope). */
  document: (eb: Parts, id: string, documentId: string) =>
    jsonObjectFrom(documentSummaries(eb, id).where('id', '=', documentId)),

  upcomingAppointments: (eb: Parts, id: string, now: Date) =>
    jsonArrayFrom(
      appointmentsOf(eb, id)
        .where('a.starts_at', '>=', now)
        .where('a.status', '=', 'booked')
        .orderBy('a.starts_at'),
    ),

  /** Every appointment, past and upcoming, with its status; `appointmentId` picks one. */
  appointments: (eb: Parts, id: string, appointmentId?: string) =>
    jsonArrayFrom(
      appointmentsOf(eb, id)
        .select('a.status')
        .$if(appointmentId !== undefined, (query) => query.where('a.id', '=', appointmentId ?? ''))
        .orderBy('a.starts_at'),
    ),

  timeline: (eb: Parts, id: string, hidden: readonly DataCategory[]) =>
    jsonArrayFrom(
      eb
        .selectFrom('events')
        .select((e) => [
          'id',
          'type',
          isoUtc(e.ref('occurred_at')).as('occurredAt'),
          e.ref('payload').$castTo<TimelineEntry['summary']>().as('summary'),
        ])
        .where('patient_id', '=', id)
        .where(notHidden(EVENT_CATEGORY, hidden))
        .orderBy('seq', 'desc')
        .limit(TIMELINE_LENGTH),
    ),
};

/** Reads patient data; a record or a portal summary costs one statement, so one round trip. */
export function createSqlRecordReader(db: Kysely<Database>): RecordReader {
  return {
    async readRecord(scope, now): Promise<Omit<CoordinationRecord, 'access'>> {
      const id = scope.patientId;
      const { patient, ...parts } = await db
        .selectNoFrom((eb) => [
          recordParts.patient(eb, id).as('patient'),
          recordParts.careTeam(eb, id).as('careTeam'),
          recordParts.conditions(eb, id).as('conditions'),
          recordParts.medications(eb, id, ['active', 'stopped']).as('medications'),
          recordParts.allergies(eb, id).as('allergies'),
          recordParts.latestResults(eb, id, LATEST_RESULTS).as('latestResults'),
          recordParts.documents(eb, id, scope.hiddenCategories).as('documents'),
          recordParts.upcomingAppointments(eb, id, now).as('upcomingAppointments'),
          recordParts.timeline(eb, id, scope.hiddenCategories).as('timeline'),
        ])
        .executeTakeFirstOrThrow();
      if (patient === null) throw new DomainError('not-found', `no patient with id ${id}`);
      return { identity: identityOf(patient), ...parts };
    },

    async readPortalSummary(scope, now): Promise<PortalSummary> {
      const id = scope.patientId;
      const { patient, ...parts } = await db
        .selectNoFrom((eb) => [
          jsonObjectFrom(
            eb
              .selectFrom('patients')
              .select(['first_given_name', 'used_given_name'])
              .where('patient_id', '=', id),
          ).as('patient'),
          recordParts.careTeam(eb, id).as('careTeam'),
          recordParts.medications(eb, id, ['active']).as('medications'),
          recordParts.upcomingAppointments(eb, id, now).as('upcomingAppointments'),
        ])
        .executeTakeFirstOrThrow();
      if (patient === null) throw new DomainError('not-found', `no patient with id ${id}`);
      return { firstGivenName: patient.used_given_name ?? patient.first_given_name, ...parts };
    },

    async readDocument(scope, documentId) {
      const row = await db
        .selectFrom('documents')
        .select(['title', 'mime_type', 'content', 'category'])
        .where('patient_id', '=', scope.patientId)
        .where('id', '=', documentId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { title: row.title, mimeType: row.mime_type, content: row.content, category: row.category };
    },
  };
}

function identityOf(
  row: Pick<Selectable<PatientsTable>, (typeof IDENTITY_COLUMNS)[number]>,
): PatientIdentity {
  const kind = row.ins_oid === null ? undefined : insKindFromOid(row.ins_oid);
  return {
    ...identityOfRow(row),
    patientId: row.patient_id,
    ins: row.ins_matricule === null || kind === undefined ? null : { matricule: row.ins_matricule, kind },
    insWithheldReason: null,
  };
}
