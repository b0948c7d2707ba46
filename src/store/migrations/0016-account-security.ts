import { sql, type Kysely } from 'kysely';

/**
 * Account security (issue 8): the per-account failure count and lockout, the TOTP secret (sealed by the
 * application, never readable from a dump without RELAIS_SECRETS_KEY), the last TOTP step used (replay
 * protection), hashed recovery codes, second-factor steps waiting for a code, and the sessions' last
 * activity (idle timeout). Accounts are a small reference table: no patient key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  alter table accounts
    add column failed_logins integer not null default 0 check (failed_logins >= 0),
    add column failed_since timestamptz,
    add column locked_until timestamptz,
    add column totp_secret text,
    add column totp_pending_secret text,
    add column totp_enabled_at timestamptz,
    add column totp_last_step integer,
    add column password_changed_at timestamptz,
    add constraint accounts_totp_enabled check ((totp_secret is null) = (totp_enabled_at is null)),
    add constraint accounts_roles_known check (roles <@ array['admin', 'dpo']::text[])
  `,
  `alter table sessions add column last_seen_at timestamptz`,
  `update sessions set last_seen_at = created_at`,
  `alter table sessions alter column last_seen_at set not null`,
  `
  create table recovery_codes (
    account_id uuid not null references accounts (id) on delete cascade,
    code_hash text not null,
    used_at timestamptz,
    primary key (account_id, code_hash)
  )
  `,
  `
  create table login_challenges (
    token_hash text primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    expires_at timestamptz not null,
    failures integer not null default 0
  )
  `,
  `create index login_challenges_expiry on login_challenges (expires_at)`,
];
