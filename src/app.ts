import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { RelaisConfig } from './config.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import { buildHttpServer } from './http/http-server.ts';
import type { JournalConsumer } from './jobs/journal-consumer.ts';
import { createJournalSignal } from './jobs/journal-signal.ts';
import { startRulesJob } from './jobs/rules-job.ts';
import { createServices, type Services } from './services.ts';
import { openDatabase, type DatabaseHandle } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';
import { readShippedRuleFiles } from './store/shipped-rule-files.ts';
import { createSqlJournalFeed } from './store/sql-journal-feed.ts';

/** A running Relais: its database, use cases and HTTP server. */
export interface Relais {
  readonly database: DatabaseHandle;
  readonly services: Services;
  readonly http: FastifyInstance;
  readonly logger: Logger;
  /** Background jobs running in this process; `rules` is undefined when its poll interval is 0. */
  readonly jobs: { readonly rules: JournalConsumer | undefined };
  close(): Promise<void>;
}

/** Composition root: config → database (migrated) → services → HTTP server. Does not listen. */
export async function createRelais(
  config: RelaisConfig,
  options: { clock?: Clock; logger?: Logger } = {},
): Promise<Relais> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const database = await openDatabase(config.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  const journalSignal = createJournalSignal();
  const services = createServices(database.db, options.clock ?? systemClock, {
    journalSignal,
    onInvalidRuleSet: (ruleSetId, problems) =>
      logger.error({ ruleSetId, problems }, 'a stored rule set no longer validates: its rules do not run'),
  });
  const shipped = await services.rulesAdmin.installShipped(await readShippedRuleFiles(config.rules.dir));
  for (const { file, problems } of shipped.refused) {
    logger.error({ file, problems }, 'shipped rule file refused: it has problems');
  }
  if (shipped.installed.length > 0)
    logger.info({ ruleSets: shipped.installed }, 'shipped rule sets installed');
  const rules =
    config.rules.pollMs > 0
      ? startRulesJob({
          engine: services.rules,
          feed: createSqlJournalFeed(database.db),
          logger,
          signal: journalSignal,
          pollMs: config.rules.pollMs,
          leaseMs: config.rules.leaseMs,
        })
      : undefined;
  const http = await buildHttpServer(services, {
    logger,
    webRoot: config.webRoot,
    secureCookies: config.secureCookies,
    loginRateLimit: config.loginRateLimit,
  });
  return {
    database,
    services,
    http,
    logger,
    jobs: { rules },
    async close() {
      await http.close();
      await rules?.stop();
      await database.close();
    },
  };
}
