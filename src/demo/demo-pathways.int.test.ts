import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import type { Relais } from '../app.ts';
import { seedDemoPathways } from './demo-pathways.ts';
import { seedDemoTerritory, type DemoTerritory } from './seed-territory.ts';

let relais: Relais;
let territory: DemoTerritory;
let enrolled: number;
const now = new Date();

before(async () => {
  relais = await startTestRelais('pglite');
  territory = await seedDemoTerritory(relais.services, { patients: 60, seed: 7, now });
  enrolled = await seedDemoPathways(relais.services, territory, { seed: 7, now });
});

after(() => relais.close());

test('the demo enrols the patients a shipped pathway follows, by condition, from a start in the past', async () => {
  const db = relais.database.db;
  const enrolments = await db
    .selectFrom('pathway_enrolments as e')
    .innerJoin('conditions as c', 'c.patient_id', 'e.patient_id')
    .select(['e.patient_id', 'e.template_id', 'e.started_on', 'c.code'])
    .execute();
  assert.ok(enrolled >= 5, `only ${enrolled} demo enrolments`);
  assert.equal(new Set(enrolments.map((e) => `${e.patient_id} ${e.template_id}`)).size, enrolled);
  const prefixOf = {
    'dt2-adulte-suivi': 'E11',
    'bpco-suivi-et-post-exacerbation': 'J44',
    'cancer-parcours': 'C50',
  };
  for (const [templateId, prefix] of Object.entries(prefixOf)) {
    const following = new Set(
      enrolments.filter((e) => e.template_id === templateId).map((e) => e.patient_id),
    );
    const withCondition = new Set(
      enrolments.filter((e) => e.code.startsWith(prefix)).map((e) => e.patient_id),
    );
    // Every enrolled patient has the condition the template follows.
    assert.ok(
      [...following].every((patientId) => withCondition.has(patientId)),
      templateId,
    );
  }
  const today = now.toISOString().slice(0, 10);
  assert.ok(enrolments.every((e) => e.started_on < today));
});

test('from the first start, a coordinator’s worklist shows ruptures with a task and steps coming up', async () => {
  const coordinatorIds = new Set(
    territory.careTeams.flatMap((team) =>
      team.members.filter((m) => m.role === 'coordinator').map((m) => m.practitionerId),
    ),
  );
  const statuses = new Set<string>();
  for (const practitionerId of coordinatorIds) {
    const accountId = territory.accountOf.get(practitionerId) ?? '';
    const principal = { kind: 'professional', accountId, practitionerId, roles: [] } as const;
    const items = await relais.services.pathways.worklist(
      principal,
      { withinDays: 30, limit: 100 },
      { clientAddress: null },
    );
    for (const item of items) statuses.add(item.occurrence.status);
  }
  assert.ok(statuses.has('rupture'), `statuses: ${[...statuses].join(', ')}`);
  assert.ok(statuses.has('due') || statuses.has('scheduled'), `statuses: ${[...statuses].join(', ')}`);
  // The due scan raised a task for each rupture (but for steps a professional attests by a task).
  const db = relais.database.db;
  const ruptures = await db
    .selectFrom('pathway_occurrences')
    .select('id')
    .where('status', '=', 'rupture')
    .execute();
  const tasks = await db
    .selectFrom('tasks')
    .select('idempotency_key')
    .where('idempotency_key', 'like', 'pathway-rupture:%')
    .execute();
  assert.ok(
    tasks.length > 0 && tasks.length <= ruptures.length,
    `${tasks.length} tasks, ${ruptures.length} ruptures`,
  );
});
