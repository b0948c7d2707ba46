import type { Logger } from 'pino';
import type { EmailDelivery } from '../domain/notifications/email-delivery-service.ts';
import { createPeriodicJob, type PeriodicJob } from './periodic-job.ts';

/**
 * Checks every `everyMs` for due notification e-mails (immediate ones, and digests whose hour has
 * come, both decided when the notification was created) and sends them.
 */
export function createEmailDeliveryJob(
  delivery: EmailDelivery,
  logger: Logger,
  everyMs: number,
): PeriodicJob {
  return createPeriodicJob({
    name: 'email-delivery',
    everyMs,
    logger,
    async run() {
      const report = await delivery.deliverDue();
      if (report.sent + report.retried + report.abandoned > 0)
        logger.info({ job: 'email-delivery', ...report }, 'e-mails delivered');
    },
  });
}
