import type { Logger } from 'pino';
import type { ReferralSlaSweep } from '../domain/referrals/referral-sla-sweep.ts';
import { createPeriodicJob, type PeriodicJob } from './periodic-job.ts';

/**
 * Looks every `everyMs` for open referrals past a deadline: marks them overdue (a task to whoever must
 * act) and escalates those still overdue at their escalation date (a task to the coordinator).
 */
export function createReferralSlaJob(sweep: ReferralSlaSweep, logger: Logger, everyMs: number): PeriodicJob {
  return createPeriodicJob({
    name: 'referral-sla',
    everyMs,
    logger,
    async run() {
      const found = await sweep.sweep();
      if (found.overdue + found.escalated > 0)
        logger.info({ job: 'referral-sla', ...found }, 'overdue referrals marked');
    },
  });
}
