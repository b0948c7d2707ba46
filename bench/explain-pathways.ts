// Measures the pathway hot paths on PostgreSQL at scale without reseeding each time: the coordinator
// worklist by HTTP (one client, then ten) and the evidence consumer. For plans, load auto_explain on
// the server (log_analyze, log_buffers) and read its log.
//   DATABASE_URL=… node bench/explain-pathways.ts [--patients 20000] [--occurrences 200000] [--results 20000]
// With DATABASE_URL the territory and occurrences are seeded once and reused; otherwise a throwaway
// PostgreSQL is started. The evidence run completes steps, so later runs see slightly different data.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { createRelais } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { seedDemoTerritory, seedSyntheticPatients } from '../src/demo/seed-territory.ts';
import { startThrowawayPostgres } from '../tests/support/postgres-server.ts';
import { listeningUrl, signInForToken } from './bench-http.ts';
import { loadTestEach } from './load-worker.ts';
import { benchEvidence, coordinatorWithCaseload, seedOccurrences } from './pathway-bench.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '20000' },
    occurrences: { type: 'string', default: '200000' },
    results: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '5' },
  },
});
const server =
  process.env.DATABASE_URL === undefined ? await startThrowawayPostgres({ durable: true }) : undefined;
const config = readConfig({});
const relais = await createRelais(
  {
    ...config,
    database: { kind: 'postgres', url: process.env.DATABASE_URL ?? server?.url ?? '' },
    // No journal consumer of its own: the evidence run starts the one it times.
    rules: { ...config.rules, pollMs: 0 },
  },
  { logger: pino({ level: 'warn' }), scheduleJobs: false },
);
try {
  const db = relais.database.db;
  const now = new Date();
  if (await relais.services.directory.isEmpty()) {
    const territory = await seedDemoTerritory(relais.services, { patients: 0, now });
    await seedSyntheticPatients(relais.services, territory.directory, {
      patients: Number(values.patients),
      seed: 7,
      batchSize: 1000,
      now,
    });
  }
  const seeded = await sql<{ n: string }>`select count(*) as n from pathway_occurrences`.execute(db);
  if (Number(seeded.rows[0]?.n ?? 0) === 0) await seedOccurrences(db, Number(values.occurrences), now);
  const coordinator = await coordinatorWithCaseload(db, now);
  const url = await listeningUrl(relais);
  const token = await signInForToken(url, coordinator);
  const loads = [
    { label: '1 connection', connections: 1 },
    { label: '10 connections', connections: 10 },
  ];
  for (const { load, result } of await loadTestEach(
    { url, token, seconds: Number(values.seconds), paths: ['/api/pathway-worklist?withinDays=14'] },
    loads,
  ))
    console.log(
      `worklist, ${load}: ${result.requests} requests, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms`,
    );
  const evidence = await benchEvidence(relais, Number(values.results), now);
  console.log(
    `evidence: ${evidence.results} results in ${evidence.seconds.toFixed(2)} s, ${evidence.perSecond.toFixed(0)}/s, ${evidence.completed} steps completed`,
  );
} finally {
  await relais.close();
  await server?.stop();
}
