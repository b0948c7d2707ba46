import { resolve } from 'node:path';
import type { DatabaseLocation } from './store/database.ts';

/** Everything Relais reads from its environment, with the defaults of the quick start. */
export interface RelaisConfig {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseLocation;
  readonly webRoot: string;
  readonly logLevel: string;
  readonly secureCookies: boolean;
  readonly loginRateLimit: { max: number; timeWindow: number };
  readonly demoPatients: number;
  /**
   * The coordination rules job: shipped rule files, poll interval (0 = the job does not run here) and
   * how long a crashed process keeps the job's lease before another may take over.
   */
  readonly rules: { readonly dir: string; readonly pollMs: number; readonly leaseMs: number };
}

/** Reads the configuration; throws with the variable's name when a value is unusable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): RelaisConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  return {
    host: env.HOST ?? '0.0.0.0',
    port: integer(env, 'PORT', 8080),
    database:
      databaseUrl !== undefined && databaseUrl !== ''
        ? { kind: 'postgres', url: databaseUrl }
        : { kind: 'pglite', dataDir: resolve(env.RELAIS_DATA ?? '.relais') },
    webRoot: resolve(import.meta.dirname, '..', 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.RELAIS_SECURE_COOKIES === 'true',
    loginRateLimit: { max: integer(env, 'RELAIS_LOGIN_RATE_LIMIT', 10), timeWindow: 60_000 },
    demoPatients: integer(env, 'RELAIS_DEMO_PATIENTS', 200),
    rules: {
      dir: resolve(env.RELAIS_RULES_DIR ?? resolve(import.meta.dirname, '..', 'data', 'rules')),
      pollMs: integer(env, 'RELAIS_RULES_POLL_MS', 250),
      leaseMs: integer(env, 'RELAIS_RULES_LEASE_MS', 15_000),
    },
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}
