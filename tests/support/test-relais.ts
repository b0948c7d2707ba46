import pino from 'pino';
import { createRelais, type Relais, type RelaisOptions } from '../../src/app.ts';
import { readConfig, type RelaisConfig } from '../../src/config.ts';
import type { Dialect } from './test-database.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from './postgres-server.ts';

/** Starts Relais in-process on a fresh database of the dialect (not listening unless asked). */
export async function startTestRelais(
  dialect: Dialect,
  overrides: Partial<RelaisConfig> = {},
  options: RelaisOptions = {},
): Promise<Relais> {
  const database: RelaisConfig['database'] =
    dialect === 'pglite'
      ? { kind: 'pglite', dataDir: 'memory://' }
      : { kind: 'postgres', url: await createIsolatedDatabase(process.env[TEST_PG_URL_ENV] ?? '') };
  const config: RelaisConfig = {
    ...readConfig({}),
    database,
    loginRateLimit: { max: 1000, timeWindow: 60_000 },
    ...overrides,
  };
  return createRelais(config, { logger: pino({ level: 'silent' }), ...options });
}

/**
 * Waits until every journal consumer has handled what is committed, so a test that counts rows sees
 * only what its own requests wrote, not notifications or firings still on their way.
 */
export async function settleJournal(relais: Relais): Promise<void> {
  const { rules, taskNotices, referralNotices, pathwayEvidence } = relais.jobs;
  const { stayNotices, transitions, transitionLive, readmissionRisk, breakGlassNotices } = relais.jobs;
  // Writers before readers: transitions read the pathways' events and write tasks the notices read.
  for (const consumer of [
    rules,
    pathwayEvidence,
    transitions,
    readmissionRisk,
    taskNotices,
    referralNotices,
    stayNotices,
    transitionLive,
    breakGlassNotices,
  ])
    await consumer?.drain();
}
