import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { RelaisConfig } from './config.ts';
import type { LivePublisher } from './domain/live/live-channel.ts';
import type { NotificationRequest } from './domain/notifications/notification.ts';
import { parseExamValidity } from './domain/referrals/exam-validity-parser.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import { buildHttpServer } from './http/http-server.ts';
import { createOidcLogin } from './integrations/openid-connect-login.ts';
import { createLogger } from './integrations/pino-logger.ts';
import { createInProcessLiveHub } from './integrations/in-process-live-hub.ts';
import { startMllpListener, type MllpListener } from './integrations/hl7/mllp-listener.ts';
import { createAdtApplyJob, type AdtApplyJob } from './jobs/adt-apply-job.ts';
import { startBreakGlassNoticeJob } from './jobs/break-glass-notice-job.ts';
import { createSmtpMailer } from './integrations/smtp-mailer.ts';
import { createEmailDeliveryJob } from './jobs/email-delivery-job.ts';
import type { PeriodicJob } from './jobs/periodic-job.ts';
import type { JournalConsumer } from './jobs/journal-consumer.ts';
import { createJournalSignal } from './jobs/journal-signal.ts';
import { startReferralNoticeJob } from './jobs/referral-notice-job.ts';
import { createReferralSlaJob } from './jobs/referral-sla-job.ts';
import { createPathwayDueJob, startPathwayEvidenceJob } from './jobs/pathway-jobs.ts';
import { startReadmissionRiskJob } from './jobs/readmission-risk-job.ts';
import { startRulesJob } from './jobs/rules-job.ts';
import { startTaskNoticeJob } from './jobs/task-notice-job.ts';
import { startStayNoticeJob } from './jobs/stay-notice-job.ts';
import {
  createTransitionScanJob,
  startTransitionJob,
  startTransitionLiveJob,
} from './jobs/transition-jobs.ts';
import { createNotificationEmailDelivery, createServices, type Services } from './services.ts';
import { openDatabase, type DatabaseHandle } from './store/database.ts';
import { readExamValidityFile } from './store/exam-validity-file.ts';
import { migrateToLatest } from './store/migrate.ts';
import { readYamlFiles } from './store/shipped-data-files.ts';
import { createSqlJournalFeed } from './store/sql-journal-feed.ts';
import { loadBreakGlassAudiences } from './store/sql-break-glass-audience.ts';
import { loadReferralAudiences } from './store/sql-referral-audience.ts';
import { loadStayAudiences } from './store/sql-stay-audience.ts';
import { loadTaskAudiences } from './store/sql-task-audience.ts';

/** A running Relais: its database, use cases, HTTP server and background jobs. */
export interface Relais {
  readonly database: DatabaseHandle;
  readonly services: Services;
  readonly http: FastifyInstance;
  readonly logger: Logger;
  /** The clock the use cases read (injected in tests). */
  readonly clock: Clock;
  /** Pushes messages to open browser tabs (`GET /api/live`), e.g. "worklist changed" from another context. */
  readonly live: LivePublisher;
  /** The HL7 v2 MLLP listener (its bound `port`); null when RELAIS_HL7_PORT is not set. */
  readonly hl7: MllpListener | null;
  /**
   * Background jobs: `emailDelivery` is null when no SMTP server is configured; the journal consumers
   * (`rules`, `taskNotices`, `referralNotices`) are undefined when RELAIS_RULES_POLL_MS is 0 (another process runs them).
   */
  readonly jobs: {
    readonly emailDelivery: PeriodicJob | null;
    readonly rules: JournalConsumer | undefined;
    readonly taskNotices: JournalConsumer | undefined;
    readonly referralNotices: JournalConsumer | undefined;
    /** The referral SLA sweep; null when RELAIS_REFERRAL_SLA_POLL_MS is 0 (another process runs it). */
    readonly referralSla: PeriodicJob | null;
    /** The pathway evidence consumer (undefined like the rules job) and the due scan (null when off). */
    readonly pathwayEvidence: JournalConsumer | undefined;
    readonly pathwayDueScan: PeriodicJob | null;
    /** The ADT apply loop; null when RELAIS_ADT_APPLY_POLL_MS is 0 (another process runs it). */
    readonly adtApply: AdtApplyJob | null;
    /** Stay alerts, transitions and their live push (undefined like the rules job); the late-item scan. */
    readonly stayNotices: JournalConsumer | undefined;
    readonly transitions: JournalConsumer | undefined;
    readonly transitionLive: JournalConsumer | undefined;
    readonly transitionScan: PeriodicJob | null;
    /** The readmission risk at discharge (a journal consumer, undefined like the rules job). */
    readonly readmissionRisk: JournalConsumer | undefined;
    /** Break-the-glass notices to the coordinator and the patient (undefined like the rules job). */
    readonly breakGlassNotices: JournalConsumer | undefined;
  };
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
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // A broken validity file stops the start, with the file, line and column of each problem.
  const examFile = config.referrals.examValidityFile;
  const examValidity = parseExamValidity(await readExamValidityFile(examFile), examFile);
  const database = await openDatabase(config.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  const live = createInProcessLiveHub();
  const journalSignal = createJournalSignal();
  const adtStored = createJournalSignal();
  const services = createServices(database.db, clock, {
    live,
    email: { enabled: config.email !== null, timeZone: config.timeZone },
    urgentThresholds: config.urgentThresholds,
    examValidity,
    timeZone: config.timeZone,
    transitionPolicy: { reconciliationDays: config.transitions.reconciliationDays },
    laceHighRiskFrom: config.discharge.laceHighRiskFrom,
    accountSecurity: config.accountSecurity,
    secretsKey: config.secretsKey,
    securityLog: logger,
    breakGlassHours: config.breakGlass.hours,
    journalSignal,
    adtStored,
    onInvalidRuleSet: (ruleSetId, problems) =>
      logger.error({ ruleSetId, problems }, 'a stored rule set no longer validates: its rules do not run'),
  });
  const shipped = await services.rulesAdmin.installShipped(await readYamlFiles(config.rules.dir));
  for (const { file, problems } of shipped.refused) {
    logger.error({ file, problems }, 'shipped rule file refused: it has problems');
  }
  if (shipped.installed.length > 0)
    logger.info({ ruleSets: shipped.installed }, 'shipped rule sets installed');
  const pathwayTemplates = await services.installPathwayTemplates(await readYamlFiles(config.pathways.dir));
  for (const { file, problems } of pathwayTemplates.refused) {
    logger.error({ file, problems }, 'pathway template file refused: it has problems');
  }
  for (const key of pathwayTemplates.changed) {
    logger.error(
      { template: key },
      'pathway template changed without a new version: the stored version stays',
    );
  }
  if (pathwayTemplates.installed.length > 0)
    logger.info({ templates: pathwayTemplates.installed }, 'pathway templates installed');
  // What every journal consumer is given: its own feed, the signal that wakes it, its timing.
  const consumerDeps = () => ({
    feed: createSqlJournalFeed(database.db),
    logger,
    signal: journalSignal,
    pollMs: config.rules.pollMs,
    leaseMs: config.rules.leaseMs,
  });
  // The notice consumers also notify and push to the live hub.
  const noticeDeps = () => ({
    ...consumerDeps(),
    notify: (requests: readonly NotificationRequest[]) => services.notifications.notify(requests),
    live,
    clock,
  });
  const consumersRun = config.rules.pollMs > 0;
  const rules = consumersRun ? startRulesJob({ ...consumerDeps(), engine: services.rules }) : undefined;
  const taskNotices = consumersRun
    ? startTaskNoticeJob({
        ...noticeDeps(),
        audiences: (taskIds, on) => loadTaskAudiences(database.db, taskIds, on),
      })
    : undefined;
  const referralNotices = consumersRun
    ? startReferralNoticeJob({
        ...noticeDeps(),
        audiences: (referralIds, on) => loadReferralAudiences(database.db, referralIds, on),
      })
    : undefined;
  const pathwayEvidence = consumersRun
    ? startPathwayEvidenceJob({ ...consumerDeps(), progress: services.pathwayProgress })
    : undefined;
  const stayAudiences = (stayIds: readonly string[], on: Date) => loadStayAudiences(database.db, stayIds, on);
  const stayNotices = consumersRun
    ? startStayNoticeJob({ ...noticeDeps(), audiences: stayAudiences })
    : undefined;
  const transitionLive = consumersRun
    ? startTransitionLiveJob({ ...noticeDeps(), audiences: stayAudiences })
    : undefined;
  const transitions = consumersRun
    ? startTransitionJob({ ...consumerDeps(), progress: services.transitionProgress })
    : undefined;
  const readmissionRisk = consumersRun
    ? startReadmissionRiskJob({ ...consumerDeps(), assessor: services.readmissionAssessor })
    : undefined;
  const breakGlassNotices = consumersRun
    ? startBreakGlassNoticeJob({
        ...noticeDeps(),
        audiences: (grantIds, on) => loadBreakGlassAudiences(database.db, grantIds, on),
        timeZone: config.timeZone,
      })
    : undefined;
  const transitionScan =
    config.transitions.scanMs > 0
      ? createTransitionScanJob(services.transitionProgress, logger, config.transitions.scanMs)
      : null;
  const pathwayDueScan =
    config.pathways.dueScanMs > 0
      ? createPathwayDueJob(services.pathwayProgress, logger, config.pathways.dueScanMs)
      : null;
  if (config.secretsKey === null)
    logger.warn(
      'RELAIS_SECRETS_KEY is not set: TOTP secrets are stored unsealed (acceptable for the demo only)',
    );
  const http = await buildHttpServer(services, {
    logger,
    oidc: config.oidc === null ? null : createOidcLogin(config.oidc),
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
  const referralSla =
    config.referrals.slaPollMs > 0
      ? createReferralSlaJob(services.referralSlaSweep, logger, config.referrals.slaPollMs)
      : null;
  const adtApply =
    config.hl7.applyPollMs > 0
      ? createAdtApplyJob({
          apply: services.adtApply,
          logger,
          everyMs: config.hl7.applyPollMs,
          stored: adtStored,
        })
      : null;
  if (options.scheduleJobs !== false) {
    emailDelivery?.start();
    referralSla?.start();
    pathwayDueScan?.start();
    adtApply?.start();
    transitionScan?.start();
  }
  const hl7 =
    config.hl7.port === null
      ? null
      : await startMllpListener({
          host: config.hl7.host,
          port: config.hl7.port,
          intake: services.hl7Intake,
          logger,
        });
  return {
    database,
    services,
    http,
    logger,
    clock,
    live,
    hl7,
    jobs: {
      emailDelivery,
      rules,
      taskNotices,
      referralNotices,
      referralSla,
      pathwayEvidence,
      pathwayDueScan,
      adtApply,
      stayNotices,
      transitions,
      transitionLive,
      transitionScan,
      readmissionRisk,
      breakGlassNotices,
    },
    async close() {
      await hl7?.close();
      await adtApply?.stop();
      await emailDelivery?.stop();
      await referralSla?.stop();
      mailer?.close();
      await http.close();
      await rules?.stop();
      await taskNotices?.stop();
      await referralNotices?.stop();
      await pathwayEvidence?.stop();
      await pathwayDueScan?.stop();
      await stayNotices?.stop();
      await transitions?.stop();
      await transitionLive?.stop();
      await transitionScan?.stop();
      await readmissionRisk?.stop();
      await breakGlassNotices?.stop();
      await database.close();
    },
  };
}
