import {
  referralNotices,
  referralParties,
  type ReferralAudience,
} from '../domain/notifications/referral-notices.ts';
import type { JournalConsumer } from './journal-consumer.ts';
import { startNoticeJob, type NoticeJobDeps } from './notice-job.ts';

export const REFERRAL_NOTICES_CONSUMER = 'referral-notices';
/** The live message that tells open inboxes, outboxes and referral pages to reload. */
export const REFERRALS_CHANGED = 'referrals-changed';

/**
 * Tells people about referral changes: each event becomes a notification for the party it concerns,
 * and pushes "referrals changed" to every party and to whoever acted, so their open pages reload.
 */
export function startReferralNoticeJob(deps: NoticeJobDeps<ReferralAudience>): JournalConsumer {
  return startNoticeJob(
    {
      consumer: REFERRAL_NOTICES_CONSUMER,
      eventPrefix: 'referral.',
      subjectKey: 'referralId',
      subjectOf: (audience) => audience.referralId,
      noticesOf: referralNotices,
      partiesOf: referralParties,
      liveType: REFERRALS_CHANGED,
    },
    deps,
  );
}
