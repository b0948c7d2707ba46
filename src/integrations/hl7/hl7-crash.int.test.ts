import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../store/database.ts';
import { ackOf, syntheticAdmission } from '../../../tests/support/hl7.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from '../../../tests/support/postgres-server.ts';
import { testDialects } from '../../../tests/support/test-database.ts';

const MESSAGES = 2000;
const KILL_AFTER_ACKS = 900;
const WINDOW = 16;
const REPEATED_ACKED = 50;
const CHILD = new URL('../../../tests/support/hl7-listener-child.ts', import.meta.url).pathname;
const controlIdOf = (n: number) => `LOAD-${String(n).padStart(7, '0')}`;

const postgres = testDialects().find((d) => d.dialect === 'postgres');

describe('MLLP listener killed mid-stream', { skip: postgres?.skip ?? 'not selected' }, () => {
  let url: string;
  let database: DatabaseHandle;
  before(async () => {
    url = await createIsolatedDatabase(process.env[TEST_PG_URL_ENV] ?? '', 'hl7crash');
    database = await openDatabase({ kind: 'postgres', url });
  });
  after(() => database.close());

  test(
    'after a SIGKILL and a restart, every ACKed message is stored once, none is lost, repeats get the same ACK',
    { timeout: 120_000 },
    async (t) => {
      const acked = new Map<number, string>();
      const first = await startChild(url);
      const beforeKill = await sendAll(first.port, range(1, MESSAGES), {
        onAck: (n, ack) => {
          acked.set(n, ack);
          if (acked.size === KILL_AFTER_ACKS) first.child.kill('SIGKILL');
        },
      });
      await exited(first.child);
      assert.equal(first.child.signalCode, 'SIGKILL');
      const storedAtKill = await countRows();
      t.diagnostic(
        `killed after ${acked.size} ACKs (${beforeKill.failed} sends cut short); ${storedAtKill} messages stored then`,
      );
      assert.ok(acked.size < MESSAGES, 'killed mid-way');
      assert.ok(storedAtKill >= acked.size, 'every ACKed message was stored before its ACK');

      const second = await startChild(url);
      try {
        const missing = range(1, MESSAGES).filter((n) => !acked.has(n));
        const repeats = [...acked.keys()].slice(0, REPEATED_ACKED);
        const firstAcks = new Map(repeats.map((n) => [n, acked.get(n)]));
        const resent = await sendAll(second.port, [...missing, ...repeats], {
          onAck: (n, ack) => acked.set(n, ack),
        });
        assert.equal(resent.failed, 0);
        for (const n of repeats)
          assert.equal(acked.get(n), firstAcks.get(n), `${controlIdOf(n)} repeated: the same ACK`);
      } finally {
        second.child.kill('SIGKILL');
        await exited(second.child);
      }

      assert.equal(acked.size, MESSAGES, 'every message ACKed in the end');
      const rows = await database.db
        .selectFrom('hl7_messages')
        .select(['control_id', 'ack_text', 'ack_code'])
        .execute();
      assert.equal(rows.length, MESSAGES, 'each stored once');
      assert.equal(new Set(rows.map((row) => row.control_id)).size, MESSAGES);
      const stored = new Map(rows.map((row) => [row.control_id, row]));
      for (const [n, ack] of acked) {
        const row = stored.get(controlIdOf(n));
        assert.equal(row?.ack_code, 'AA');
        assert.equal(row.ack_text, ack, `${controlIdOf(n)}: the ACK sent is the one stored`);
      }
    },
  );

  const countRows = async () =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from hl7_messages`.execute(database.db)).rows[0]?.n ?? 0,
    );
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Sends the messages over one MLLP connection with up to WINDOW in flight; stops at the first send
 * that cannot complete (the server died). Resolves with how many were cut short.
 */
async function sendAll(
  port: number,
  numbers: readonly number[],
  options: { onAck: (n: number, ack: string) => void },
): Promise<{ failed: number }> {
  const client = new Hl7Client({ host: '127.0.0.1', port });
  await client.connect();
  // medplum's pending sends are not rejected when the peer goes away: the close event does it here.
  const closed = new Promise<never>((_, reject) =>
    client.addEventListener('close', () => reject(new Error('connection closed')), { once: true }),
  );
  closed.catch(() => undefined);
  let next = 0;
  let failed = 0;
  let dead = false;
  const worker = async () => {
    while (!dead && next < numbers.length) {
      const n = numbers[next++] ?? 0;
      try {
        const ack = await Promise.race([
          client.sendAndWait(Hl7Message.parse(syntheticAdmission(n)), { timeoutMs: 20_000 }),
          closed,
        ]);
        assert.deepEqual(ackOf(ack), { code: 'AA', controlId: controlIdOf(n) });
        options.onAck(n, ack.toString());
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        dead = true;
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  await client.close();
  return { failed };
}

async function startChild(url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      RELAIS_HL7_PORT: '0',
      RELAIS_ADT_APPLY_POLL_MS: '0',
      RELAIS_RULES_POLL_MS: '0',
      RELAIS_REFERRAL_SLA_POLL_MS: '0',
      RELAIS_PATHWAY_SCAN_MS: '0',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /hl7-port (\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before listening: ${output}`)));
  });
  return { child, port };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
