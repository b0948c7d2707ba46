import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { createRelais, type Relais } from '../app.ts';
import { readConfig } from '../config.ts';
import type { ClinicalEntry } from '../domain/record/clinical-entry.ts';
import { createProfessional, identity } from '../../tests/support/factories.ts';
import { appendEvents, testEvent } from '../../tests/support/journal-events.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from '../../tests/support/postgres-server.ts';
import { testDialects } from '../../tests/support/test-database.ts';

const PATIENTS = 1000;
const DAY = 86_400_000;
const CHILD = new URL('../../tests/support/rules-consumer-child.ts', import.meta.url).pathname;

const postgres = testDialects().find((d) => d.dialect === 'postgres');

describe('rules job killed while working', { skip: postgres?.skip ?? 'not selected' }, () => {
  let url: string;
  let relais: Relais;
  before(async () => {
    url = await createIsolatedDatabase(process.env[TEST_PG_URL_ENV] ?? '', 'crash');
    // This process only seeds and inspects: its own rules job is off.
    relais = await createRelais(
      {
        ...readConfig({}),
        database: { kind: 'postgres', url },
        rules: { ...readConfig({}).rules, pollMs: 0 },
      },
      { logger: pino({ level: 'silent' }) },
    );
  });
  after(() => relais.close());

  const count = async (query: string): Promise<number> => {
    const { rows } = await sql.raw<{ n: string }>(query).execute(relais.database.db);
    return Number(rows[0]?.n ?? 0);
  };

  test(
    'after SIGKILLs mid-batch and a restart, every expected action exists exactly once',
    { timeout: 600_000 },
    async (t) => {
      const gp = await createProfessional(relais);
      const hba1c = (value: number, daysAgo: number): ClinicalEntry => ({
        kind: 'result',
        loincCode: '4548-4',
        display: 'HbA1c',
        valueNumeric: value,
        valueText: null,
        unit: '%',
        referenceRange: null,
        interpretation: null,
        effectiveAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
      });
      // Each patient: two HbA1c above target (one referral suggestion) and two missed appointments
      // 200 days apart (two reschedule tasks, never "repeated" within 90 days).
      const registered = await relais.services.record.registerPatients(
        { kind: 'system' },
        Array.from({ length: PATIENTS }, () => ({
          identity: identity(),
          entries: [
            {
              kind: 'care-team-member' as const,
              practitionerId: gp.practitionerId,
              role: 'medecin_traitant',
            },
            hba1c(8.4, 120),
            hba1c(8.1, 10),
          ],
        })),
        { clientAddress: null },
      );
      await appendEvents(
        relais.database.db,
        registered.flatMap(({ patientId }) => [
          testEvent('appointment.missed', patientId, {}, new Date(Date.now() - 200 * DAY)),
          testEvent('appointment.missed', patientId, {}, new Date()),
        ]),
      );
      const expected = { firings: 3 * PATIENTS, tasks: 2 * PATIENTS, alerts: PATIENTS };

      const firings = () => count('select count(*) as n from rule_firings');
      // Tasks and firings are written side by side: how far apart they were when the process died.
      const apart = async () =>
        (await count(`select count(*) as n from tasks where origin_kind = 'rule'`)) -
        (await count(
          `select count(*) as n from rule_firings f, jsonb_array_elements(f.actions) a where a->>'kind' = 'create-task'`,
        ));
      for (const killAt of [0.1, 0.3, 0.5, 0.7]) {
        const child = startChild(url);
        await waitUntil(async () => (await firings()) >= killAt * expected.firings, child);
        child.kill('SIGKILL');
        await exited(child);
        const done = await firings();
        assert.ok(done < expected.firings, `killed at ${done} of ${expected.firings} firings: mid-way`);
        t.diagnostic(
          `killed with ${done} firings stored; tasks minus recorded task actions: ${await apart()}`,
        );
      }
      const last = startChild(url);
      const output = await exited(last);
      assert.match(output, /drained/);

      assert.equal(await firings(), expected.firings);
      assert.equal(
        await count(`select count(*) as n from tasks where origin_kind = 'rule'`),
        expected.tasks,
        'one reschedule task per missed appointment',
      );
      assert.equal(
        await count(`select count(distinct idempotency_key) as n from tasks where origin_kind = 'rule'`),
        expected.tasks,
      );
      assert.equal(await count('select count(*) as n from patient_alerts'), expected.alerts);
      assert.equal(
        await count(`select count(*) as n from events where type = 'rule.fired'`),
        expected.firings,
      );
      assert.equal(
        await count(`select count(*) as n from events where type = 'task.created'`),
        expected.tasks,
        'no task was created twice, even between its creation and the firing that records it',
      );
      const linked = await count(
        `select count(*) as n from rule_firings f, jsonb_array_elements(f.actions) a, tasks t
       where a->>'kind' = 'create-task' and t.idempotency_key = a->>'key'`,
      );
      assert.equal(linked, expected.tasks, "every firing's task action leads to its task by key");
    },
  );
});

function startChild(url: string): ChildProcess {
  return spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      RELAIS_RULES_POLL_MS: '20',
      RELAIS_RULES_LEASE_MS: '1000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the child's output once it exits. */
function exited(child: ChildProcess): Promise<string> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(output);
    else child.once('exit', () => resolve(output));
  });
}

async function waitUntil(condition: () => Promise<boolean>, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await condition())) {
    if (child.exitCode !== null) throw new Error(`the child exited early (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error('no progress in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
