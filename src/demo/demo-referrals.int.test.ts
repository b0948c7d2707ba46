import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createInProcessLiveHub } from '../integrations/in-process-live-hub.ts';
import { createServices } from '../services.ts';
import { openDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { seedDemoReferrals } from './demo-referrals.ts';
import { seedDemoTerritory } from './seed-territory.ts';

let handle: DatabaseHandle;

before(async () => {
  handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(handle.db);
});

after(async () => {
  await handle.close();
});

test('the demo has referrals in different states, written through the use cases', async () => {
  const services = createServices(handle.db, () => new Date(), {
    live: createInProcessLiveHub(),
    email: { enabled: false, timeZone: 'Europe/Paris' },
  });
  const now = new Date();
  const territory = await seedDemoTerritory(services, { patients: 12, seed: 7, now });
  await seedDemoReferrals(services, territory, now);
  const referrals = await handle.db
    .selectFrom('referrals')
    .select(['kind', 'status', 'target_kind'])
    .orderBy('created_at')
    .execute();
  assert.deepEqual(referrals.map((r) => `${r.kind} ${r.status} → ${r.target_kind}`).sort(), [
    'referral reported → service',
    'referral requested → service',
    'referral scheduled → service',
    'tele-expertise requested → practitioner',
  ]);
  const sent = await handle.db
    .selectFrom('events')
    .select('id')
    .where('type', '=', 'referral.sent')
    .execute();
  assert.equal(sent.length, 4);
});
