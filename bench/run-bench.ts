import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createRelais, type Relais } from '../src/app.ts';
import { readConfig, type RelaisConfig } from '../src/config.ts';
import {
  seedDemoTerritory,
  seedSyntheticPatients,
  SYNTHETIC_FIRST_INDEX,
} from '../src/demo/seed-territory.ts';
import { startThrowawayPostgres } from '../tests/support/postgres-server.ts';
import type { LoadResult } from './http-load.ts';
import { loadTestEach } from './load-worker.ts';
import { busiestGp, listeningUrl, signInForToken } from './bench-http.ts';
import { benchReferrals, type ReferralBenchResult } from './referral-bench.ts';
import { benchRules, type RulesBenchResult } from './rules-bench.ts';
import { benchPathways, type PathwayBenchResult } from './pathway-bench.ts';
import { benchWorklist } from './worklist-bench.ts';
import { benchAdt, type AdtBenchResult } from './adt-bench.ts';
import { benchAccess, type AccessBenchResult } from './access-bench.ts';
import { benchFhir, type FhirBenchRow } from './fhir-bench.ts';
import { settleAfterBulkLoad } from './settle.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'postgres,pglite' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    batch: { type: 'string', default: '1000' },
    tasks: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '20000' },
    referrals: { type: 'string', default: '300000' },
    occurrences: { type: 'string', default: '1000000' },
    results: { type: 'string', default: '20000' },
    only: { type: 'string' },
    'adt-messages': { type: 'string', default: '20000' },
    'adt-window': { type: 'string', default: '32' },
    'adt-db': { type: 'string', default: 'postgres' },
    'access-patients': { type: 'string', default: '10000' },
    'access-db': { type: 'string', default: 'postgres' },
    'fhir-patients': { type: 'string', default: '10000' },
    'fhir-search-patients': { type: 'string', default: '100000' },
    'fhir-connections': { type: 'string', default: '32' },
  },
});
/** The scenario groups `--only` can pick; without it, all run. */
const GROUPS = ['seeding', 'api', 'referrals', 'pathways', 'rules', 'adt', 'access', 'fhir'] as const;
type Group = (typeof GROUPS)[number];
if (values.only !== undefined && !(GROUPS as readonly string[]).includes(values.only)) {
  throw new Error(`--only takes one of ${GROUPS.join(', ')} (got "${values.only}")`);
}
/** Seeding always runs (the other scenarios need the territory); `--only seeding` runs nothing else. */
const runs = (group: Group): boolean => values.only === undefined || values.only === group;
const patients = Number(values.patients);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const batchSize = Number(values.batch);
/**
 * Each scenario runs with one client (the latency of a request on its own) and with `--connections`
 * clients sending as fast as they can (capacity, and latency under that queue).
 */
const LOADS = [
  { label: '1 connection', connections: 1 },
  { label: `${connections} connections`, connections },
] as const;
type Dialect = 'postgres' | 'pglite';
const dialects = values.db.split(',') as Dialect[];

interface Row {
  readonly dialect: string;
  readonly scenario: string;
  readonly load: string;
  readonly result: LoadResult;
}

const rows: Row[] = [];
const referralSweeps: { dialect: string; result: ReferralBenchResult }[] = [];
const pathwayRows: { dialect: string; result: PathwayBenchResult; load: [number, number] }[] = [];
/** The machine's 1-minute load average around the seeding: other work on it slows seeding down. */
const seeding: { dialect: string; perSecond: number; seconds: number; load: [number, number] }[] = [];
// The ADT, access and FHIR scenarios seed what they need: `--only adt` (access, fhir) skips the seeding.
const ownSeeding: readonly (string | undefined)[] = ['adt', 'access', 'fhir'];
for (const dialect of ownSeeding.includes(values.only) ? [] : dialects) {
  // The journal consumers stay off here: they would otherwise work through the seeding's events
  // while the API is measured. Rule throughput is measured on its own below.
  await withBenchRelais(dialect, async (relais) => {
    const now = new Date();
    const territory = await seedDemoTerritory(relais.services, { patients: 0, now });
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    await seedSyntheticPatients(relais.services, territory.directory, {
      patients,
      seed: 7,
      batchSize,
      now,
      onBatch: (done) => {
        if (done % (batchSize * 10) === 0) process.stderr.write(`  ${dialect}: ${done} patients seeded\r`);
      },
    });
    const elapsed = (performance.now() - started) / 1000;
    const loadAfter = loadavg()[0] ?? 0;
    await settleAfterBulkLoad(relais.database.db);
    seeding.push({
      dialect,
      perSecond: patients / elapsed,
      seconds: elapsed,
      load: [loadBefore, loadAfter],
    });
    if (runs('api')) {
      rows.push(...(await measure(relais, dialect, territory.professionals, territory.password)));
      const tasks = Number(values.tasks);
      const worklist = await benchWorklist(relais, { tasks, seconds, loads: LOADS });
      for (const { load, result } of worklist)
        rows.push({ dialect, scenario: `worklist (${tasks} tasks)`, load, result });
    }
    if (runs('referrals')) {
      const referrals = await benchReferrals(relais, {
        referrals: Number(values.referrals),
        seconds,
        loads: LOADS,
      });
      rows.push(...referrals.boxes.map((box) => ({ dialect, ...box })));
      referralSweeps.push({ dialect, result: referrals });
    }
    if (runs('pathways')) {
      const loadBeforePathways = loadavg()[0] ?? 0;
      const pathways = await benchPathways(relais, {
        occurrences: Number(values.occurrences),
        results: Number(values.results),
        seconds,
        loads: LOADS,
      });
      pathwayRows.push({ dialect, result: pathways, load: [loadBeforePathways, loadavg()[0] ?? 0] });
      for (const { load, result } of pathways.worklist)
        rows.push({ dialect, scenario: 'pathway worklist (caseload of 2,000)', load, result });
    }
  });
}

const rulesRows: { dialect: string; result: RulesBenchResult }[] = [];
for (const dialect of runs('rules') ? dialects : []) {
  // A fresh database, so the rules job's cursor starts at the scenario's own events.
  await withBenchRelais(dialect, async (relais) => {
    rulesRows.push({ dialect, result: await benchRules(relais, { events: Number(values.events) }) });
  });
}

const adtRows: { dialect: string; result: AdtBenchResult; load: [number, number] }[] = [];
for (const dialect of runs('adt') ? (values['adt-db'].split(',') as Dialect[]) : []) {
  // A fresh database and the MLLP listener on a free port; the apply loop is timed on its own.
  await withBenchRelais(
    dialect,
    async (relais) => {
      const loadBefore = loadavg()[0] ?? 0;
      const result = await benchAdt(relais, {
        messages: Number(values['adt-messages']),
        window: Number(values['adt-window']),
        loads: [
          { label: '1 connection', connections: 1 },
          { label: '4 connections', connections: 4 },
        ],
      });
      adtRows.push({ dialect, result, load: [loadBefore, loadavg()[0] ?? 0] });
    },
    (config) => ({ hl7: { ...config.hl7, port: 0 } }),
  );
}

const accessRows: { dialect: string; result: AccessBenchResult; load: [number, number] }[] = [];
for (const dialect of runs('access') ? (values['access-db'].split(',') as Dialect[]) : []) {
  // A territory of its own: the access rule probes only the patient's own rows, so a mid-sized one
  // is enough and keeps the scenario short.
  await withBenchRelais(dialect, async (relais) => {
    const now = new Date();
    const territory = await seedDemoTerritory(relais.services, { patients: 0, now });
    await seedSyntheticPatients(relais.services, territory.directory, {
      patients: Number(values['access-patients']),
      seed: 7,
      batchSize,
      now,
    });
    await settleAfterBulkLoad(relais.database.db);
    const loadBefore = loadavg()[0] ?? 0;
    const result = await benchAccess(relais, { seconds, callers: [1, connections], loads: LOADS });
    accessRows.push({ dialect, result, load: [loadBefore, loadavg()[0] ?? 0] });
    for (const { load, result: record } of result.record)
      rows.push({ dialect, scenario: 'patient record (access scenario)', load, result: record });
  });
}

const fhirRows: FhirBenchRow[] = [];
if (runs('fhir')) {
  // On PostgreSQL only (the targets): the FHIR API at `--fhir-patients`, then the search again
  // once the database holds `--fhir-search-patients`.
  await withBenchRelais('postgres', async (relais) => {
    const now = new Date();
    const territory = await seedDemoTerritory(relais.services, { patients: 0, now });
    const sizes = [Number(values['fhir-patients']), Number(values['fhir-search-patients'])];
    let seeded = 0;
    for (const [index, size] of sizes.entries()) {
      if (size <= seeded) continue;
      process.stderr.write(`  fhir: seeding up to ${size} patients\n`);
      await seedSyntheticPatients(relais.services, territory.directory, {
        patients: size - seeded,
        seed: 7,
        batchSize,
        now,
        firstIndex: SYNTHETIC_FIRST_INDEX + seeded,
      });
      await settleAfterBulkLoad(relais.database.db);
      seeded = size;
      fhirRows.push(
        ...(await benchFhir(relais, {
          seconds,
          connections: Number(values['fhir-connections']),
          patients: size,
          ...(index > 0 ? { only: 'search' as const } : {}),
        })),
      );
    }
  });
}

console.log(
  `\nRelais benchmark — ${patients} synthetic patients, ${connections} connections ` +
    `(FHIR: ${values['fhir-connections']}), ${seconds} s per scenario\n`,
);
printTable(
  '| database | seeding (patients/s) | seeding time (s) | load average before → after |',
  '|---|---:|---:|---|',
  seeding.map((s) => {
    const [before, after] = s.load.map((load) => load.toFixed(1));
    return `| ${s.dialect} | ${s.perSecond.toFixed(0)} | ${s.seconds.toFixed(1)} | ${before} → ${after} |`;
  }),
);
if (values.only !== 'seeding') printMeasurements();

function printMeasurements(): void {
  const ms = (value: number) => value.toFixed(1);
  // The access check is a fraction of a request: two decimals.
  const ms2 = (value: number) => value.toFixed(2);
  printTable(
    '| database | scenario | load | requests | req/s | p50 (ms) | p95 (ms) | p99 (ms) | failures |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    rows.map(
      ({ dialect, scenario, load, result: r }) =>
        `| ${dialect} | ${scenario} | ${load} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.failures} |`,
    ),
  );
  printTable(
    '| database | open referrals | SLA sweep, nothing new: p50 / max (ms) | first sweep: overdue + escalated | first sweep (s) |',
    '|---|---:|---:|---:|---:|',
    referralSweeps.map(({ dialect, result: r }) => {
      const { firstSweep: first, steadySweepMs: steady } = r;
      return `| ${dialect} | ${r.openReferrals} | ${ms(steady.p50)} / ${ms(steady.max)} | ${first.overdue} + ${first.escalated} | ${ms(first.seconds)} |`;
    }),
  );
  printTable(
    '| database | occurrences (open) | due/rupture scan (s) | steps moved | rupture tasks | evidence: results | results/s | steps completed | load average before → after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    pathwayRows.map(
      ({ dialect, result: r, load }) =>
        `| ${dialect} | ${r.occurrences} (${r.open}) | ${r.scan.seconds.toFixed(2)} | ${r.scan.moved} | ${r.scan.ruptureTasks} | ${r.evidence.results} | ${r.evidence.perSecond.toFixed(0)} | ${r.evidence.completed} | ${load.map((l) => l.toFixed(1)).join(' → ')} |`,
    ),
  );
  printTable(
    '| database | rule throughput: events | seconds | events/s | firings | tasks | alerts |',
    '|---|---:|---:|---:|---:|---:|---:|',
    rulesRows.map(
      ({ dialect, result: r }) =>
        `| ${dialect} | ${r.events} | ${ms(r.seconds)} | ${r.perSecond.toFixed(0)} | ${r.firings} | ${r.tasks} | ${r.alerts} |`,
    ),
  );
  printTable(
    '| database | ADT over MLLP (durable ACKs) | messages | seconds | messages/s | ACK p50 (ms) | p95 (ms) | p99 (ms) | failures | load average before → after |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
    adtRows.flatMap(({ dialect, result, load }) =>
      result.ingestion.map(
        (r) =>
          `| ${dialect} | ${r.load} | ${r.messages} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.failures} | ${load.map((l) => l.toFixed(1)).join(' → ')} |`,
      ),
    ),
  );
  printTable(
    '| database | access check (the GP opening their patients) | callers | calls | calls/s | p50 (ms) | p95 (ms) | p99 (ms) | load average before → after |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    accessRows.flatMap(({ dialect, result, load }) =>
      result.open.map(
        (r) =>
          `| ${dialect} | ${r.measured} | ${r.callers} | ${r.calls} | ${r.perSecond.toFixed(0)} | ${ms2(r.p50)} | ${ms2(r.p95)} | ${ms2(r.p99)} | ${load.map((l) => l.toFixed(1)).join(' → ')} |`,
      ),
    ),
  );
  printTable(
    '| database | access overhead on the record read (through the gate − alone) | callers | p50 (ms) | p95 (ms) |',
    '|---|---|---:|---:|---:|',
    accessRows.flatMap(({ dialect, result }) =>
      result.overhead.map(
        (r) =>
          `| ${dialect} | facts + decision + durable audit row, overlapped with the read | ${r.callers} | ${ms2(r.p50)} | ${ms2(r.p95)} |`,
      ),
    ),
  );
  printTable(
    '| FHIR on postgres | patients | connections | req/s | resources/s | p50 (ms) | p95 (ms) | p99 (ms) | failures | ratio to the bare route | load average before → after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    fhirRows.map(
      ({
        scenario,
        patients: size,
        connections: clients,
        result: r,
        note,
        resourcesPerRequest,
        ceiling,
        load,
      }) =>
        r === undefined
          ? `| ${scenario} | ${size} | ${clients} | ${note ?? ''} | | | | | | | |`
          : `| ${scenario} | ${size} | ${clients} | ${r.perSecond.toFixed(0)} | ${(r.perSecond * resourcesPerRequest).toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.failures} | ${ceiling === undefined ? '' : (r.perSecond / ceiling).toFixed(2)} | ${load.map((l) => l.toFixed(1)).join(' → ')} |`,
    ),
  );
  printTable(
    '| database | ADT apply loop (applier wired in services) | messages | seconds | messages/s |',
    '|---|---|---:|---:|---:|',
    adtRows.map(
      ({ dialect, result: { apply } }) =>
        `| ${dialect} | serial, arrival order | ${apply.messages} | ${apply.seconds.toFixed(1)} | ${apply.perSecond.toFixed(0)} |`,
    ),
  );
}

/** A markdown table, left out when its scenario did not run. */
function printTable(header: string, rule: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  console.log(`\n${header}`);
  console.log(rule);
  for (const line of lines) console.log(line);
}

/** Signs in as the GP with the largest list and loads their patients' records and searches. */
async function measure(
  relais: Relais,
  dialect: string,
  professionals: readonly { login: string }[],
  password: string,
): Promise<Row[]> {
  const gp = await busiestGp(relais);
  if (!professionals.some((p) => p.login === gp.login)) throw new Error('the busiest GP has no demo account');
  const sample = gp.patients;
  const url = await listeningUrl(relais);
  const token = await signInForToken(url, gp.login, password);
  console.error(`\n${dialect}: measuring as ${gp.listSize} patients' GP`);
  const scenarios = [
    { scenario: 'patient record', paths: sample.map(({ patientId }) => `/api/patients/${patientId}`) },
    {
      scenario: 'patient search (4-letter prefix)',
      paths: sample.map(
        ({ familyNameKey }) => `/api/patients?q=${encodeURIComponent(familyNameKey.slice(0, 4))}`,
      ),
    },
  ];
  const measured: Row[] = [];
  for (const { scenario, paths } of scenarios)
    for (const { load, result } of await loadTestEach({ url, token, seconds, paths }, LOADS))
      measured.push({ dialect, scenario, load, result });
  return measured;
}

/**
 * Runs `work` on a Relais over a fresh database of the dialect (a throwaway PostgreSQL server with
 * PostgreSQL's own durability settings unless DATABASE_URL is set), with no log-in rate limit and
 * no background work — journal consumers, periodic sweeps — that would run while the API is measured
 * (scenarios run the jobs they time themselves), then closes both.
 */
async function withBenchRelais(
  dialect: Dialect,
  work: (relais: Relais) => Promise<void>,
  overrides: (config: RelaisConfig) => Partial<RelaisConfig> = () => ({}),
): Promise<void> {
  const postgres =
    dialect === 'postgres' && process.env.DATABASE_URL === undefined
      ? await startThrowawayPostgres({ durable: true })
      : undefined;
  const url = process.env.DATABASE_URL ?? postgres?.url;
  const config = readConfig({});
  const relais = await createRelais(
    {
      ...config,
      database:
        dialect === 'postgres' && url !== undefined
          ? { kind: 'postgres', url }
          : { kind: 'pglite', dataDir: 'memory://' },
      loginRateLimit: { max: 1000, timeWindow: 60_000 },
      rules: { ...config.rules, pollMs: 0 },
      ...overrides(config),
    },
    { logger: pino({ level: 'warn' }), scheduleJobs: false },
  );
  try {
    await work(relais);
    // autocannon drops its last requests unanswered; let their handlers end before the database closes.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await relais.close();
    await postgres?.stop();
  }
}
