import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { RelaisConfig } from './config.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import { buildHttpServer } from './http/http-server.ts';
import { createServices, type Services } from './services.ts';
import { openDatabase, type DatabaseHandle } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';

/** A running Relais: its database, use cases and HTTP server. */
export interface Relais {
  readonly database: DatabaseHandle;
  readonly services: Services;
  readonly http: FastifyInstance;
  readonly logger: Logger;
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
  const services = createServices(database.db, options.clock ?? systemClock, {
    urgentThresholds: config.urgentThresholds,
  });
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
    async close() {
      await http.close();
      await database.close();
    },
  };
}
