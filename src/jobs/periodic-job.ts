import type { Logger } from 'pino';

/** Background work run every so often, and on demand (tests drive it by hand with a fixed clock). */
export interface PeriodicJob {
  /** Runs once now, after any run in progress; the returned promise settles when it is done. */
  runOnce(): Promise<void>;
  /** Runs every `everyMs` from now on (the first run after one interval). */
  start(): void;
  /**
   * Cancels the timer and waits for the run in progress, so nothing outlives the app. The timer is not
   * unref'd: a job someone forgot to stop keeps the process (and a test run) from ending, visibly.
   */
  stop(): Promise<void>;
}

/**
 * A job on a timer: one run at a time, the next one `everyMs` after the previous ended, failures
 * logged (by message, never with data) and retried at the next tick.
 */
export function createPeriodicJob(options: {
  name: string;
  everyMs: number;
  logger: Logger;
  run: () => Promise<void>;
}): PeriodicJob {
  const { name, everyMs, logger, run } = options;
  let last: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  const runOnce = (): Promise<void> => {
    last = last.then(run).catch((error: unknown) => {
      logger.error({ job: name, err: error }, 'job failed');
    });
    return last;
  };
  const schedule = (): void => {
    timer = setTimeout(() => {
      void runOnce().then(() => {
        if (running) schedule();
      });
    }, everyMs);
  };

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await last;
    },
  };
}
