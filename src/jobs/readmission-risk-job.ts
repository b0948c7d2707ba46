import type { Logger } from 'pino';
import type { ReadmissionAssessor } from '../domain/discharge/readmission-assessment.ts';
import type { JournalFeed } from '../domain/journal/journal-feed.ts';
import { startJournalConsumer, type JournalConsumer } from './journal-consumer.ts';
import type { JournalSignal } from './journal-signal.ts';

export const READMISSION_RISK_CONSUMER = 'readmission-risk';

/**
 * Reads the journal for discharges and assesses each stay's readmission risk (LACE, HOSPITAL where
 * its data exist), raising the coordinator's task for a high risk. Replays are harmless: one
 * assessment per stay, one task per stay.
 */
export function startReadmissionRiskJob(deps: {
  assessor: ReadmissionAssessor;
  feed: JournalFeed;
  logger: Logger;
  signal?: JournalSignal;
  pollMs?: number;
  leaseMs?: number;
}): JournalConsumer {
  return startJournalConsumer({
    name: READMISSION_RISK_CONSUMER,
    feed: deps.feed,
    logger: deps.logger,
    handle: (entries) => deps.assessor.handleEvents(entries.map((entry) => entry.event)),
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.leaseMs === undefined ? {} : { leaseMs: deps.leaseMs }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
}
