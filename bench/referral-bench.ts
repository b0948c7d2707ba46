import { sql, type Kysely } from 'kysely';
import type { Relais } from '../src/app.ts';
import type { Database } from '../src/store/database-schema.ts';
import { listeningUrl, signInForToken } from './bench-http.ts';
import type { LoadResult } from './http-load.ts';
import { loadTestEach } from './load-worker.ts';
import { percentile } from './latency-stats.ts';

/**
 * Inserts `count` referrals in one set-based statement, each from a patient's GP: six in ten to a
 * hospital service, a quarter to a named specialist, the rest to a specialty; one in ten is a
 * télé-expertise. Three in ten are open, spread over the stages, half of those past their deadline
 * (a third of the overdue already marked, some escalated); the rest are closed, declined or
 * cancelled, as a table looks after months of use. Bench data: no journal events are written.
 */
export async function seedBenchReferrals(db: Kysely<Database>, count: number, now: Date): Promise<void> {
  await sql`
    with gps as (
      select patient_id, practitioner_id, row_number() over (order by patient_id) as n
      from care_team_members
      where role = 'medecin_traitant' and ended_on is null
    ),
    services as (
      select id, specialty, row_number() over (order by id) as n from organizations where kind = 'hospital_service'
    ),
    specialists as (
      select id, specialty, row_number() over (order by id) as n
      from practitioners where specialty is not null
    ),
    sizes as (
      select (select count(*) from gps) as gps, (select count(*) from services) as services,
        (select count(*) from specialists) as specialists
    ),
    picks as (
      select g, abs(hashint4extended(g, 1)) % 100 as fate, abs(hashint4extended(g, 2)) % 100 as aim,
        abs(hashint4extended(g, 3)) % 40 as day, abs(hashint4extended(g, 4)) % 100 as weight,
        gp.patient_id, gp.practitioner_id as referrer, s.id as service_id, sp.id as specialist_id,
        sp.specialty
      from generate_series(1, ${count}::int) as g
      cross join sizes
      join gps gp on gp.n = 1 + (g::bigint * 104729) % sizes.gps
      join services s on s.n = 1 + g % sizes.services
      join specialists sp on sp.n = 1 + (g::bigint * 7919) % sizes.specialists
    ),
    shaped as (
      select *,
        case when fate < 8 then 'requested' when fate < 10 then 'on_hold' when fate < 15 then 'accepted'
          when fate < 22 then 'scheduled' when fate < 25 then 'seen' when fate < 30 then 'reported'
          when fate < 85 then 'closed' when fate < 93 then 'declined' else 'cancelled' end as status,
        case when aim < 60 then 'service' when aim < 85 then 'practitioner' else 'specialty' end as target_kind,
        -- A télé-expertise has no appointment: none is scheduled or seen.
        case when weight % 10 = 0 and fate not between 15 and 24 then 'tele-expertise' else 'referral' end as kind,
        ${now}::timestamptz - (day + 1) * interval '1 day' as started
      from picks
    )
    insert into referrals (
      patient_id, id, kind, urgency, status, referrer_practitioner_id, target_kind, target_practitioner_id,
      target_organization_id, target_specialty, performer_practitioner_id, reason, clinical_question,
      prefers_teleconsultation, attached_result_ids, attached_document_ids, requested_exams,
      appointment_at, appointment_place, appointment_teleconsultation, report_text, reported_at, held_from,
      decline_reason, cancel_reason, created_at, updated_at, closed_at, stage, stage_started_at, due_at,
      escalate_at, overdue_at, escalated_at
    )
    select
      patient_id, gen_random_uuid(),
      kind,
      case when weight < 10 then 'urgent' when weight < 40 then 'soon' else 'routine' end,
      status, referrer, target_kind,
      case when target_kind = 'practitioner' then specialist_id end,
      case when target_kind = 'service' then service_id end,
      case when target_kind = 'specialty' then specialty end,
      case when status in ('requested', 'declined') or (status in ('on_hold', 'cancelled') and fate % 2 = 0) then null
        else specialist_id end,
      'Adressage de charge ' || g, 'Question clinique du banc de charge', false, '{}', '{}', '[]'::jsonb,
      case when status in ('scheduled', 'seen', 'reported', 'closed') and kind = 'referral'
        then started + interval '5 days' end,
      case when status in ('scheduled', 'seen', 'reported', 'closed') and kind = 'referral' then 'Hôpital' end,
      case when status in ('scheduled', 'seen', 'reported', 'closed') and kind = 'referral' then false end,
      case when status in ('reported', 'closed') then 'Compte rendu du banc de charge' end,
      case when status in ('reported', 'closed') then started end,
      case when status = 'on_hold' then 'requested' end,
      case when status = 'declined' then 'Hors champ' end,
      case when status = 'cancelled' then 'Doublon' end,
      started - interval '10 days', started,
      case when status in ('closed', 'declined', 'cancelled') then started end,
      case status when 'requested' then 'accept' when 'on_hold' then 'answer' when 'accepted' then 'schedule'
        when 'scheduled' then 'report' when 'seen' then 'report' when 'reported' then 'acknowledge' end,
      case when status not in ('closed', 'declined', 'cancelled') then started end,
      -- Half of the open ones are past their deadline.
      case when status not in ('closed', 'declined', 'cancelled')
        then started + case when day % 2 = 0 then interval '1 day' else interval '60 days' end end,
      case when status not in ('closed', 'declined', 'cancelled')
        then started + case when day % 2 = 0 then interval '3 days' else interval '62 days' end end,
      case when status not in ('closed', 'declined', 'cancelled') and day % 6 = 0 then started + interval '1 day' end,
      case when status not in ('closed', 'declined', 'cancelled') and day % 12 = 0 then started + interval '3 days' end
    from shaped
  `.execute(db);
  await sql`analyze referrals`.execute(db);
}

/** What the referral scenario measured: the two boxes over HTTP and the SLA sweep. */
export interface ReferralBenchResult {
  readonly boxes: { readonly scenario: string; readonly load: string; readonly result: LoadResult }[];
  readonly seedSeconds: number;
  readonly openReferrals: number;
  /** A sweep that finds every open referral past its deadline for the first time: marks, events, tasks. */
  readonly firstSweep: { readonly seconds: number; readonly overdue: number; readonly escalated: number };
  /** Sweeps once nothing new is due: the scan over the open referrals alone. */
  readonly steadySweepMs: { readonly p50: number; readonly max: number };
}

/**
 * The referral scenario: bulk-inserts `referrals` referrals into an open Relais (after the territory
 * and its patients are seeded), load-tests the inbox of the service member whom the most open
 * referrals reach and the outbox of the busiest referrer, then times the SLA sweep.
 */
export async function benchReferrals(
  relais: Relais,
  options: { referrals: number; seconds: number; loads: readonly { label: string; connections: number }[] },
): Promise<ReferralBenchResult> {
  const db = relais.database.db;
  const started = performance.now();
  await seedBenchReferrals(db, options.referrals, new Date());
  const seedSeconds = (performance.now() - started) / 1000;
  const { open } = await db
    .selectFrom('referrals')
    .select((eb) => eb.fn.countAll<string>().as('open'))
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  const inboxLogin = await busiestInbox(db);
  const outboxLogin = await busiestOutbox(db);
  process.stderr.write(
    `\n${relais.database.dialect}: ${options.referrals} referrals (${open} open) inserted in ` +
      `${seedSeconds.toFixed(1)} s; inbox of ${inboxLogin}, outbox of ${outboxLogin}\n`,
  );
  const url = await listeningUrl(relais);
  const boxes: ReferralBenchResult['boxes'] = [];
  for (const [scenario, login, path] of [
    ['referral inbox', inboxLogin, '/api/referrals/inbox'],
    ['referral outbox', outboxLogin, '/api/referrals/outbox'],
  ] as const) {
    const token = await signInForToken(url, login);
    const measured = await loadTestEach(
      { url, token, seconds: options.seconds, paths: [path] },
      options.loads,
    );
    for (const { load, result } of measured)
      boxes.push({ scenario: `${scenario} (${options.referrals} referrals)`, load, result });
  }
  const sweep = relais.services.referralSlaSweep;
  const firstStarted = performance.now();
  const first = await sweep.sweep();
  const firstSweep = { seconds: (performance.now() - firstStarted) / 1000, ...first };
  const steady: number[] = [];
  for (let run = 0; run < 20; run += 1) {
    const runStarted = performance.now();
    const found = await sweep.sweep();
    steady.push(performance.now() - runStarted);
    if (found.overdue + found.escalated > 0) throw new Error('a steady sweep found new overdue referrals');
  }
  steady.sort((a, b) => a - b);
  return {
    boxes,
    seedSeconds,
    openReferrals: Number(open),
    firstSweep,
    steadySweepMs: { p50: percentile(steady, 50), max: steady.at(-1) ?? 0 },
  };
}

/** The member of a hospital service with an account whom the most open, untaken referrals reach. */
async function busiestInbox(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ login: string }>`
    select a.login
    from referrals r
    join practitioners p on p.organization_id = r.target_organization_id
    join accounts a on a.practitioner_id = p.id
    where r.closed_at is null and r.performer_practitioner_id is null
    group by a.login
    order by count(*) desc, a.login
    limit 1
  `.execute(db);
  const [top] = rows;
  if (top === undefined) throw new Error('no open referral reaches a service member with an account');
  return top.login;
}

/** The referrer with an account who sent the most referrals. */
async function busiestOutbox(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ login: string }>`
    select a.login
    from referrals r join accounts a on a.practitioner_id = r.referrer_practitioner_id
    group by a.login
    order by count(*) desc, a.login
    limit 1
  `.execute(db);
  const [top] = rows;
  if (top === undefined) throw new Error('no referrer has an account');
  return top.login;
}
