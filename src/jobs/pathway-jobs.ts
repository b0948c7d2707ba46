import type { Logger } from 'pino';
import type { PathwayProgress } from '../domain/pathways/pathway-progress-service.ts';
import { startEventConsumer, type EventConsumerDeps, type JournalConsumer } from './journal-consumer.ts';
import { createPeriodicJob, type PeriodicJob } from './periodic-job.ts';

export const PATHWAYS_CONSUMER = 'pathways';
const DUE_SCAN_BATCH = 1000;
/** Events per evidence batch: each batch costs a few round trips and two commits whatever its size. */
const EVIDENCE_BATCH = 2000;

/**
 * Reads the journal for pathways: enrolments asked for by rules, steps started by events (a
 * discharge), and evidence (results, documents, appointments that took place, completed tasks,
 * questionnaires) that completes steps. Wakes up when the signal rings.
 */
export function startPathwayEvidenceJob(
  deps: EventConsumerDeps & { progress: PathwayProgress },
): JournalConsumer {
  return startEventConsumer(PATHWAYS_CONSUMER, (events) => deps.progress.handleEvents(events), {
    ...deps,
    batchSize: deps.batchSize ?? EVIDENCE_BATCH,
  });
}

/**
 * Every `everyMs`, moves open steps to due and then to rupture as the clock passes their window,
 * raising a task for each rupture. Safe to run in several processes: each move is conditional on the
 * step's previous status and each task is keyed by its step.
 */
export function createPathwayDueJob(progress: PathwayProgress, logger: Logger, everyMs: number): PeriodicJob {
  return createPeriodicJob({
    name: 'pathway-due-scan',
    everyMs,
    logger,
    async run() {
      let moved = 0;
      for (let batch = DUE_SCAN_BATCH; batch === DUE_SCAN_BATCH; moved += batch) {
        batch = await progress.runDueScan(DUE_SCAN_BATCH);
      }
      if (moved > 0) logger.info({ job: 'pathway-due-scan', moved }, 'pathway steps moved on');
    },
  });
}
