import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { RelaisConfig } from './config.ts';
import type { LivePublisher } from './domain/live/live-channel.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import { buildHttpServer } from './http/http-server.ts';
import { createInProcessLiveHub } from './integrations/in-process-live-hub.ts';
import { createSmtpMailer } from './integrations/smtp-mailer.ts';
import { createEmailDeliveryJob } from './jobs/email-delivery-job.ts';
import type { PeriodicJob } from './jobs/periodic-job.ts';
import { createNotificationEmailDelivery, createServices, type Services } from './services.ts';
import { openDatabase, type DatabaseHandle } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';

/** A running Relais: its database, use cases, HTTP server and background jobs. */
export interface Relais {
  readonly database: DatabaseHandle;
  readonly services: Services;
  readonly http: FastifyInstance;
  readonly logger: Logger;
  /** Pushes messages to open browser tabs (`GET /api/live`), e.g. "worklist changed" from another context. */
  readonly live: LivePublisher;
  /** Background jobs; `emailDelivery` is null when no SMTP server is configured. */
  readonly jobs: { readonly emailDelivery: PeriodicJob | null };
  /** Stops the jobs, ends live connections, closes the server and the database. */
  close(): Promise<void>;
}

export interface RelaisOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** False leaves the jobs unscheduled, for tests that run them by hand (`runOnce`). Default true. */
  readonly scheduleJobs?: boolean;
}

/** Composition root: config → database (migrated) → services → HTTP server and jobs. Does not listen. */
export async function createRelais(config: RelaisConfig, options: RelaisOptions = {}): Promise<Relais> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  const live = createInProcessLiveHub();
  const services = createServices(database.db, clock, {
    live,
    email: { enabled: config.email !== null, timeZone: config.timeZone },
    urgentThresholds: config.urgentThresholds,
  });
  const http = await buildHttpServer(services, {
    logger,
    webRoot: config.webRoot,
    secureCookies: config.secureCookies,
    loginRateLimit: config.loginRateLimit,
    live,
    liveHeartbeatMs: config.liveHeartbeatMs,
  });
  const mailer =
    config.email === null ? null : createSmtpMailer({ url: config.email.smtpUrl, from: config.email.from });
  if (mailer === null) logger.info('notification e-mails disabled: RELAIS_SMTP_URL is not set');
  const emailDelivery =
    mailer === null
      ? null
      : createEmailDeliveryJob(
          createNotificationEmailDelivery(database.db, clock, { mailer, publicUrl: config.publicUrl }),
          logger,
          config.emailDeliveryEveryMs,
        );
  if (options.scheduleJobs !== false) emailDelivery?.start();
  return {
    database,
    services,
    http,
    logger,
    live,
    jobs: { emailDelivery },
    async close() {
      await emailDelivery?.stop();
      mailer?.close();
      await http.close();
      await database.close();
    },
  };
}
