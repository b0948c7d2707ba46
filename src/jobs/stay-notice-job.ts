import { stayNotices, type StayAudience } from '../domain/notifications/stay-notices.ts';
import type { JournalConsumer } from './journal-consumer.ts';
import { startNoticeJob, type NoticeJobDeps } from './notice-job.ts';

export const STAY_NOTICES_CONSUMER = 'stay-notices';
/** The live message that tells open records, stay pages and the hospitalisation worklist to reload. */
export const STAYS_CHANGED = 'stays-changed';

/**
 * Tells the care team about admissions, transfers, discharges and their cancellations, within seconds
 * of the hospital's message (the journal signal wakes it), and pushes "stays changed" to their pages.
 */
export function startStayNoticeJob(deps: NoticeJobDeps<StayAudience>): JournalConsumer {
  return startNoticeJob(
    {
      consumer: STAY_NOTICES_CONSUMER,
      eventPrefix: 'stay.',
      subjectKey: 'stayId',
      subjectOf: (audience) => audience.stayId,
      noticesOf: stayNotices,
      partiesOf: (audience) => audience.members.map((m) => m.accountId),
      liveType: STAYS_CHANGED,
    },
    deps,
  );
}
