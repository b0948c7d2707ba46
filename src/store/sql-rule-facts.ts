import { sql, type Kysely } from 'kysely';
import type { EventType } from '../domain/journal/domain-event.ts';
import type { FactRequest } from '../domain/rules/fact-needs.ts';
import type {
  ConditionFact,
  EventFact,
  PatientFacts,
  ResultFact,
  TargetFact,
  TriggerEvent,
} from '../domain/rules/patient-facts.ts';
import type { RuleFactsSource } from '../domain/rules/rule-ports.ts';
import type { Database } from './database-schema.ts';

// A window never looks further than this many results of one code (enough for daily weights over months).
const MAX_RESULTS_PER_CODE = 200;

interface ResultRow {
  key: string;
  code: string;
  id: string;
  display: string;
  value: number;
  unit: string | null;
  effective_at: Date;
}

/**
 * Loads rule facts for a whole batch with one query per kind of fact (results, conditions, events,
 * targets), each on an index led by patient_id; then hands each request its own slice, as of its time.
 */
export function createSqlRuleFacts(db: Kysely<Database>): RuleFactsSource {
  return {
    async load(requests) {
      const patients = (wanted: (r: FactRequest) => boolean) => [
        ...new Set(requests.filter(wanted).map((r) => r.patientId)),
      ];
      const [results, conditions, events, targets] = await Promise.all([
        loadResults(db, requests),
        loadConditions(
          db,
          patients((r) => r.conditions),
        ),
        loadEvents(db, requests),
        loadTargets(
          db,
          patients((r) => r.targets.length > 0),
        ),
      ]);
      return new Map(
        requests.map((request): [string, PatientFacts] => [
          request.key,
          {
            results: results.get(request.key) ?? new Map(),
            conditions: (conditions.get(request.patientId) ?? [])
              .filter((c) => c.recordedAt <= request.asOf)
              .map(({ code, display }) => ({ code, display })),
            events: (events.get(request.patientId) ?? []).filter(
              (e) =>
                request.events !== null &&
                request.events.types.includes(e.type) &&
                e.occurredAt >= request.events.from &&
                e.occurredAt <= request.events.to &&
                e.occurredAt <= request.asOf,
            ),
            targets: targets.get(request.patientId) ?? new Map(),
          },
        ]),
      );
    },

    async pastFirings(patientIds, ruleKeys, since) {
      const rows = await db
        .selectFrom('rule_firings')
        .select(['patient_id', 'rule_set_id', 'rule_id', 'event_id', 'trigger_occurred_at'])
        .where('patient_id', 'in', patientIds)
        .where(sql<boolean>`rule_set_id || '/' || rule_id in (${sql.join(ruleKeys)})`)
        .where('trigger_occurred_at', '>=', since)
        .execute();
      return rows.map((row) => ({
        ruleKey: `${row.rule_set_id}/${row.rule_id}`,
        patientId: row.patient_id,
        eventId: row.event_id,
        triggerAt: row.trigger_occurred_at,
      }));
    },

    async pastEvents(types, from, to, limit) {
      if (types.length === 0) return [];
      const rows = await db
        .selectFrom('events')
        .select(['id', 'type', 'patient_id', 'actor_account_id', 'occurred_at', 'payload'])
        .where('patient_id', 'is not', null)
        .where('type', 'in', types)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to)
        .orderBy('occurred_at')
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((row): TriggerEvent => ({
        id: row.id,
        type: row.type as EventType,
        patientId: row.patient_id ?? '',
        actorAccountId: row.actor_account_id,
        occurredAt: row.occurred_at,
        payload: row.payload as TriggerEvent['payload'],
      }));
    },
  };
}

/** Per request key, the numeric results of each code it needs, newest first, recorded by its `asOf`. */
async function loadResults(
  db: Kysely<Database>,
  requests: readonly FactRequest[],
): Promise<Map<string, Map<string, ResultFact[]>>> {
  const needs = requests.flatMap((request) =>
    request.results.map((need) => ({
      k: request.key,
      patient_id: request.patientId,
      code: need.code,
      as_of: request.asOf.toISOString(),
      n: need.latest,
      span_latest_ms: need.spanBeforeLatestMs,
      span_as_of_ms: need.spanBeforeAsOfMs,
    })),
  );
  const byKey = new Map<string, Map<string, ResultFact[]>>();
  if (needs.length === 0) return byKey;
  // The rows a request needs are a prefix of its results newest first: the latest n, those within a
  // span of the latest one, those within a span of asOf. One lateral scan per request finds them.
  const { rows } = await sql<ResultRow>`
    select q.k as key, q.code, r.id, r.display, r.value_numeric as value, r.unit, r.effective_at
    from jsonb_to_recordset(${JSON.stringify(needs)}::jsonb)
      as q(k text, patient_id uuid, code text, as_of timestamptz, n int, span_latest_ms bigint, span_as_of_ms bigint)
    cross join lateral (
      select r.id, r.display, r.value_numeric, r.unit, r.effective_at,
             first_value(r.effective_at) over newest as latest_at,
             row_number() over newest as rank
      from results r
      where r.patient_id = q.patient_id and r.loinc_code = q.code
        and r.recorded_at <= q.as_of and r.value_numeric is not null
      -- Ties on the date taken go to the result recorded last, then by id: the same answer every time.
      window newest as (order by r.effective_at desc, r.recorded_at desc, r.id desc)
      order by r.effective_at desc, r.recorded_at desc, r.id desc
      limit ${MAX_RESULTS_PER_CODE}
    ) r
    where r.rank <= q.n
       or (q.span_latest_ms > 0 and r.effective_at >= r.latest_at - q.span_latest_ms * interval '1 millisecond')
       or (q.span_as_of_ms > 0 and r.effective_at >= q.as_of - q.span_as_of_ms * interval '1 millisecond')
    order by q.k, q.code, r.rank
  `.execute(db);
  for (const row of rows) {
    const codes = byKey.get(row.key) ?? new Map<string, ResultFact[]>();
    byKey.set(row.key, codes);
    const list = codes.get(row.code) ?? [];
    codes.set(row.code, list);
    list.push({
      id: row.id,
      display: row.display,
      value: row.value,
      unit: row.unit,
      effectiveAt: row.effective_at,
    });
  }
  return byKey;
}

async function loadConditions(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<Map<string, (ConditionFact & { recordedAt: Date })[]>> {
  const byPatient = new Map<string, (ConditionFact & { recordedAt: Date })[]>();
  if (patientIds.length === 0) return byPatient;
  const rows = await db
    .selectFrom('conditions')
    .select(['patient_id', 'code', 'display', 'recorded_at'])
    .where('patient_id', 'in', patientIds)
    .where('clinical_status', '=', 'active')
    .execute();
  for (const row of rows) {
    const list = byPatient.get(row.patient_id) ?? [];
    list.push({ code: row.code, display: row.display, recordedAt: row.recorded_at });
    byPatient.set(row.patient_id, list);
  }
  return byPatient;
}

/** The events the requests count or wait for, per patient, over the union of their windows. */
async function loadEvents(
  db: Kysely<Database>,
  requests: readonly FactRequest[],
): Promise<Map<string, EventFact[]>> {
  const byPatient = new Map<string, EventFact[]>();
  const wanting = requests.flatMap((r) =>
    r.events === null ? [] : [{ patientId: r.patientId, ...r.events }],
  );
  if (wanting.length === 0) return byPatient;
  const from = new Date(wanting.reduce((min, w) => Math.min(min, w.from.getTime()), Infinity));
  const to = new Date(wanting.reduce((max, w) => Math.max(max, w.to.getTime()), -Infinity));
  const rows = await db
    .selectFrom('events')
    .select(['patient_id', 'id', 'type', 'occurred_at'])
    .where('patient_id', 'in', [...new Set(wanting.map((w) => w.patientId))])
    .where('type', 'in', [...new Set(wanting.flatMap((w) => w.types))])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<=', to)
    .execute();
  for (const row of rows) {
    const patientId = row.patient_id ?? '';
    const list = byPatient.get(patientId) ?? [];
    list.push({ id: row.id, type: row.type as EventType, occurredAt: row.occurred_at });
    byPatient.set(patientId, list);
  }
  return byPatient;
}

async function loadTargets(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<Map<string, Map<string, TargetFact>>> {
  const byPatient = new Map<string, Map<string, TargetFact>>();
  if (patientIds.length === 0) return byPatient;
  const rows = await db
    .selectFrom('patient_targets')
    .select(['patient_id', 'name', 'value', 'unit'])
    .where('patient_id', 'in', patientIds)
    .execute();
  for (const row of rows) {
    const targets = byPatient.get(row.patient_id) ?? new Map<string, TargetFact>();
    targets.set(row.name, { value: row.value, unit: row.unit });
    byPatient.set(row.patient_id, targets);
  }
  return byPatient;
}
