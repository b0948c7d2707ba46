// Prints EXPLAIN ANALYZE of the worklist queries on PostgreSQL at scale, to check that each source is
// an ordered index scan that stops after one page.
//   node bench/explain-worklist.ts [--patients 20000] [--tasks 200000]
// DATABASE_URL reuses a server (its territory is seeded once; the tasks are replaced each run);
// otherwise a throwaway PostgreSQL is started.
import { parseArgs } from 'node:util';
import { sql, type Compilable, type Kysely } from 'kysely';
import pino from 'pino';
import { createRelais } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { seedDemoTerritory, seedSyntheticPatients } from '../src/demo/seed-territory.ts';
import { bucketBounds, PRIORITY_RANK } from '../src/domain/tasks/worklist.ts';
import type { Database } from '../src/store/database-schema.ts';
import { worklistCountQuery, worklistQuery, type ScanLimits } from '../src/store/sql-task-worklist.ts';
import { startThrowawayPostgres } from '../tests/support/postgres-server.ts';
import { busiestWorklist, seedBenchTasks } from './worklist-bench.ts';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '20000' }, tasks: { type: 'string', default: '200000' } },
});
const server = process.env.DATABASE_URL === undefined ? await startThrowawayPostgres() : undefined;
const relais = await createRelais(
  { ...readConfig({}), database: { kind: 'postgres', url: process.env.DATABASE_URL ?? server?.url ?? '' } },
  { logger: pino({ level: 'warn' }) },
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
  await sql`truncate tasks cascade`.execute(db);
  await seedBenchTasks(db, Number(values.tasks), now);
  const busiest = await busiestWorklist(db);
  console.log(`${values.tasks} tasks; busiest worklist: ${busiest.login}, ${busiest.openTasks} open tasks`);

  const page: Omit<ScanLimits, 'filters'> = { after: null, dueBefore: null, perSource: 51 };
  const practitioner = await practitionerOf(db, busiest.login);
  await explain(
    db,
    'busiest, first page',
    await worklistQuery(db, practitioner, { ...page, filters: {} }, now),
  );
  await explain(
    db,
    'busiest, urgent only',
    await worklistQuery(db, practitioner, { ...page, filters: { priority: 'urgent' } }, now),
  );
  const dueToday = { after: null, dueBefore: bucketBounds(now).startOfTomorrow, perSource: 100, filters: {} };
  await explain(db, 'busiest, badge count', await worklistCountQuery(db, practitioner, dueToday, now));

  for (const role of ['medecin_traitant', 'coordinator'] as const) {
    const top = await db
      .selectFrom('care_team_members')
      .select(['practitioner_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('role', '=', role)
      .groupBy('practitioner_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const id = top.practitioner_id;
    await explain(
      db,
      `${role} of ${top.n} patients`,
      await worklistQuery(db, id, { ...page, filters: {} }, now),
    );
    const first = await (await worklistQuery(db, id, { ...page, filters: {} }, now))?.execute();
    const last = first?.at(-2);
    if (last === undefined) continue;
    const row = await db
      .selectFrom('tasks')
      .select(['id', 'due_at', 'priority'])
      .where('id', '=', last.id)
      .executeTakeFirstOrThrow();
    const after = { dueAt: row.due_at, priorityRank: PRIORITY_RANK[row.priority], id: row.id };
    await explain(
      db,
      `${role}, second page`,
      await worklistQuery(db, id, { ...page, after, filters: {} }, now),
    );
  }
} finally {
  await relais.close();
  await server?.stop();
}

async function practitionerOf(db: Kysely<Database>, login: string): Promise<string> {
  const account = await db
    .selectFrom('accounts')
    .select('practitioner_id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  if (account.practitioner_id === null) throw new Error(`${login} is not a professional`);
  return account.practitioner_id;
}

/** Runs the query once to warm the cache, then prints its plan with timings and buffers. */
async function explain(db: Kysely<Database>, label: string, query: Compilable | undefined): Promise<void> {
  if (query === undefined) {
    console.log(`\n=== ${label}: no source applies`);
    return;
  }
  const compiled = query.compile();
  await db.executeQuery(compiled);
  const plan = await db.executeQuery<{ 'QUERY PLAN': string }>({
    ...compiled,
    sql: `explain (analyze, buffers) ${compiled.sql}`,
  });
  console.log(`\n=== ${label}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
}
