import { sql, type Kysely } from 'kysely';
import type { Relais } from '../src/app.ts';
import type { Database } from '../src/store/database-schema.ts';
import { listeningUrl, signInForToken } from './bench-http.ts';
import type { LoadResult } from './http-load.ts';
import { loadTestEach } from './load-worker.ts';

/**
 * The worklist scenario: bulk-inserts `tasks` tasks into an open Relais (after the territory and its
 * patients are seeded), then load-tests GET /api/worklist as the practitioner with the most open tasks.
 * Prints what it measures on stderr; returns the load result.
 */
export async function benchWorklist(
  relais: Relais,
  options: {
    tasks: number;
    seconds: number;
    loads: readonly { label: string; connections: number }[];
    password?: string;
  },
): Promise<{ load: string; result: LoadResult }[]> {
  const db = relais.database.db;
  const started = performance.now();
  await seedBenchTasks(db, options.tasks, new Date());
  const seconds = (performance.now() - started) / 1000;
  const busiest = await busiestWorklist(db);
  process.stderr.write(
    `\n${relais.database.dialect}: ${options.tasks} tasks inserted in ${seconds.toFixed(1)} s; ` +
      `worklist of ${busiest.login} (${busiest.openTasks} open tasks reach them)\n`,
  );
  const url = await listeningUrl(relais);
  const token = await signInForToken(url, busiest.login, options.password);
  return loadTestEach({ url, token, seconds: options.seconds, paths: ['/api/worklist'] }, options.loads);
}

/**
 * Inserts `count` tasks in one set-based statement, spread over the active care-team memberships:
 * half to the member's role, three in ten to the member themself, one in ten to a hospital service,
 * one in ten to the member with no patient. A quarter are open (todo or in progress), due from 20 days
 * ago to 40 days ahead (one in ten undated); the rest are done or cancelled, as a table looks after
 * months of use. Bench data: no journal events are written.
 */
export async function seedBenchTasks(db: Kysely<Database>, count: number, now: Date): Promise<void> {
  await sql`
    with members as (
      select patient_id, practitioner_id, role, row_number() over (order by patient_id, id) as n
      from care_team_members
      where ended_on is null
    ),
    services as (
      select id, row_number() over (order by id) as n from organizations where kind = 'hospital_service'
    ),
    sizes as (select (select count(*) from members) as members, (select count(*) from services) as services),
    picks as (
      select g, g % 10 as kind, abs(hashint4extended(g, 1)) % 100 as fate, abs(hashint4extended(g, 2)) % 60 as day,
        abs(hashint4extended(g, 3)) % 100 as weight, m.patient_id, m.practitioner_id, m.role, s.id as service_id
      from generate_series(1, ${count}::int) as g
      cross join sizes
      join members m on m.n = 1 + (g::bigint * 104729) % sizes.members
      left join services s on s.n = 1 + g % greatest(sizes.services, 1)
    )
    insert into tasks (
      id, patient_id, title, assignee_kind, assignee_practitioner_id, assignee_role, assignee_organization_id,
      priority, due_at, status, origin_kind, origin_ref, origin_explanation, created_at, updated_at,
      closed_at, closed_by, cancel_reason, idempotency_key
    )
    select
      gen_random_uuid(),
      case when kind = 9 then null else patient_id end,
      'Tâche de charge ' || g,
      case when kind < 5 then 'care-team-role' when kind = 8 and service_id is not null then 'service' else 'practitioner' end,
      case when kind < 5 or (kind = 8 and service_id is not null) then null else practitioner_id end,
      case when kind < 5 then role end,
      case when kind = 8 then service_id end,
      case when weight < 5 then 'urgent' when weight < 20 then 'high' when weight < 85 then 'normal' else 'low' end,
      case when day % 10 = 3 then null
        else ${now}::timestamptz + (day - 20) * interval '1 day' + (fate % 24) * interval '1 hour' end,
      case when fate < 65 then 'done' when fate < 75 then 'cancelled' when fate < 90 then 'todo' else 'in_progress' end,
      case when kind in (5, 6, 9) then 'manual' else (array['rule', 'pathway', 'referral', 'transition', 'questionnaire'])[1 + g % 5] end,
      null,
      case when kind in (5, 6, 9) then null else 'Créée par le banc de charge' end,
      ${now}::timestamptz - interval '30 days',
      ${now}::timestamptz - interval '1 day',
      case when fate < 75 then ${now}::timestamptz - interval '1 day' end,
      case when fate < 75 then practitioner_id end,
      case when fate >= 65 and fate < 75 then 'doublon' end,
      case when kind in (5, 6, 9) then null else 'bench:' || g || ':' || gen_random_uuid() end
    from picks
  `.execute(db);
  await sql`analyze tasks`.execute(db);
}

/** The professional (with an account) whom the most open tasks reach, directly, by role or by service. */
export async function busiestWorklist(db: Kysely<Database>): Promise<{ login: string; openTasks: number }> {
  const { rows } = await sql<{ login: string; open_tasks: string }>`
    with open_tasks as (select * from tasks where status in ('todo', 'in_progress')),
    reach as (
      select assignee_practitioner_id as practitioner_id, id from open_tasks where assignee_practitioner_id is not null
      union
      select m.practitioner_id, t.id from open_tasks t
        join care_team_members m on m.patient_id = t.patient_id and m.role = t.assignee_role and m.ended_on is null
      union
      select p.id, t.id from open_tasks t join practitioners p on p.organization_id = t.assignee_organization_id
    )
    select a.login, count(*) as open_tasks
    from reach r join accounts a on a.practitioner_id = r.practitioner_id
    group by a.login
    order by count(*) desc, a.login
    limit 1
  `.execute(db);
  const [top] = rows;
  if (top === undefined)
    throw new Error('no open task reaches any professional account: seed the territory first');
  return { login: top.login, openTasks: Number(top.open_tasks) };
}
