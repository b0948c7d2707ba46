import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import type { JournalEntry } from '../domain/journal/journal-feed.ts';
import { openDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { createSqlJournalFeed } from '../store/sql-journal-feed.ts';
import { appendEvents, testEvent } from '../../tests/support/journal-events.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from '../../tests/support/postgres-server.ts';
import { openTestDatabase, testDialects } from '../../tests/support/test-database.ts';
import { startJournalConsumer, type JournalConsumerOptions } from './journal-consumer.ts';

const logger = pino({ level: 'silent' });

for (const { dialect, skip } of testDialects()) {
  describe(`journal consumer on ${dialect}`, { skip }, () => {
    let database: DatabaseHandle;
    before(async () => {
      database = await openTestDatabase(dialect);
    });
    after(() => database.close());

    /** A consumer that records what it was handed. */
    const recording = (name: string, overrides: Partial<JournalConsumerOptions> = {}) => {
      const seen: JournalEntry[] = [];
      const consumer = startJournalConsumer({
        name,
        feed: createSqlJournalFeed(database.db),
        handle: (entries) => {
          seen.push(...entries);
          return Promise.resolve();
        },
        logger,
        pollMs: 20,
        batchSize: 7,
        ...overrides,
      });
      return { consumer, seen };
    };

    test('hands every event over once, in write order, and resumes after a restart from its cursor', async () => {
      const first = Array.from({ length: 20 }, (_, i) => testEvent('appointment.missed', null, { i }));
      for (const event of first) await appendEvents(database.db, [event]);
      // Many events of one transaction, whose seq grow past a power of ten: order is numeric.
      const together = Array.from({ length: 150 }, (_, i) => testEvent('stay.discharged', null, { i }));
      await appendEvents(database.db, together);
      first.push(...together);
      const one = recording('order-test');
      await one.consumer.drain();
      await one.consumer.stop();
      assert.deepEqual(
        one.seen.map((entry) => entry.event.id),
        first.map((event) => event.id),
      );

      const more = [testEvent('stay.discharged', null), testEvent('stay.discharged', null)];
      await appendEvents(database.db, more);
      const two = recording('order-test');
      await two.consumer.drain();
      await two.consumer.stop();
      assert.deepEqual(
        two.seen.map((entry) => entry.event.id),
        more.map((event) => event.id),
        'the restarted consumer starts after its cursor',
      );
      assert.equal(two.seen[0]?.event.type, 'stay.discharged');
    });

    test('a failing batch is not skipped: the cursor stays and the batch comes again', async () => {
      const events = [testEvent('appointment.missed', null), testEvent('appointment.missed', null)];
      const ignored = recording('failure-test');
      await ignored.consumer.drain();
      await ignored.consumer.stop();
      await appendEvents(database.db, events);
      let calls = 0;
      const handled: string[] = [];
      const consumer = startJournalConsumer({
        name: 'failure-test',
        feed: createSqlJournalFeed(database.db),
        handle: (entries) => {
          calls += 1;
          if (calls === 1) return Promise.reject(new Error('boom'));
          handled.push(...entries.map((entry) => entry.event.id));
          return Promise.resolve();
        },
        logger,
        pollMs: 5,
      });
      await consumer.drain().catch(() => undefined); // the first cycle fails
      await consumer.drain();
      await consumer.stop();
      assert.ok(calls >= 2);
      assert.deepEqual(
        handled,
        events.map((event) => event.id),
      );
    });

    test('one lease per consumer: a second instance waits, and takes over once the first lets go', async () => {
      await appendEvents(database.db, [testEvent('appointment.missed', null)]);
      const a = recording('lease-test');
      await a.consumer.drain();
      const b = recording('lease-test');
      await appendEvents(database.db, [testEvent('appointment.missed', null)]);
      await a.consumer.drain();
      assert.equal(b.seen.length, 0, 'the second instance handles nothing while the first holds the lease');
      await a.consumer.stop();
      const last = testEvent('stay.discharged', null);
      await appendEvents(database.db, [last]);
      await b.consumer.drain();
      await b.consumer.stop();
      assert.deepEqual(
        b.seen.map((entry) => entry.event.id),
        [last.id],
      );
    });
  });
}

const postgres = testDialects().find((d) => d.dialect === 'postgres');
describe(
  'journal consumer and concurrent commits on postgres',
  { skip: postgres?.skip ?? 'not selected' },
  () => {
    let database: DatabaseHandle;
    let url: string;
    before(async () => {
      url = await createIsolatedDatabase(process.env[TEST_PG_URL_ENV] ?? '');
      database = await openDatabase({ kind: 'postgres', url });
      await migrateToLatest(database.db);
    });
    after(() => database.close());

    test('an event whose transaction commits after a later seq is delivered, not skipped', async () => {
      const feed = createSqlJournalFeed(database.db);
      const seen: string[] = [];
      const consumer = startJournalConsumer({
        name: 'commit-order',
        feed,
        handle: (entries) => {
          seen.push(...entries.map((entry) => entry.event.id));
          return Promise.resolve();
        },
        logger,
        pollMs: 10,
      });
      const slow = new pg.Client({ connectionString: url });
      const fast = new pg.Client({ connectionString: url });
      await slow.connect();
      await fast.connect();
      try {
        const insert = `insert into events (id, patient_id, type, occurred_at, payload)
                      values (gen_random_uuid(), null, 'appointment.missed', now(), '{}') returning id, seq`;
        // Case 1: `fast` owns the older transaction id but takes the later seq and commits first.
        await fast.query('begin');
        await fast.query('select pg_current_xact_id()');
        await slow.query('begin');
        const early = (await slow.query<{ id: string; seq: string }>(insert)).rows[0]!;
        const late = (await fast.query<{ id: string; seq: string }>(insert)).rows[0]!;
        assert.ok(BigInt(early.seq) < BigInt(late.seq));
        await fast.query('commit');
        await waitFor(() => seen.includes(late.id));
        await slow.query('commit');
        await consumer.drain();
        assert.deepEqual(seen, [late.id, early.id], 'the lower seq arrives once its transaction commits');

        // Case 2: the older transaction takes the lower seq; the later one commits first and must wait.
        seen.length = 0;
        await slow.query('begin');
        const first = (await slow.query<{ id: string }>(insert)).rows[0]!;
        await fast.query('begin');
        const second = (await fast.query<{ id: string }>(insert)).rows[0]!;
        await fast.query('commit');
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual(seen, [], 'nothing is read past a transaction still in flight');
        await slow.query('commit');
        await consumer.drain();
        assert.deepEqual(seen, [first.id, second.id]);
      } finally {
        await slow.end();
        await fast.end();
        await consumer.stop();
      }
    });
  },
);

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
