import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createInProcessLiveHub } from '../integrations/in-process-live-hub.ts';
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

  const signedIn = await services.accounts.logIn(gp.login, 'relais-demo', NO_CLIENT);
  assert.equal(signedIn.account.principal.kind, 'professional');
  const record = await services.record.readRecord(signedIn.account.principal, patientId, NO_CLIENT);
  assert.equal(record.identity.patientId, patientId);
  assert.ok(record.careTeam.some((member) => member.role === 'medecin_traitant'));
  assert.ok(record.conditions.length >= 1);
});

test('a demo patient logs in to their own record', async () => {
  const login = territory.patients[0]?.login ?? '';
  assert.match(login, /^patient\.[a-z-]+\d*$/);
  const signedIn = await services.accounts.logIn(login, DEMO_PASSWORD, NO_CLIENT);
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
