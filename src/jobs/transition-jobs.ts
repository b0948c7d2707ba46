import type { Logger } from 'pino';
import type { StayAudience } from '../domain/notifications/stay-notices.ts';
import type { TransitionProgress } from '../domain/transitions/transition-progress.ts';
import { startEventConsumer, type EventConsumerDeps, type JournalConsumer } from './journal-consumer.ts';
import { startNoticeJob, type NoticeJobDeps } from './notice-job.ts';
import { createPeriodicJob, type PeriodicJob } from './periodic-job.ts';
import { STAYS_CHANGED } from './stay-notice-job.ts';

export const TRANSITIONS_CONSUMER = 'transitions';
export const TRANSITION_LIVE_CONSUMER = 'transition-live';
const SCAN_BATCH = 1000;

/**
 * Reads the journal for transitions: a discharge opens one, the letter, the reconciliation and the
 * pathway's visit complete its items, a cancelled discharge cancels it. Wakes up when the signal rings.
 */
export function startTransitionJob(
  deps: EventConsumerDeps & { progress: TransitionProgress },
): JournalConsumer {
  return startEventConsumer(TRANSITIONS_CONSUMER, (events) => deps.progress.handleEvents(events), deps);
}

/**
 * Pushes "stays changed" to the care team when a transition moves (opened, item done or late,
 * closed), so open stay pages and worklists reload; tasks already tell whoever must act.
 */
export function startTransitionLiveJob(deps: NoticeJobDeps<StayAudience>): JournalConsumer {
  return startNoticeJob(
    {
      consumer: TRANSITION_LIVE_CONSUMER,
      eventPrefix: 'transition.',
      subjectKey: 'stayId',
      subjectOf: (audience) => audience.stayId,
      noticesOf: () => [],
      partiesOf: (audience) => audience.members.map((m) => m.accountId),
      liveType: STAYS_CHANGED,
    },
    deps,
  );
}

/**
 * Every `everyMs`, marks the transition items past their deadline late and raises their tasks. Safe
 * in several processes: each change checks the transition's version and each task is keyed by item.
 */
export function createTransitionScanJob(
  progress: TransitionProgress,
  logger: Logger,
  everyMs: number,
): PeriodicJob {
  return createPeriodicJob({
    name: 'transition-scan',
    everyMs,
    logger,
    async run() {
      const late = await progress.runScan(SCAN_BATCH);
      if (late > 0) logger.info({ job: 'transition-scan', late }, 'transition items marked late');
    },
  });
}
