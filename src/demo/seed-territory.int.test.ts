import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createInProcessLiveHub } from '../integrations/in-process-live-hub.ts';
import { totpCodeAt } from '../integrations/otpauth-totp.ts';
import { createServices } from '../services.ts';
import { openDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import {
  DEMO_PASSWORD,
  seedDemoTerritory,
  seedSyntheticPatients,
  type DemoTerritory,
} from './seed-territory.ts';

const PATIENTS = 20;
const NO_CLIENT = { clientAddress: null } as const;

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;
let territory: DemoTerritory;

before(async () => {
  handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  services = createServices(handle.db, () => new Date(), {
    live: createInProcessLiveHub(),
    email: { enabled: false, timeZone: 'Europe/Paris' },
  });
  territory = await seedDemoTerritory(services, { patients: PATIENTS, seed: 7, now: new Date() });
});

after(async () => {
  await handle.close();
});

/** Signs a demo account in; the demo administrator and DPO also give the code of their printed TOTP secret. */
async function signInDemo(login: string) {
  const outcome = await services.accounts.logIn(login, DEMO_PASSWORD, NO_CLIENT);
  if (outcome.kind === 'signed-in') return outcome;
  const enrolled = [territory.admin, territory.dpo].find((holder) => holder?.login === login);
  assert.ok(enrolled !== undefined && enrolled !== null, `${login} asks for a second factor`);
  const code = totpCodeAt(enrolled.totpSecret, new Date());
  return services.accounts.completeSecondFactor(outcome.challenge, { code }, NO_CLIENT);
}

async function count(
  table: 'patients' | 'practitioners' | 'organizations' | 'accounts' | 'events',
): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

test('the demo territory is in the tables', async () => {
  assert.equal(territory.patientIds.length, PATIENTS);
  assert.equal(await count('patients'), PATIENTS);
  assert.equal(await count('practitioners'), territory.directory.practitioners.length);
  assert.equal(await count('organizations'), territory.directory.organizations.length);
  assert.equal(await count('accounts'), territory.professionals.length + 10);
  assert.equal(territory.patients.length, 10);
  assert.equal(territory.password, DEMO_PASSWORD);

  const gps = await handle.db
    .selectFrom('care_team_members')
    .select(['patient_id'])
    .where('role', '=', 'medecin_traitant')
    .execute();
  assert.equal(gps.length, PATIENTS);
  assert.equal(new Set(gps.map((r) => r.patient_id)).size, PATIENTS);
  const results = await handle.db.selectFrom('results').select('patient_id').execute();
  assert.ok(results.length >= 3 * PATIENTS && results.length <= 12 * PATIENTS);
  // One patient.registered event per patient, plus one event per entry.
  assert.ok((await count('events')) > PATIENTS);

  const admins = await handle.db
    .selectFrom('accounts')
    .select('login')
    .where(sql<boolean>`'admin' = any(roles)`)
    .execute();
  assert.equal(admins.length, 1);
  assert.match(admins[0]?.login ?? '', /^dr\./);
});

test("a GP logs in and reads one of their patients' records", async () => {
  const patientId = territory.patientIds[0] ?? '';
  const gp = await handle.db
    .selectFrom('care_team_members as m')
    .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
    .select(['a.login'])
    .where('m.patient_id', '=', patientId)
    .where('m.role', '=', 'medecin_traitant')
    .executeTakeFirstOrThrow();
  assert.match(gp.login, /^dr\.[a-z-]+\d*$/);

  const signedIn = await signInDemo(gp.login);
  assert.equal(signedIn.account.principal.kind, 'professional');
  const record = await services.record.readRecord(signedIn.account.principal, patientId, NO_CLIENT);
  assert.equal(record.identity.patientId, patientId);
  assert.ok(record.careTeam.some((member) => member.role === 'medecin_traitant'));
  assert.ok(record.conditions.length >= 1);
});

test('the demo administrator comes enrolled in TOTP: the password alone asks for the code', async () => {
  const admin = territory.admin;
  assert.ok(admin !== null);
  assert.match(admin.totpUri, /^otpauth:\/\/totp\/Relais:.+\?.*secret=/);
  const first = await services.accounts.logIn(admin.login, DEMO_PASSWORD, NO_CLIENT);
  assert.equal(first.kind, 'second-factor');
  const signedIn = await signInDemo(admin.login);
  assert.deepEqual(signedIn.account.principal.kind === 'professional' && signedIn.account.principal.roles, [
    'admin',
  ]);
});

test('the demo DPO is the hospital coordinator, enrolled in TOTP, and opens the audit log', async () => {
  const dpo = territory.dpo;
  assert.ok(dpo !== null);
  assert.match(dpo.login, /^coord\./);
  assert.match(dpo.totpUri, /^otpauth:\/\/totp\/Relais:.+\?.*secret=/);
  const first = await services.accounts.logIn(dpo.login, DEMO_PASSWORD, NO_CLIENT);
  assert.equal(first.kind, 'second-factor');
  const { principal } = (await signInDemo(dpo.login)).account;
  assert.deepEqual(principal.kind === 'professional' && principal.roles, ['dpo']);
  const page = await services.auditLog.list(principal, { action: 'login' }, NO_CLIENT);
  assert.ok(page.items.some((item) => item.actor.login === dpo.login));
});

test('a demo patient logs in to their own record', async () => {
  const login = territory.patients[0]?.login ?? '';
  assert.match(login, /^patient\.[a-z-]+\d*$/);
  const signedIn = await signInDemo(login);
  assert.equal(signedIn.account.principal.kind, 'patient');
  const record = await services.record.readRecord(
    signedIn.account.principal,
    territory.patientIds[0] ?? '',
    NO_CLIENT,
  );
  assert.equal(record.identity.patientId, territory.patientIds[0]);
});

test('synthetic patients are added in batches next to the demo', async () => {
  const batches: number[] = [];
  const ids = await seedSyntheticPatients(services, territory.directory, {
    patients: 25,
    seed: 7,
    batchSize: 10,
    now: new Date(),
    onBatch: (done) => batches.push(done),
  });
  assert.equal(ids.length, 25);
  assert.deepEqual(batches, [10, 20, 25]);
  assert.equal(await count('patients'), PATIENTS + 25);
});

test('each demo GP, nurse and coordinator finds overdue, today and soon tasks in their worklist', async () => {
  const professionals = await handle.db
    .selectFrom('accounts as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .select(['a.id', 'a.practitioner_id', 'p.profession', 'p.specialty'])
    .where((eb) =>
      eb.or([eb('p.specialty', '=', 'general_practice'), eb('p.profession', 'in', ['nurse', 'coordinator'])]),
    )
    .execute();
  assert.ok(professionals.length >= 10);
  let withTasks = 0;
  for (const professional of professionals) {
    const principal = {
      kind: 'professional' as const,
      accountId: professional.id,
      practitionerId: professional.practitioner_id ?? '',
      roles: [],
    };
    const page = await services.worklist.worklist(
      principal,
      { filters: {}, limit: 100, after: null },
      NO_CLIENT,
    );
    if (page.items.length === 0) continue;
    withTasks += 1;
    const buckets = new Set(page.items.map((item) => item.bucket));
    for (const bucket of ['overdue', 'today', 'soon'] as const) {
      assert.ok(buckets.has(bucket), `${professional.profession} has a task ${bucket}`);
    }
    assert.ok(
      page.items.some((item) => item.task.origin.explanation !== null),
      'system tasks explain themselves',
    );
  }
  // Every GP has patients among 20; a nurse or coordinator may have none in so few.
  assert.ok(withTasks >= 6, `${withTasks} demo professionals have tasks`);
});
