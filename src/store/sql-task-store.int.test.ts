import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Relais } from '../app.ts';
import type { SystemTaskCommand } from '../domain/tasks/task.ts';
import { createPatient, createProfessional } from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { createSqlTaskStore } from './sql-task-store.ts';

const SYSTEM_ORIGIN = { kind: 'rule', ref: 'weight-gain', explanation: 'Poids +2,3 kg en 3 jours' } as const;

function systemTask(
  patientId: string,
  key: string,
  overrides: Partial<SystemTaskCommand> = {},
): SystemTaskCommand {
  return {
    patientId,
    title: 'Appeler le patient',
    details: null,
    assignee: { kind: 'care-team-role', role: 'nurse' },
    priority: 'high',
    dueAt: new Date('2030-01-01T10:00:00Z'),
    about: null,
    origin: SYSTEM_ORIGIN,
    idempotencyKey: key,
    ...overrides,
  };
}

for (const { dialect, skip } of testDialects()) {
  describe(`task store on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let patientId: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      const gp = await createProfessional(relais);
      patientId = await createPatient(relais, [gp.practitionerId]);
    });
    after(() => relais.close());

    const countRows = async (table: 'tasks' | 'events', key?: string) => {
      let query = relais.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
      if (key !== undefined && table === 'tasks') query = query.where('idempotency_key', '=', key);
      // Only task events: the app's journal consumers write their own (notifications) meanwhile.
      if (table === 'events') query = query.where('type', 'like', 'task.%');
      return Number((await query.executeTakeFirstOrThrow()).n);
    };

    test('createSystemTasks writes each task with its task.created event, in words', async () => {
      const key = `rule:weight-gain:${crypto.randomUUID()}`;
      const [result] = await relais.services.tasks.createSystemTasks([systemTask(patientId, key)]);
      assert.equal(result?.created, true);
      const event = await relais.database.db
        .selectFrom('events')
        .select(['type', 'patient_id', 'actor_account_id', 'payload'])
        .where('type', '=', 'task.created')
        .where(sql<string>`payload->>'taskId'`, '=', result.id)
        .executeTakeFirstOrThrow();
      assert.equal(event.patient_id, patientId);
      assert.equal(event.actor_account_id, null);
      assert.deepEqual(event.payload, {
        taskId: result.id,
        title: 'Appeler le patient',
        assigneeKind: 'care-team-role',
        assignee: 'nurse',
        priority: 'high',
        dueAt: '2030-01-01T10:00:00.000Z',
        origin: 'rule',
        explanation: 'Poids +2,3 kg en 3 jours',
        by: null,
      });
    });

    test('createSystemTasks is idempotent: a known key returns the first task and writes nothing', async () => {
      const key = `rule:weight-gain:${crypto.randomUUID()}`;
      const [first] = await relais.services.tasks.createSystemTasks([systemTask(patientId, key)]);
      const tasksBefore = await countRows('tasks');
      const eventsBefore = await countRows('events');
      const again = await relais.services.tasks.createSystemTasks([
        systemTask(patientId, key, { title: 'Autre titre' }),
        systemTask(patientId, key),
      ]);
      assert.deepEqual(again, [
        { id: first?.id, created: false },
        { id: first?.id, created: false },
      ]);
      assert.equal(await countRows('tasks'), tasksBefore);
      assert.equal(await countRows('events'), eventsBefore);
      const stored = await relais.database.db
        .selectFrom('tasks')
        .select('title')
        .where('id', '=', first?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(stored.title, 'Appeler le patient');
    });

    test('a key repeated in one batch, or sent by concurrent callers, makes one task and one event', async () => {
      const key = `rule:weight-gain:${crypto.randomUUID()}`;
      const eventsBefore = await countRows('events');
      const batch = await relais.services.tasks.createSystemTasks([
        systemTask(patientId, key),
        systemTask(patientId, key),
      ]);
      assert.equal(batch[0]?.id, batch[1]?.id);
      assert.deepEqual(
        batch.map((r) => r.created),
        [true, false],
      );
      const concurrentKey = `rule:weight-gain:${crypto.randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          relais.services.tasks.createSystemTasks([systemTask(patientId, concurrentKey)]),
        ),
      );
      const ids = new Set(answers.map(([answer]) => answer?.id));
      assert.equal(ids.size, 1);
      assert.equal(answers.filter(([answer]) => answer?.created === true).length, 1);
      assert.equal(await countRows('tasks', key), 1);
      assert.equal(await countRows('tasks', concurrentKey), 1);
      assert.equal(await countRows('events'), eventsBefore + 2);
    });

    test('a batch with one bad command writes nothing at all', async () => {
      const tasksBefore = await countRows('tasks');
      const eventsBefore = await countRows('events');
      const good = systemTask(patientId, `k-${crypto.randomUUID()}`);
      const attempts: [SystemTaskCommand, RegExp][] = [
        [systemTask(crypto.randomUUID(), `k-${crypto.randomUUID()}`), /no patient with this id/],
        [
          systemTask(patientId, `k-${crypto.randomUUID()}`, {
            assignee: { kind: 'practitioner', practitionerId: crypto.randomUUID() },
          }),
          /no practitioner with id/,
        ],
        [
          systemTask(patientId, `k-${crypto.randomUUID()}`, {
            assignee: { kind: 'service', organizationId: crypto.randomUUID() },
          }),
          /no hospital service with id/,
        ],
        [
          systemTask(patientId, `k-${crypto.randomUUID()}`, {
            origin: { ...SYSTEM_ORIGIN, explanation: null },
          }),
          /explanation is required/,
        ],
        [
          systemTask(patientId, `k-${crypto.randomUUID()}`, {
            origin: { kind: 'manual', ref: null, explanation: 'x' },
          }),
          /comes from a rule/,
        ],
      ];
      for (const [bad, message] of attempts) {
        await assert.rejects(relais.services.tasks.createSystemTasks([good, bad]), (error: unknown) => {
          assert.ok(
            error instanceof Error && 'code' in error && error.code === 'invalid-input',
            String(error),
          );
          assert.match(error.message, message);
          return true;
        });
      }
      assert.equal(await countRows('tasks'), tasksBefore);
      assert.equal(await countRows('events'), eventsBefore);
    });

    test('two changes from the same version: one wins, the other reports a conflict and writes nothing', async () => {
      const nurse = await createProfessional(relais, 'nurse');
      const gp = await createProfessional(relais);
      const patient = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const [created] = await relais.services.tasks.createSystemTasks([
        systemTask(patient, `k-${crypto.randomUUID()}`),
      ]);
      const id = created?.id ?? '';
      const principal = (practitionerId: string) => ({
        kind: 'professional' as const,
        accountId: crypto.randomUUID(),
        practitionerId,
        roles: [],
      });
      const origin = { clientAddress: null };
      const eventsBefore = await countRows('events');
      const outcomes = await Promise.allSettled([
        relais.services.tasks.changeTask(principal(nurse.practitionerId), id, { kind: 'complete' }, origin),
        relais.services.tasks.changeTask(
          principal(nurse.practitionerId),
          id,
          { kind: 'cancel', reason: 'doublon' },
          origin,
        ),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
      const failure = outcomes.find((o) => o.status === 'rejected');
      assert.match(String(failure?.reason), /changed this task meanwhile|cannot be/);
      const stored = await relais.database.db
        .selectFrom('tasks')
        .select(['status', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.version, 2);
      assert.ok(stored.status === 'done' || stored.status === 'cancelled');
      assert.equal(await countRows('events'), eventsBefore + 1);
    });

    test('saving from a stale version changes nothing and says so', async () => {
      const store = createSqlTaskStore(relais.database.db);
      const [created] = await relais.services.tasks.createSystemTasks([
        systemTask(patientId, `k-${crypto.randomUUID()}`),
      ]);
      const loaded = await store.find(created?.id ?? '');
      assert.ok(loaded !== undefined);
      const event = (type: 'task.completed' | 'task.cancelled') => ({
        id: crypto.randomUUID(),
        type,
        patientId,
        actorAccountId: null,
        occurredAt: new Date(),
        payload: {},
      });
      const eventsBefore = await countRows('events');
      assert.equal(
        await store.saveChange({ ...loaded, status: 'done', closedAt: new Date() }, event('task.completed')),
        true,
      );
      const stale = { ...loaded, status: 'cancelled' as const, closedAt: new Date(), cancelReason: 'x' };
      assert.equal(await store.saveChange(stale, event('task.cancelled')), false);
      assert.equal((await store.find(loaded.id))?.status, 'done');
      assert.equal(await countRows('events'), eventsBefore + 1);
    });
  });
}
