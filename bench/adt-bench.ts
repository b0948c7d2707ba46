import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import type { Relais } from '../src/app.ts';
import { syntheticAdmission } from '../tests/support/hl7.ts';
import { percentile } from './latency-stats.ts';

/** One ingestion run: messages over MLLP, ACK latency from send to ACK. */
export interface AdtIngestionResult {
  readonly load: string;
  readonly messages: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly failures: number;
}

export interface AdtBenchResult {
  readonly ingestion: readonly AdtIngestionResult[];
  /** The apply loop over everything stored, with the applier wired in services (its own cost included). */
  readonly apply: { readonly messages: number; readonly seconds: number; readonly perSecond: number };
}

/**
 * ADT ingestion (issue 7 benchmark): `messages` distinct PAM France A01s over MLLP to the running
 * listener, per load spread over its connections, each keeping `window` messages in flight; every
 * ACK is durable (store-then-ACK with group commit). Then the apply loop is timed on its own over
 * all that was stored (the relais runs with scheduleJobs false, so it did not run during ingestion).
 */
export async function benchAdt(
  relais: Relais,
  options: {
    messages: number;
    window: number;
    loads: readonly { label: string; connections: number }[];
  },
): Promise<AdtBenchResult> {
  const port = relais.hl7?.port;
  if (port === undefined) throw new Error('the ADT scenario needs the MLLP listener (hl7.port)');
  let nextNumber = 1;
  const numbers = (count: number) => Array.from({ length: count }, () => nextNumber++);
  await ingest(port, numbers(Math.min(1000, options.messages)), 1, options.window); // warm-up
  const ingestion: AdtIngestionResult[] = [];
  for (const { label, connections } of options.loads) {
    process.stderr.write(`  adt: ${options.messages} messages over ${label}\n`);
    const started = performance.now();
    const { latencies, failures } = await ingest(
      port,
      numbers(options.messages),
      connections,
      options.window,
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    ingestion.push({
      load: `${label}, ${options.window} in flight each`,
      messages: latencies.length,
      seconds,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      failures,
    });
  }
  const started = performance.now();
  const counts = await relais.services.adtApply();
  const seconds = (performance.now() - started) / 1000;
  const applied = counts.applied + counts.held + counts.failed;
  return { ingestion, apply: { messages: applied, seconds, perSecond: applied / seconds } };
}

/** Sends the messages over `connections` MLLP connections, `window` in flight on each. */
async function ingest(
  port: number,
  numbers: readonly number[],
  connections: number,
  window: number,
): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new Hl7Client({ host: '127.0.0.1', port });
      await client.connect();
      const worker = async () => {
        while (next < numbers.length) {
          const n = numbers[next++] ?? 0;
          const message = Hl7Message.parse(syntheticAdmission(n));
          const sent = performance.now();
          const ack = await client.sendAndWait(message, { timeoutMs: 30_000 });
          latencies.push(performance.now() - sent);
          if (ack.getSegment('MSA')?.getComponent(1, 1) !== 'AA') failures += 1;
        }
      };
      await Promise.all(Array.from({ length: window }, worker));
      await client.close();
    }),
  );
  return { latencies, failures };
}
