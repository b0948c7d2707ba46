import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type { TaskAssignee } from '../domain/tasks/task.ts';
import type { TaskFactsSource } from '../domain/tasks/task-ports.ts';
import { createHospitalService, createProfessional } from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { ASSIGNEE_LABEL_CACHE_MS, withAssigneeLabelCache } from './assignee-label-cache.ts';
import { createSqlTaskFacts } from './sql-task-facts.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`assignee label cache on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    /** The real directory facts, counting what reaches them, behind a cache whose clock the test moves. */
    const scene = () => {
      const stored = createSqlTaskFacts(relais.database.db);
      const asked: TaskAssignee[][] = [];
      const counted: TaskFactsSource = {
        ...stored,
        describeAssignees: (assignees) => {
          asked.push([...assignees]);
          return stored.describeAssignees(assignees);
        },
      };
      const clock = { ms: 0 };
      return { cache: withAssigneeLabelCache(counted, () => clock.ms), asked, clock };
    };
    const practitioner = (practitionerId: string): TaskAssignee => ({ kind: 'practitioner', practitionerId });
    // A change made behind the cache's back, as SQL by hand or another process would make it.
    const renameElsewhere = (practitionerId: string, givenName: string) =>
      relais.database.db
        .updateTable('practitioners')
        .set({ given_name: givenName })
        .where('id', '=', practitionerId)
        .execute();

    test('a found label is reused within the window, then looked up again', async () => {
      const { cache, asked, clock } = scene();
      const { practitionerId, login } = await createProfessional(relais);
      const assignee = practitioner(practitionerId);
      assert.deepEqual(await cache.describeAssignees([assignee]), [`${login} Testeur`]);
      await renameElsewhere(practitionerId, 'Renommée');
      clock.ms = ASSIGNEE_LABEL_CACHE_MS - 1;
      assert.deepEqual(await cache.describeAssignees([assignee, assignee]), [
        `${login} Testeur`,
        `${login} Testeur`,
      ]);
      assert.equal(asked.length, 1);
      clock.ms = ASSIGNEE_LABEL_CACHE_MS;
      assert.deepEqual(await cache.describeAssignees([assignee]), ['Renommée Testeur']);
      assert.equal(asked.length, 2);
    });

    test('only the assignees not kept are asked for, and the answers keep the input order', async () => {
      const { cache, asked } = scene();
      const known = await createProfessional(relais);
      const serviceId = await createHospitalService(relais, 'cardiology');
      await cache.describeAssignees([practitioner(known.practitionerId)]);
      const service: TaskAssignee = { kind: 'service', organizationId: serviceId };
      const role: TaskAssignee = { kind: 'care-team-role', role: 'coordinator' };
      const mixed = [service, practitioner(known.practitionerId), role];
      assert.deepEqual(await cache.describeAssignees(mixed), [
        'Service cardiology',
        `${known.login} Testeur`,
        'coordinator',
      ]);
      assert.deepEqual(asked.at(-1), [service, role]);
      assert.deepEqual(await cache.describeAssignees(mixed.slice(0, 2)), [
        'Service cardiology',
        `${known.login} Testeur`,
      ]);
      assert.equal(asked.length, 2);
    });

    test('an unknown assignee is asked for every time, so one added later is found', async () => {
      const { cache, asked } = scene();
      const missing = practitioner(randomUUID());
      const notAService: TaskAssignee = { kind: 'service', organizationId: randomUUID() };
      assert.deepEqual(await cache.describeAssignees([missing, notAService]), [undefined, undefined]);
      assert.deepEqual(await cache.describeAssignees([missing]), [undefined]);
      assert.equal(asked.length, 2);

      const added = await createProfessional(relais);
      const later = practitioner(added.practitionerId);
      assert.deepEqual(await cache.describeAssignees([later]), [`${added.login} Testeur`]);
    });
  });
}
