import type { Logger } from 'pino';
import type { JournalFeed } from '../domain/journal/journal-feed.ts';
import type { RulesEngine } from '../domain/rules/rules-engine.ts';
import { startJournalConsumer, type JournalConsumer } from './journal-consumer.ts';
import type { JournalSignal } from './journal-signal.ts';

export const RULES_CONSUMER = 'rules';
const DUE_CHECKS_PER_ROUND = 500;

/**
 * Runs the coordination rules on the journal: each batch of events goes through the engine, and on
 * every cycle the deferred checks that fell due are decided. Wakes up when the signal rings.
 */
export function startRulesJob(deps: {
  engine: RulesEngine;
  feed: JournalFeed;
  logger: Logger;
  signal?: JournalSignal;
  pollMs?: number;
  leaseMs?: number;
  batchSize?: number;
}): JournalConsumer {
  return startJournalConsumer({
    name: RULES_CONSUMER,
    feed: deps.feed,
    logger: deps.logger,
    handle: (entries) => deps.engine.handleEvents(entries.map((entry) => entry.event)),
    onCycle: async () => {
      while ((await deps.engine.runDueChecks(DUE_CHECKS_PER_ROUND)) === DUE_CHECKS_PER_ROUND);
    },
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.leaseMs === undefined ? {} : { leaseMs: deps.leaseMs }),
    ...(deps.batchSize === undefined ? {} : { batchSize: deps.batchSize }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
}
