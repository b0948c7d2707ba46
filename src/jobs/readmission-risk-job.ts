import type { ReadmissionAssessor } from '../domain/discharge/readmission-assessment.ts';
import { startEventConsumer, type EventConsumerDeps, type JournalConsumer } from './journal-consumer.ts';

export const READMISSION_RISK_CONSUMER = 'readmission-risk';

/**
 * Reads the journal for discharges and assesses each stay's readmission risk (LACE, HOSPITAL where
 * its data exist), raising the coordinator's task for a high risk. Replays are harmless: one
 * assessment per stay, one task per stay.
 */
export function startReadmissionRiskJob(
  deps: EventConsumerDeps & { assessor: ReadmissionAssessor },
): JournalConsumer {
  return startEventConsumer(READMISSION_RISK_CONSUMER, (events) => deps.assessor.handleEvents(events), deps);
}
