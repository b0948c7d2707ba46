import type { Logger } from 'pino';
import type { EmailDelivery } from '../domain/notifications/email-delivery-service.ts';
import { createPeriodicJob, type PeriodicJob } from './periodic-job.ts';

/**
 * Checks every few seconds for due notification e-mails (immediate ones, and digests whose hour has
 * come, both decided when the notification was created) and sends them.
 */
export const EMAIL_DELIVERY_EVERY_MS = 10_000;

export function createEmailDeliveryJob(delivery: EmailDelivery, logger: Logger): PeriodicJob {
  return createPeriodicJob({
    name: 'email-delivery',
    everyMs: EMAIL_DELIVERY_EVERY_MS,
    logger,
    async run() {
      const report = await delivery.deliverDue();
      if (report.sent + report.retried + report.abandoned > 0)
        logger.info({ job: 'email-delivery', ...report }, 'e-mails delivered');
    },
  });
}
