import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import pino from 'pino';
import { applyWaitingMessages } from '../domain/adt-inbox/adt-apply.ts';
import type { AdtApplier, AdtApplyOutcome, StoredAdtMessage } from '../domain/adt-inbox/adt-applier.ts';
import { createAdtIntake } from '../integrations/hl7/adt-intake.ts';
import type { DatabaseHandle } from '../store/database.ts';
import { createSqlAdtInbox } from '../store/sql-adt-inbox.ts';
import { syntheticAdmission } from '../../tests/support/hl7.ts';
import { openTestDatabase, testDialects } from '../../tests/support/test-database.ts';
import { createAdtApplyJob } from './adt-apply-job.ts';
import { createJournalSignal } from './journal-signal.ts';

const NOW = new Date('2025-03-01T10:00:00Z');

for (const { dialect, skip } of testDialects()) {
  describe(`ADT apply loop on ${dialect}`, { skip }, () => {
    let database: DatabaseHandle;
    before(async () => {
      database = await openTestDatabase(dialect);
    });
    after(() => database.close());

    /** Stores messages n…n+count-1 through the intake, one at a time so that arrival order is known. */
    const arrive = async (from: number, count: number, onStored?: () => void) => {
      const intake = createAdtIntake({
        writer: createSqlAdtInbox(database.db),
        check: () => ({ ok: true }), // the apply loop is under test here, not the content check
        clock: () => NOW,
        newId: randomUUID,
        ...(onStored === undefined ? {} : { onStored }),
      });
      for (let n = from; n < from + count; n += 1)
        await intake.receive(Hl7Message.parse(syntheticAdmission(n)));
    };
    /** An applier that records what it was given and answers from a script. */
    const scripted = (answer: (message: StoredAdtMessage) => AdtApplyOutcome) => {
      const seen: string[] = [];
      const applier: AdtApplier = {
        apply: (message) => {
          seen.push(message.controlId);
          return Promise.resolve(answer(message));
        },
      };
      return { seen, applier };
    };
    const statusOf = async (controlId: string) =>
      database.db
        .selectFrom('hl7_messages')
        .select(['status', 'status_reason', 'patient_id', 'applied_at'])
        .where('control_id', '=', controlId)
        .executeTakeFirstOrThrow();

    test('applies in arrival order across batches and records each outcome', async () => {
      await arrive(1, 7);
      const patientId = randomUUID();
      const { seen, applier } = scripted((message) =>
        message.controlId.endsWith('2')
          ? { status: 'held', reason: 'two candidates: matching queue' }
          : message.controlId.endsWith('3')
            ? { status: 'failed', reason: 'visit unknown' }
            : { status: 'applied', patientId },
      );
      const queue = createSqlAdtInbox(database.db);
      const counts = await applyWaitingMessages({ queue, applier, clock: () => NOW, batchSize: 3 });
      assert.deepEqual(counts, { applied: 5, held: 1, failed: 1 });
      assert.deepEqual(
        seen,
        Array.from({ length: 7 }, (_, i) => `LOAD-${String(i + 1).padStart(7, '0')}`),
      );
      assert.deepEqual(await statusOf('LOAD-0000002'), {
        status: 'held',
        status_reason: 'two candidates: matching queue',
        patient_id: null,
        applied_at: NOW,
      });
      assert.equal((await statusOf('LOAD-0000003')).status, 'failed');
      assert.equal((await statusOf('LOAD-0000004')).patient_id, patientId);
    });

    test('an applier that throws stops the run and leaves its message (and the later ones) waiting', async () => {
      await arrive(100, 3);
      const queue = createSqlAdtInbox(database.db);
      let calls = 0;
      const flaky: AdtApplier = {
        apply: () => {
          calls += 1;
          return calls === 2
            ? Promise.reject(new Error('database went away'))
            : Promise.resolve({ status: 'applied', patientId: null });
        },
      };
      await assert.rejects(applyWaitingMessages({ queue, applier: flaky, clock: () => NOW }), /went away/);
      assert.equal((await statusOf('LOAD-0000100')).status, 'applied');
      assert.equal((await statusOf('LOAD-0000101')).status, 'received');
      assert.equal((await statusOf('LOAD-0000102')).status, 'received');
      const { seen, applier } = scripted(() => ({ status: 'applied', patientId: null }));
      await applyWaitingMessages({ queue, applier, clock: () => NOW });
      assert.deepEqual(seen, ['LOAD-0000101', 'LOAD-0000102'], 'taken up again where it stopped, in order');
    });

    test('the job is woken by the inbox after a commit, without waiting for its poll', async () => {
      const stored = createJournalSignal();
      const { seen, applier } = scripted(() => ({ status: 'applied', patientId: null }));
      const queue = createSqlAdtInbox(database.db);
      const job = createAdtApplyJob({
        apply: () => applyWaitingMessages({ queue, applier, clock: () => NOW }),
        logger: pino({ level: 'silent' }),
        everyMs: 3_600_000,
        stored,
      });
      job.start();
      try {
        await arrive(200, 2, () => stored.ring());
        const deadline = Date.now() + 10_000;
        while (seen.length < 2 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        assert.deepEqual(seen, ['LOAD-0000200', 'LOAD-0000201']);
      } finally {
        await job.stop();
      }
    });
  });
}
