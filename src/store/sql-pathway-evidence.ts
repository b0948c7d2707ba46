import { sql, type Kysely } from 'kysely';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { Evidence } from '../domain/pathways/pathway-evidence.ts';
import type { EvidenceSource } from '../domain/pathways/pathway-ports.ts';
import { isUuid } from '../domain/shared/new-id.ts';
import type { Database } from './database-schema.ts';

/**
 * Reads what evidence events point at, one query per kind for a whole batch: a result's code and
 * sampling time, an appointment's specialties and the roles its practitioner holds (only once it
 * took place: a booking in the future is not an encounter yet), a task's step. Documents and
 * questionnaires carry what is needed in their event.
 */
export function createSqlPathwayEvidence(db: Kysely<Database>): EvidenceSource {
  return {
    async load(events) {
      const of = (type: string) => events.filter((e) => e.type === type && e.patientId !== null);
      const [results, encounters, tasks] = await Promise.all([
        loadResults(db, of('result.recorded')),
        loadEncounters(db, of('appointment.booked')),
        loadTasks(db, of('task.completed')),
      ]);
      const fromPayload = events.flatMap((event): Evidence[] => {
        const patientId = event.patientId;
        if (patientId === null) return [];
        const text = (key: string) => String(event.payload[key] ?? '');
        if (event.type === 'document.added')
          return [
            {
              kind: 'document',
              id: text('entryId'),
              patientId,
              at: event.occurredAt,
              label: text('title'),
              typeCode: text('typeCode'),
            },
          ];
        if (event.type === 'questionnaire.completed')
          return [
            {
              kind: 'questionnaire',
              id: text('responseId'),
              patientId,
              at: event.occurredAt,
              label: text('instrument'),
              instrument: text('instrument'),
            },
          ];
        return [];
      });
      return [...results, ...encounters, ...tasks, ...fromPayload];
    },
  };
}

const entryIdsOf = (events: readonly DomainEvent[], key: string) =>
  events.map((e) => String(e.payload[key] ?? '')).filter(isUuid);

/**
 * The (patient, entry) keys the events point at, as a condition on two columns; undefined when there
 * are none. Pairs from unnest, not `patient_id in (…) and id in (…)`: PostgreSQL 15 probes the
 * primary key for every combination of the two lists (a million for a batch of a thousand).
 */
function entriesOf(events: readonly DomainEvent[]) {
  const keyed = events.filter((e) => e.patientId !== null && isUuid(String(e.payload['entryId'] ?? '')));
  if (keyed.length === 0) return undefined;
  const patients = keyed.map((e) => e.patientId);
  const ids = keyed.map((e) => String(e.payload['entryId']));
  return (patientColumn: string, idColumn: string) =>
    sql<boolean>`(${sql.ref(patientColumn)}, ${sql.ref(idColumn)}) in (select * from unnest(${patients}::uuid[], ${ids}::uuid[]))`;
}

async function loadResults(db: Kysely<Database>, events: readonly DomainEvent[]): Promise<Evidence[]> {
  const entries = entriesOf(events);
  if (entries === undefined) return [];
  const rows = await db
    .selectFrom('results')
    .select([
      'patient_id',
      'id',
      'loinc_code',
      'display',
      'value_numeric',
      'value_text',
      'unit',
      'effective_at',
    ])
    .where(entries('patient_id', 'id'))
    .execute();
  return rows.map((row) => ({
    kind: 'result',
    id: row.id,
    patientId: row.patient_id,
    at: row.effective_at,
    label: `${row.display} ${row.value_numeric ?? row.value_text ?? ''}${row.unit === null ? '' : ` ${row.unit}`}`,
    loincCode: row.loinc_code,
  }));
}

async function loadEncounters(db: Kysely<Database>, events: readonly DomainEvent[]): Promise<Evidence[]> {
  const entries = entriesOf(events);
  if (entries === undefined) return [];
  const recordedAt = new Map(events.map((e) => [String(e.payload['entryId']), e.occurredAt]));
  const rows = await db
    .selectFrom('appointments as a')
    .leftJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .leftJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('organizations as po', 'po.id', 'p.organization_id')
    .select([
      'a.patient_id',
      'a.id',
      'a.starts_at',
      'a.reason',
      'a.status',
      'p.specialty',
      'o.specialty as service_specialty',
      'po.specialty as practice_specialty',
    ])
    .select(
      // The roles the practitioner held on the day of the appointment (active-care-team.ts's rule, on a column).
      sql<string[]>`coalesce((select array_agg(distinct m.role) from care_team_members m
        where m.patient_id = a.patient_id and m.practitioner_id = a.practitioner_id
          and m.started_on <= a.starts_at::date and (m.ended_on is null or m.ended_on > a.starts_at::date)), '{}')`.as(
        'roles',
      ),
    )
    .where(entries('a.patient_id', 'a.id'))
    .execute();
  return rows.flatMap((row): Evidence[] => {
    const recorded = recordedAt.get(row.id);
    // Only an appointment that took place is an encounter: recorded after its start, not cancelled.
    if (
      recorded === undefined ||
      row.starts_at > recorded ||
      row.status === 'cancelled' ||
      row.status === 'noshow'
    )
      return [];
    return [
      {
        kind: 'encounter',
        id: row.id,
        patientId: row.patient_id,
        at: row.starts_at,
        label: row.reason,
        specialties: [row.specialty, row.service_specialty, row.practice_specialty].filter(
          (s): s is string => s !== null,
        ),
        roles: row.roles,
      },
    ];
  });
}

async function loadTasks(db: Kysely<Database>, events: readonly DomainEvent[]): Promise<Evidence[]> {
  const ids = entryIdsOf(events, 'taskId');
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'patient_id', 'about_id', 'title', 'closed_at'])
    .where('id', 'in', ids)
    .where('about_kind', '=', 'pathway-step')
    .where('status', '=', 'done')
    .execute();
  return rows.flatMap((row): Evidence[] =>
    row.patient_id === null || row.about_id === null || row.closed_at === null
      ? []
      : [
          {
            kind: 'task',
            id: row.id,
            patientId: row.patient_id,
            at: row.closed_at,
            label: row.title,
            occurrenceId: row.about_id,
          },
        ],
  );
}
