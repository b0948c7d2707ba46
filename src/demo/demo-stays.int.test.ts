import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createInProcessLiveHub } from '../integrations/in-process-live-hub.ts';
import { createServices } from '../services.ts';
import { openDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { seedDemoStays } from './demo-stays.ts';
import { seedDemoTerritory } from './seed-territory.ts';

let handle: DatabaseHandle;

before(async () => {
  handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(handle.db);
});

after(async () => {
  await handle.close();
});

test("the demo hospital's ADT feed admits and discharges demo patients through the intake and apply loop", async () => {
  const services = createServices(handle.db, () => new Date(), {
    live: createInProcessLiveHub(),
    email: { enabled: false, timeZone: 'Europe/Paris' },
  });
  const now = new Date();
  const territory = await seedDemoTerritory(services, { patients: 5, seed: 7, now });
  await seedDemoStays(services, territory, { seed: 7, now });

  const messages = await handle.db.selectFrom('hl7_messages').select(['ack_code', 'status']).execute();
  assert.deepEqual(
    messages.map((m) => `${m.ack_code} ${m.status}`),
    Array<string>(5).fill('AA applied'),
  );
  const stays = await handle.db
    .selectFrom('stays')
    .select(['patient_id', 'status', 'unit'])
    .orderBy('admitted_at')
    .execute();
  // Each stay belongs to the demo patient the messages describe (matched by INS or by traits).
  assert.deepEqual(
    stays.map((s) => [territory.patientIds.indexOf(s.patient_id), s.status, s.unit]),
    [
      [1, 'discharged', 'Cardiologie'],
      [2, 'discharged', 'Pneumologie'],
      [0, 'admitted', 'Cardiologie'],
    ],
  );
});
