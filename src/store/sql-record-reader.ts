import { sql, type Kysely } from 'kysely';
import { insKindFromOid } from '../domain/identity/ins.ts';
import type { CoordinationRecord, PatientIdentity } from '../domain/record/coordination-record.ts';
import type { RecordReader } from '../domain/record/record-ports.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database, PatientsTable } from './database-schema.ts';
import type { Selectable } from 'kysely';

const TIMELINE_LENGTH = 100;
const LATEST_RESULTS = 30;

/** Reads a patient's coordination record; the queries run in parallel, each on an index led by patient_id. */
export function createSqlRecordReader(db: Kysely<Database>): RecordReader {
  return {
    async readRecord(scope, now): Promise<CoordinationRecord> {
      const id = scope.patientId;
      const [
        patient,
        careTeam,
        conditions,
        medications,
        allergies,
        results,
        documents,
        appointments,
        events,
      ] = await Promise.all([
        db.selectFrom('patients').selectAll().where('patient_id', '=', id).executeTakeFirst(),
        db
          .selectFrom('care_team_members as m')
          .innerJoin('practitioners as p', 'p.id', 'm.practitioner_id')
          .leftJoin('organizations as o', 'o.id', 'p.organization_id')
          .select([
            'm.id',
            'm.practitioner_id',
            'm.role',
            'm.started_on',
            'p.given_name',
            'p.family_name',
            'p.profession',
            'p.specialty',
            'o.name as organization',
          ])
          .where('m.patient_id', '=', id)
          .where('m.ended_on', 'is', null)
          // The médecin traitant first, then by role.
          .orderBy(sql`m.role = 'medecin_traitant'`, 'desc')
          .orderBy('m.role')
          .execute(),
        db
          .selectFrom('conditions')
          .selectAll()
          .where('patient_id', '=', id)
          .orderBy('onset_date', 'desc')
          .execute(),
        db
          .selectFrom('medications')
          .selectAll()
          .where('patient_id', '=', id)
          .orderBy('status')
          .orderBy('name')
          .execute(),
        db.selectFrom('allergies').selectAll().where('patient_id', '=', id).orderBy('substance').execute(),
        db
          .selectFrom('results')
          .selectAll()
          .where('patient_id', '=', id)
          .orderBy('effective_at', 'desc')
          .limit(LATEST_RESULTS)
          .execute(),
        db
          .selectFrom('documents')
          .select(['id', 'type_code', 'title', 'mime_type', 'size_bytes', 'created_at'])
          .where('patient_id', '=', id)
          .orderBy('created_at', 'desc')
          .execute(),
        db
          .selectFrom('appointments as a')
          .leftJoin('practitioners as p', 'p.id', 'a.practitioner_id')
          .leftJoin('organizations as o', 'o.id', 'a.organization_id')
          .select([
            'a.id',
            'a.starts_at',
            'a.ends_at',
            'a.kind',
            'a.reason',
            'a.instructions',
            'p.given_name',
            'p.family_name',
            'o.name as place',
          ])
          .where('a.patient_id', '=', id)
          .where('a.starts_at', '>=', now)
          .where('a.status', '=', 'booked')
          .orderBy('a.starts_at')
          .execute(),
        db
          .selectFrom('events')
          .select(['id', 'type', 'occurred_at', 'payload'])
          .where('patient_id', '=', id)
          .orderBy('seq', 'desc')
          .limit(TIMELINE_LENGTH)
          .execute(),
      ]);
      if (patient === undefined) throw new DomainError('not-found', `no patient with id ${id}`);
      return {
        identity: identityOf(patient),
        careTeam: careTeam.map((m) => ({
          id: m.id,
          practitionerId: m.practitioner_id,
          name: `${m.given_name} ${m.family_name}`,
          profession: m.profession,
          specialty: m.specialty,
          organization: m.organization,
          role: m.role,
          startedOn: m.started_on,
        })),
        conditions: conditions.map((c) => ({
          id: c.id,
          codeSystem: c.code_system,
          code: c.code,
          display: c.display,
          clinicalStatus: c.clinical_status,
          onsetDate: c.onset_date,
        })),
        medications: medications.map((m) => ({
          id: m.id,
          atcCode: m.atc_code,
          name: m.name,
          dosage: m.dosage,
          startedOn: m.started_on,
          status: m.status,
        })),
        allergies: allergies.map((a) => ({
          id: a.id,
          substance: a.substance,
          reaction: a.reaction,
          criticality: a.criticality,
        })),
        latestResults: results.map((r) => ({
          id: r.id,
          loincCode: r.loinc_code,
          display: r.display,
          valueNumeric: r.value_numeric,
          valueText: r.value_text,
          unit: r.unit,
          referenceRange: r.reference_range,
          interpretation: r.interpretation,
          effectiveAt: r.effective_at.toISOString(),
        })),
        documents: documents.map((d) => ({
          id: d.id,
          typeCode: d.type_code,
          title: d.title,
          mimeType: d.mime_type,
          sizeBytes: d.size_bytes,
          createdAt: d.created_at.toISOString(),
        })),
        upcomingAppointments: appointments.map((a) => ({
          id: a.id,
          startsAt: a.starts_at.toISOString(),
          endsAt: a.ends_at.toISOString(),
          kind: a.kind,
          with: a.family_name === null ? null : `${a.given_name ?? ''} ${a.family_name}`.trim(),
          place: a.place,
          reason: a.reason,
          instructions: a.instructions,
        })),
        timeline: events.map((e) => ({
          id: e.id,
          type: e.type,
          occurredAt: e.occurred_at.toISOString(),
          summary: e.payload as Record<string, string | number | boolean | null>,
        })),
      };
    },

    async readDocument(scope, documentId) {
      const row = await db
        .selectFrom('documents')
        .select(['title', 'mime_type', 'content'])
        .where('patient_id', '=', scope.patientId)
        .where('id', '=', documentId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { title: row.title, mimeType: row.mime_type, content: row.content };
    },
  };
}

function identityOf(row: Selectable<PatientsTable>): PatientIdentity {
  const kind = row.ins_oid === null ? undefined : insKindFromOid(row.ins_oid);
  return {
    patientId: row.patient_id,
    identityStatus: row.identity_status,
    ins: row.ins_matricule === null || kind === undefined ? null : { matricule: row.ins_matricule, kind },
    insWithheldReason: null,
    birthFamilyName: row.birth_family_name,
    firstGivenName: row.first_given_name,
    givenNames: row.given_names,
    usedFamilyName: row.used_family_name,
    usedGivenName: row.used_given_name,
    sex: row.sex,
    birthDate: row.birth_date,
    birthPlaceCode: row.birth_place_code,
    phone: row.phone,
    email: row.email,
    address: row.address,
  };
}
