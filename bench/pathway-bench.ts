import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Relais } from '../src/app.ts';
import { PATHWAYS_CONSUMER, startPathwayEvidenceJob } from '../src/jobs/pathway-jobs.ts';
import type { Database } from '../src/store/database-schema.ts';
import { createSqlJournalFeed } from '../src/store/sql-journal-feed.ts';
import { listeningUrl, signInForToken } from './bench-http.ts';
import type { LoadResult } from './http-load.ts';
import { loadTestEach } from './load-worker.ts';
import { settleAfterBulkLoad } from './settle.ts';

const DAY = 86_400_000;
const CASELOAD = 2000;
const TEMPLATE = 'dt2-adulte-suivi';
const STEPS = [
  'etp-offer',
  'hba1c',
  'fundus',
  'foot-grading',
  'renal',
  'uacr',
  'lipids',
  'ecg',
  'dental',
  'gp-review',
];

/** What the pathway scenario measured. */
export interface PathwayBenchResult {
  readonly occurrences: number;
  readonly open: number;
  readonly seedSeconds: number;
  /** The due/rupture scan over every open occurrence, as the job runs it (with its tasks and events). */
  readonly scan: { readonly seconds: number; readonly moved: number; readonly ruptureTasks: number };
  readonly worklist: readonly { load: string; result: LoadResult }[];
  readonly evidence: {
    readonly results: number;
    readonly seconds: number;
    readonly perSecond: number;
    readonly completed: number;
  };
}

/**
 * The pathways scenario, on an open Relais whose territory and patients are seeded: enrols every
 * patient in the diabetes pathway and spreads `occurrences` step occurrences over them (most done,
 * about one in six open, due from two months ago to six months ahead, their status as of yesterday);
 * then times the due/rupture scan at today's clock, load-tests the coordinator worklist over a
 * caseload of 2,000 patients, and times the evidence consumer over `results` new HbA1c results.
 */
export async function benchPathways(
  relais: Relais,
  options: {
    occurrences: number;
    results: number;
    seconds: number;
    loads: readonly { label: string; connections: number }[];
  },
): Promise<PathwayBenchResult> {
  const db = relais.database.db;
  const now = new Date();
  let started = performance.now();
  await seedOccurrences(db, options.occurrences, now);
  const seedSeconds = (performance.now() - started) / 1000;
  const open = Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from pathway_occurrences where status in ('scheduled', 'due', 'rupture')`.execute(
        db,
      )
    ).rows[0]?.n ?? 0,
  );
  process.stderr.write(
    `\n${relais.database.dialect}: ${options.occurrences} occurrences (${open} open) seeded in ${seedSeconds.toFixed(1)} s\n`,
  );

  const tasksBefore = await pathwayTasks(db);
  started = performance.now();
  let moved = 0;
  for (let batch = 1000; batch === 1000; moved += batch)
    batch = await relais.services.pathwayProgress.runDueScan(1000);
  const scan = {
    seconds: (performance.now() - started) / 1000,
    moved,
    ruptureTasks: (await pathwayTasks(db)) - tasksBefore,
  };

  const coordinator = await coordinatorWithCaseload(db, now);
  await settleAfterBulkLoad(db);
  const url = await listeningUrl(relais);
  const token = await signInForToken(url, coordinator);
  const worklist = await loadTestEach(
    { url, token, seconds: options.seconds, paths: ['/api/pathway-worklist?withinDays=14'] },
    options.loads,
  );
  return {
    occurrences: options.occurrences,
    open,
    seedSeconds,
    scan,
    worklist,
    evidence: await benchEvidence(relais, options.results, now),
  };
}

/** One diabetes enrolment per patient, and the occurrences spread over them, set-based. */
export async function seedOccurrences(db: Kysely<Database>, count: number, now: Date): Promise<void> {
  const yesterday = new Date(now.getTime() - DAY);
  await sql`
    insert into pathway_enrolments (patient_id, id, template_id, template_version, status, started_on, start_at, origin_kind)
    select patient_id, gen_random_uuid(), ${TEMPLATE}, 1, 'active', (${now}::timestamptz - interval '3 years')::date,
      ${now}::timestamptz - interval '3 years', 'manual'
    from patients
    on conflict do nothing`.execute(db);
  await sql`
    with enrolments as (
      select patient_id, id, row_number() over (order by patient_id) as n from pathway_enrolments where template_id = ${TEMPLATE}
    ),
    sizes as (select count(*) as enrolments from enrolments),
    picks as (
      select g, e.patient_id, e.id as enrolment_id, (${STEPS}::text[])[1 + g % 10] as step_id,
        abs(hashint4extended(g, 1)) % 100 as fate, abs(hashint4extended(g, 2)) % 240 as day
      from generate_series(1, ${count}::int) as g
      cross join sizes
      join enrolments e on e.n = 1 + (g::bigint * 104729) % sizes.enrolments
    ),
    timed as (
      select *, case when fate < 84 then ${now}::timestamptz - (300 + day) * interval '1 day'
                     else ${now}::timestamptz + (day - 60) * interval '1 day' end as due_at
      from picks
    )
    insert into pathway_occurrences (patient_id, id, enrolment_id, template_id, template_version, step_id, cause_key,
      role, status, trigger_at, earliest_at, due_at, late_at, completed_at, evidence_kind, evidence_id, evidence_label)
    select patient_id, gen_random_uuid(), enrolment_id, ${TEMPLATE}, 1, step_id, 'bench:' || g,
      case when step_id in ('fundus', 'dental') then 'specialist' else 'medecin_traitant' end,
      case when fate < 84 then 'done'
           when due_at > ${yesterday} then 'scheduled'
           when due_at + interval '90 days' > ${yesterday} then 'due'
           else 'rupture' end,
      due_at - interval '90 days', due_at - interval '90 days', due_at, due_at + interval '90 days',
      case when fate < 84 then due_at + (fate % 100) * interval '1 day' end,
      case when fate < 84 then 'result' end,
      case when fate < 84 then 'bench' end,
      case when fate < 84 then 'bench' end
    from timed`.execute(db);
  // As autovacuum leaves a table in use: statistics, and a visibility map for index-only scans.
  await sql`vacuum (analyze) pathway_enrolments`.execute(db);
  await sql`vacuum (analyze) pathway_occurrences`.execute(db);
}

async function pathwayTasks(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('origin_kind', '=', 'pathway')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A professional with an account made the coordinator of 2,000 patients (bench data, no events). */
export async function coordinatorWithCaseload(db: Kysely<Database>, now: Date): Promise<string> {
  const account = await db
    .selectFrom('accounts as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .select(['a.login', 'p.id'])
    .where('p.profession', '=', 'nurse')
    .orderBy('a.login')
    .executeTakeFirstOrThrow();
  await sql`
    insert into care_team_members (patient_id, id, practitioner_id, role, started_on)
    select patient_id, gen_random_uuid(), ${account.id}, 'coordinator', (${now}::timestamptz - interval '1 year')::date
    from (select patient_id from pathway_enrolments where template_id = ${TEMPLATE} order by patient_id limit ${CASELOAD}) caseload
    where not exists (select 1 from care_team_members m where m.patient_id = caseload.patient_id
      and m.practitioner_id = ${account.id} and m.role = 'coordinator')`.execute(db);
  return account.login;
}

/**
 * Evidence throughput: `count` HbA1c results for enrolled patients, with their journal events in one
 * transaction, then the pathways consumer (started at the journal's head) until it has handled them.
 */
export async function benchEvidence(
  relais: Relais,
  count: number,
  now: Date,
): Promise<PathwayBenchResult['evidence']> {
  const db = relais.database.db;
  const feed = createSqlJournalFeed(db);
  const owner = randomUUID();
  const head = await feed.head();
  await feed.claim(PATHWAYS_CONSUMER, owner, 60_000);
  if (head !== undefined) await feed.advance(PATHWAYS_CONSUMER, owner, head, 60_000);
  await feed.release(PATHWAYS_CONSUMER, owner);
  const completedBefore = await countCompleted(db);
  const at = new Date(now.getTime() - 60_000);
  await db.transaction().execute(async (trx) => {
    await sql`
      with picks as (
        select g, gen_random_uuid() as id, patient_id
        from generate_series(1, ${count}::int) as g
        join (select patient_id, row_number() over (order by patient_id) as n from pathway_enrolments) e
          on e.n = 1 + (g::bigint * 7919) % (select count(*) from pathway_enrolments)
      ),
      results as (
        insert into results (patient_id, id, loinc_code, display, value_numeric, unit, effective_at, recorded_at)
        select patient_id, id, '4548-4', 'HbA1c', 7.2, '%', ${at}, ${at} from picks
        returning patient_id, id
      )
      insert into events (id, patient_id, type, occurred_at, payload)
      select gen_random_uuid(), patient_id, 'result.recorded', ${at},
        jsonb_build_object('code', '4548-4', 'display', 'HbA1c', 'value', 7.2, 'unit', '%', 'entryId', id)
      from results`.execute(trx);
  });
  const job = startPathwayEvidenceJob({
    progress: relais.services.pathwayProgress,
    feed,
    logger: relais.logger,
  });
  const started = performance.now();
  try {
    await job.drain(600_000);
  } finally {
    await job.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    results: count,
    seconds,
    perSecond: count / seconds,
    completed: (await countCompleted(db)) - completedBefore,
  };
}

async function countCompleted(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('type', '=', 'pathway.step-completed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
