import type { Clock } from '../shared/clock.ts';
import type { AdtApplier } from './adt-applier.ts';
import type { AdtInboxQueue } from './adt-inbox-ports.ts';

export interface ApplyCounts {
  readonly applied: number;
  readonly held: number;
  readonly failed: number;
}

/**
 * Applies the waiting messages one after the other in arrival order (a patient's admission comes
 * before their discharge) until none is left, recording each outcome. An applier that throws stops
 * the run and leaves its message waiting, to be tried again (in order) at the next run.
 */
export async function applyWaitingMessages(deps: {
  readonly queue: AdtInboxQueue;
  readonly applier: AdtApplier;
  readonly clock: Clock;
  readonly batchSize?: number;
}): Promise<ApplyCounts> {
  const counts = { applied: 0, held: 0, failed: 0 };
  for (;;) {
    const batch = await deps.queue.waiting(deps.batchSize ?? 100);
    if (batch.length === 0) return counts;
    for (const message of batch) {
      const outcome = await deps.applier.apply(message);
      await deps.queue.recordOutcome(message.id, outcome, deps.clock());
      counts[outcome.status] += 1;
    }
  }
}
