import { resolve } from 'node:path';
import { DEFAULT_LACE_HIGH_RISK_FROM } from './domain/discharge/readmission-scores.ts';
import { isKnownTimeZone } from './domain/shared/wall-clock.ts';
import {
  DEFAULT_URGENT_THRESHOLDS,
  type UrgentFollowUpThresholds,
} from './domain/questionnaires/urgent-follow-up.ts';
import { DEFAULT_POOL_SIZE, type DatabaseLocation } from './store/database.ts';
import { DEFAULT_TRANSITION_POLICY } from './domain/transitions/transition-checklist.ts';
import type { AccountSecurityPolicy } from './domain/accounts/account-service.ts';
import { BREAK_GLASS_HOURS, breakGlassHoursProblem } from './domain/emergency-access/break-glass-rules.ts';

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
  /** Outgoing e-mail; null (no RELAIS_SMTP_URL) disables notification e-mails. */
  readonly email: { readonly smtpUrl: string; readonly from: string } | null;
  /** Where users reach the app, for links in e-mails. */
  readonly publicUrl: string;
  /** The territory's time zone: the daily digest hour is read on its clock. */
  readonly timeZone: string;
  /** How often an open live connection gets a heartbeat (and its session is re-checked). */
  readonly liveHeartbeatMs: number;
  /** How often the e-mail deliverer looks for due e-mails (immediate ones, digests whose hour came). */
  readonly emailDeliveryEveryMs: number;
  /** When a PHQ-9 or GAD-7 result raises an urgent follow-up (validated when the services start). */
  readonly urgentThresholds: UrgentFollowUpThresholds;
  /**
   * The coordination rules job: shipped rule files, poll interval (0 = the job does not run here) and
   * how long a crashed process keeps the job's lease before another may take over.
   */
  readonly rules: { readonly dir: string; readonly pollMs: number; readonly leaseMs: number };
  /**
   * Referrals: the exams' validity windows (duplicate-test warning), and how often the SLA job looks
   * for overdue referrals (0 = the job does not run in this process).
   */
  readonly referrals: { readonly examValidityFile: string; readonly slaPollMs: number };
  /**
   * Care pathways: the template files installed at start, and how often the due scan moves steps to
   * due and rupture (0 = not in this process). Their evidence consumer polls like the rules job.
   */
  readonly pathways: { readonly dir: string; readonly dueScanMs: number };
  /**
   * HL7 v2 ADT ingestion: the MLLP listener's address (port null = no listener; 0 = any free port)
   * and how often the apply loop looks for stored messages to apply (0 = not in this process).
   */
  readonly hl7: { readonly host: string; readonly port: number | null; readonly applyPollMs: number };
  /**
   * Hospital transitions: how often the scan marks checklist items late and raises their tasks (0 =
   * not in this process), and the reconciliation deadline in days after discharge (a design default).
   */
  readonly transitions: { readonly scanMs: number; readonly reconciliationDays: number };
  /**
   * After a discharge: the LACE total from which the readmission risk is high and the coordinator gets
   * a task. 10 is a literature convention, not from van Walraven 2010: a configurable default.
   */
  readonly discharge: { readonly laceHighRiskFrom: number };
  /** Password policy, lockout, session lifetimes and the TOTP requirement of admin and DPO roles (issue 8). */
  readonly accountSecurity: AccountSecurityPolicy;
  /** RELAIS_SECRETS_KEY (32 bytes, base64): seals TOTP secrets at rest; null keeps them unsealed (demo). */
  readonly secretsKey: Buffer | null;
  /** Log-in through an external OpenID Connect provider (Pro Santé Connect); null when not configured. */
  readonly oidc: OidcConfig | null;
  /** Break-the-glass: how many hours an emergency access to a record lasts (1 to 24, 4 by default). */
  readonly breakGlass: { readonly hours: number };
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUrl: string;
}

/** Reads the configuration; throws with the variable's name when a value is unusable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): RelaisConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  const port = integer(env, 'PORT', 8080);
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    database:
      databaseUrl !== undefined && databaseUrl !== ''
        ? { kind: 'postgres', url: databaseUrl, poolSize: poolSizeOf(env) }
        : { kind: 'pglite', dataDir: resolve(env.RELAIS_DATA ?? '.relais') },
    webRoot: resolve(import.meta.dirname, '..', 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.RELAIS_SECURE_COOKIES === 'true',
    loginRateLimit: { max: integer(env, 'RELAIS_LOGIN_RATE_LIMIT', 10), timeWindow: 60_000 },
    demoPatients: integer(env, 'RELAIS_DEMO_PATIENTS', 200),
    email: emailOf(env),
    publicUrl: url(env, 'RELAIS_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`,
    timeZone: timeZoneOf(env),
    liveHeartbeatMs: 25_000,
    emailDeliveryEveryMs: 10_000,
    urgentThresholds: {
      safetyAnswerAtLeast: integer(
        env,
        'RELAIS_URGENT_PHQ9_ITEM9_ANSWER',
        DEFAULT_URGENT_THRESHOLDS.safetyAnswerAtLeast,
      ),
      totalAtLeast: {
        'PHQ-9': integer(env, 'RELAIS_URGENT_PHQ9_TOTAL', DEFAULT_URGENT_THRESHOLDS.totalAtLeast['PHQ-9']),
        'GAD-7': integer(env, 'RELAIS_URGENT_GAD7_TOTAL', DEFAULT_URGENT_THRESHOLDS.totalAtLeast['GAD-7']),
      },
    },
    rules: {
      dir: resolve(env.RELAIS_RULES_DIR ?? resolve(import.meta.dirname, '..', 'data', 'rules')),
      pollMs: integer(env, 'RELAIS_RULES_POLL_MS', 250),
      leaseMs: integer(env, 'RELAIS_RULES_LEASE_MS', 15_000),
    },
    referrals: {
      examValidityFile: resolve(
        env.RELAIS_EXAM_VALIDITY_FILE ?? resolve(import.meta.dirname, '..', 'data', 'exam-validity.yaml'),
      ),
      slaPollMs: integer(env, 'RELAIS_REFERRAL_SLA_POLL_MS', 60_000),
    },
    pathways: {
      dir: resolve(env.RELAIS_PATHWAYS_DIR ?? resolve(import.meta.dirname, '..', 'data', 'pathways')),
      dueScanMs: integer(env, 'RELAIS_PATHWAY_SCAN_MS', 60_000),
    },
    hl7: {
      host: env.RELAIS_HL7_HOST?.trim() || '127.0.0.1',
      port: env.RELAIS_HL7_PORT?.trim() ? integer(env, 'RELAIS_HL7_PORT', 0) : null,
      applyPollMs: integer(env, 'RELAIS_ADT_APPLY_POLL_MS', 1000),
    },
    transitions: {
      scanMs: integer(env, 'RELAIS_TRANSITION_SCAN_MS', 60_000),
      reconciliationDays: integer(
        env,
        'RELAIS_RECONCILIATION_DAYS',
        DEFAULT_TRANSITION_POLICY.reconciliationDays,
      ),
    },
    discharge: {
      laceHighRiskFrom: integer(env, 'RELAIS_LACE_HIGH_RISK_FROM', DEFAULT_LACE_HIGH_RISK_FROM),
    },
    accountSecurity: {
      password: { minLength: integer(env, 'RELAIS_PASSWORD_MIN_LENGTH', 12) },
      lockout: {
        maxFailures: integer(env, 'RELAIS_LOCKOUT_FAILURES', 5),
        windowMs: integer(env, 'RELAIS_LOCKOUT_WINDOW_MINUTES', 15) * 60_000,
        lockMs: integer(env, 'RELAIS_LOCKOUT_MINUTES', 15) * 60_000,
      },
      session: {
        idleMs: integer(env, 'RELAIS_SESSION_IDLE_MINUTES', 30) * 60_000,
        maxMs: integer(env, 'RELAIS_SESSION_MAX_HOURS', 12) * 3_600_000,
      },
      totpRequiredForPrivilegedRoles: env.RELAIS_TOTP_REQUIRED_FOR_ADMINS !== 'false',
    },
    secretsKey: secretsKeyOf(env),
    oidc: oidcOf(env),
    breakGlass: { hours: breakGlassHoursOf(env) },
  };
}

function breakGlassHoursOf(env: NodeJS.ProcessEnv): number {
  const hours = integer(env, 'RELAIS_BREAK_GLASS_HOURS', BREAK_GLASS_HOURS.default);
  const problem = breakGlassHoursProblem(hours);
  if (problem !== null) throw new Error(`RELAIS_BREAK_GLASS_HOURS: ${problem}`);
  return hours;
}

function secretsKeyOf(env: NodeJS.ProcessEnv): Buffer | null {
  const raw = env.RELAIS_SECRETS_KEY?.trim();
  if (raw === undefined || raw === '') return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32)
    throw new Error('RELAIS_SECRETS_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  return key;
}

function oidcOf(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = url(env, 'RELAIS_OIDC_ISSUER', ['https:', 'http:']);
  if (issuer === undefined) return null;
  const clientId = env.RELAIS_OIDC_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.RELAIS_OIDC_CLIENT_SECRET?.trim() ?? '';
  const redirectUrl = url(env, 'RELAIS_OIDC_REDIRECT_URL', ['https:', 'http:']);
  if (clientId === '' || clientSecret === '' || redirectUrl === undefined)
    throw new Error(
      'RELAIS_OIDC_ISSUER needs RELAIS_OIDC_CLIENT_ID, RELAIS_OIDC_CLIENT_SECRET and RELAIS_OIDC_REDIRECT_URL',
    );
  return { issuer, clientId, clientSecret, redirectUrl };
}

function emailOf(env: NodeJS.ProcessEnv): RelaisConfig['email'] {
  const smtpUrl = url(env, 'RELAIS_SMTP_URL', ['smtp:', 'smtps:']);
  if (smtpUrl === undefined) return null;
  return { smtpUrl, from: env.RELAIS_MAIL_FROM?.trim() || 'Relais <no-reply@localhost>' };
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const parsed = URL.parse(raw);
  if (parsed === null || !protocols.includes(parsed.protocol))
    throw new Error(`${name} must be a ${protocols.join(' or ')}// URL`);
  return raw;
}

function timeZoneOf(env: NodeJS.ProcessEnv): string {
  const timeZone = env.RELAIS_TIME_ZONE?.trim() || 'Europe/Paris';
  if (!isKnownTimeZone(timeZone)) throw new Error(`RELAIS_TIME_ZONE "${timeZone}" is not a known time zone`);
  return timeZone;
}

/** RELAIS_DB_POOL_SIZE: how many connections to PostgreSQL, at least one (the default follows the cores). */
function poolSizeOf(env: NodeJS.ProcessEnv): number {
  const size = integer(env, 'RELAIS_DB_POOL_SIZE', DEFAULT_POOL_SIZE);
  if (size < 1) throw new Error(`RELAIS_DB_POOL_SIZE must be at least 1, got "${env.RELAIS_DB_POOL_SIZE}"`);
  return size;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}
