import type { Logger } from 'pino';
import type { ApplyCounts } from '../domain/adt-inbox/adt-apply.ts';
import type { JournalSignal } from './journal-signal.ts';
import { createPeriodicJob, type PeriodicJob } from './periodic-job.ts';

/** The ADT apply loop: a periodic job that the inbox also wakes after each commit. */
export interface AdtApplyJob extends PeriodicJob {
  /** Asks for a run now (messages were stored); wakes during a run collapse into one more run. */
  wake(): void;
}

/**
 * Applies the stored ADT messages in arrival order (`services.adtApply`), one run at a time — serial,
 * since the order of a patient's admission, transfer and discharge matters. Polling every `everyMs`
 * covers messages stored by another process; `stored` (rung by the inbox) cuts the wait short.
 */
export function createAdtApplyJob(options: {
  readonly apply: () => Promise<ApplyCounts>;
  readonly logger: Logger;
  readonly everyMs: number;
  readonly stored?: JournalSignal;
}): AdtApplyJob {
  const { apply, logger } = options;
  let queued = false;
  let started = false;
  let unsubscribe: (() => void) | undefined;
  const job = createPeriodicJob({
    name: 'adt-apply',
    everyMs: options.everyMs,
    logger,
    async run() {
      queued = false;
      const counts = await apply();
      if (counts.applied + counts.held + counts.failed > 0)
        logger.debug({ job: 'adt-apply', ...counts }, 'ADT messages applied');
    },
  });
  const wake = (): void => {
    if (!started || queued) return;
    queued = true;
    void job.runOnce();
  };
  return {
    runOnce: () => job.runOnce(),
    wake,
    start() {
      if (started) return;
      started = true;
      unsubscribe = options.stored?.subscribe(wake);
      job.start();
    },
    async stop() {
      started = false;
      unsubscribe?.();
      await job.stop();
    },
  };
}
