import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Insertable, Kysely } from 'kysely';
import pino from 'pino';
import { createRelais, type Relais } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { seededRandom, type SeededRandom } from '../src/demo/seeded-random.ts';
import type { EventType } from '../src/domain/journal/domain-event.ts';
import { startRulesJob } from '../src/jobs/rules-job.ts';
import type { Database, EventsTable, ResultsTable } from '../src/store/database-schema.ts';
import { inChunks } from '../src/store/insert-chunks.ts';
import { createSqlJournalFeed } from '../src/store/sql-journal-feed.ts';
import { startThrowawayPostgres } from '../tests/support/postgres-server.ts';

const DAY = 86_400_000;

/** What one run measured: events through the whole journal → rules → tasks/alerts path. */
export interface RulesBenchResult {
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly firings: number;
  readonly tasks: number;
  readonly alerts: number;
}

/**
 * The rule-throughput scenario. Seeds one patient per ten events (three in ten with heart failure,
 * each with an HbA1c and a week of weights behind them), then writes `events` journal events in one
 * transaction, set-based — results (HbA1c, weight, potassium, other) with their rows, missed
 * appointments, discharges (half of them old enough for their follow-up check to fall due) and
 * bookings — and times the rules job from the commit until it has handled them all: reading the
 * journal, loading facts, deciding, creating tasks, storing firings, alerts and checks.
 */
export async function benchRules(
  relais: Relais,
  options: { events: number; seed?: number },
): Promise<RulesBenchResult> {
  const db = relais.database.db;
  const random = seededRandom(options.seed ?? 11);
  const patients = Math.max(1, Math.round(options.events / 10));
  const now = new Date();
  const before = await counts(db);
  const ownJob =
    relais.jobs.rules === undefined
      ? startRulesJob({
          engine: relais.services.rules,
          feed: createSqlJournalFeed(db),
          logger: relais.logger,
        })
      : undefined;
  const job = relais.jobs.rules ?? ownJob;
  if (job === undefined) throw new Error('no rules job');
  try {
    const patientIds = await seedPatients(db, patients, random, now);
    await job.drain(); // the seeding's own events, before the clock starts
    const started = await writeEvents(db, patientIds, options.events, random, now);
    await job.drain(600_000);
    const seconds = (performance.now() - started) / 1000;
    const after = await counts(db);
    return {
      events: options.events,
      seconds,
      perSecond: options.events / seconds,
      firings: after.firings - before.firings,
      tasks: after.tasks - before.tasks,
      alerts: after.alerts - before.alerts,
    };
  } finally {
    await ownJob?.stop();
  }
}

async function counts(db: Kysely<Database>) {
  const count = async (table: 'rule_firings' | 'tasks' | 'patient_alerts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    firings: await count('rule_firings'),
    tasks: await count('tasks'),
    alerts: await count('patient_alerts'),
  };
}

/** Bench patients with a problem list and a history of results; no journal events of their own. */
async function seedPatients(
  db: Kysely<Database>,
  count: number,
  random: SeededRandom,
  now: Date,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const results: Insertable<ResultsTable>[] = [];
  const conditions: Insertable<Database['conditions']>[] = [];
  for (const patientId of ids) {
    results.push(
      resultRow(
        patientId,
        '4548-4',
        'HbA1c',
        '%',
        6 + random.int(0, 30) / 10,
        new Date(now.getTime() - random.int(60, 200) * DAY),
        now,
      ),
    );
    for (let day = 7; day >= 1; day -= 1) {
      results.push(
        resultRow(
          patientId,
          '29463-7',
          'Poids',
          'kg',
          70 + random.int(0, 20) / 10,
          new Date(now.getTime() - day * DAY),
          now,
        ),
      );
    }
    if (random.chance(0.3)) {
      conditions.push({
        patient_id: patientId,
        id: randomUUID(),
        code_system: 'ICD-10',
        code: 'I50.9',
        display: 'Insuffisance cardiaque',
        clinical_status: 'active',
        onset_date: null,
        recorded_at: new Date(now.getTime() - 365 * DAY),
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const chunk of inChunks(ids.map((patientId, index) => patientRow(patientId, index, now)))) {
      await trx.insertInto('patients').values(chunk).execute();
    }
    for (const chunk of inChunks(conditions)) await trx.insertInto('conditions').values(chunk).execute();
    for (const chunk of inChunks(results)) await trx.insertInto('results').values(chunk).execute();
  });
  return ids;
}

/** Writes the events (and the rows of the results they record) in one transaction; returns its commit time. */
async function writeEvents(
  db: Kysely<Database>,
  patientIds: readonly string[],
  count: number,
  random: SeededRandom,
  now: Date,
): Promise<number> {
  const events: Insertable<EventsTable>[] = [];
  const results: Insertable<ResultsTable>[] = [];
  const event = (type: EventType, patientId: string, payload: object, occurredAt = now) =>
    events.push({
      id: randomUUID(),
      patient_id: patientId,
      type,
      actor_account_id: null,
      occurred_at: occurredAt,
      payload: JSON.stringify(payload),
    });
  const result = (patientId: string, code: string, display: string, unit: string, value: number) => {
    results.push(
      resultRow(
        patientId,
        code,
        display,
        unit,
        value,
        new Date(now.getTime() - random.int(0, 600) * 60_000),
        now,
      ),
    );
    event('result.recorded', patientId, { code, display, value, unit });
  };
  for (let i = 0; i < count; i += 1) {
    const patientId = random.pick(patientIds);
    const kind = random.weighted([
      ['hba1c', 30],
      ['weight', 30],
      ['potassium', 10],
      ['other-result', 10],
      ['missed', 10],
      ['discharged', 5],
      ['booked', 5],
    ] as const);
    switch (kind) {
      case 'hba1c':
        result(patientId, '4548-4', 'HbA1c', '%', 6 + random.int(0, 30) / 10);
        break;
      case 'weight':
        result(patientId, '29463-7', 'Poids', 'kg', 70 + random.int(0, 50) / 10);
        break;
      case 'potassium':
        result(patientId, '2823-3', 'Kaliémie', 'mmol/L', 3.5 + random.int(0, 30) / 10);
        break;
      case 'other-result':
        result(patientId, '2160-0', 'Créatinine', 'µmol/L', random.int(50, 150));
        break;
      case 'missed':
        event('appointment.missed', patientId, { appointmentId: randomUUID() });
        break;
      case 'discharged':
        event(
          'stay.discharged',
          patientId,
          { stayId: randomUUID() },
          random.chance(0.5) ? new Date(now.getTime() - 4 * DAY) : now,
        );
        break;
      case 'booked':
        event('appointment.booked', patientId, { kind: 'consultation' });
        break;
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const chunk of inChunks(results)) await trx.insertInto('results').values(chunk).execute();
    for (const chunk of inChunks(events)) await trx.insertInto('events').values(chunk).execute();
  });
  return performance.now();
}

function resultRow(
  patientId: string,
  code: string,
  display: string,
  unit: string,
  value: number,
  effectiveAt: Date,
  recordedAt: Date,
): Insertable<ResultsTable> {
  return {
    patient_id: patientId,
    id: randomUUID(),
    loinc_code: code,
    display,
    value_numeric: value,
    value_text: null,
    unit,
    reference_range: null,
    interpretation: null,
    effective_at: effectiveAt,
    recorded_at: recordedAt,
  };
}

function patientRow(patientId: string, index: number, now: Date): Insertable<Database['patients']> {
  return {
    patient_id: patientId,
    ins_matricule: null,
    ins_oid: null,
    identity_status: 'PROV',
    birth_family_name: 'BANC',
    first_given_name: `Essai${index}`,
    given_names: `Essai${index}`,
    used_family_name: null,
    used_given_name: null,
    sex: 'unknown',
    birth_date: '1950-01-01',
    birth_place_code: null,
    phone: null,
    email: null,
    address: null,
    family_name_key: 'banc',
    given_name_key: `essai${index}`,
    used_family_name_key: null,
    created_at: now,
    updated_at: now,
  };
}

// `node bench/rules-bench.ts --events 20000 --db postgres`: one run on a fresh database, printed as a table.
if (import.meta.main) {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '20000' }, db: { type: 'string', default: 'postgres' } },
  });
  for (const dialect of values.db.split(',')) {
    const server =
      dialect === 'postgres' && process.env.DATABASE_URL === undefined
        ? await startThrowawayPostgres()
        : undefined;
    const url = process.env.DATABASE_URL ?? server?.url;
    const relais = await createRelais(
      {
        ...readConfig({}),
        database:
          dialect === 'postgres' && url !== undefined
            ? { kind: 'postgres', url }
            : { kind: 'pglite', dataDir: 'memory://' },
      },
      { logger: pino({ level: 'warn' }) },
    );
    try {
      const r = await benchRules(relais, { events: Number(values.events) });
      console.log('| database | events | seconds | events/s | firings | tasks | alerts |');
      console.log('|---|---:|---:|---:|---:|---:|---:|');
      console.log(
        `| ${dialect} | ${r.events} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.firings} | ${r.tasks} | ${r.alerts} |`,
      );
    } finally {
      await relais.close();
      await server?.stop();
    }
  }
}
