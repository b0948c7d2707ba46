import type { Kysely, Selectable } from 'kysely';
import type {
  AccountRecord,
  AccountStore,
  SessionStore,
  TwoFactorStore,
} from '../domain/accounts/account-ports.ts';
import type { LockoutState } from '../domain/accounts/login-lockout.ts';
import { ACCOUNT_ROLES, type AccountRole } from '../domain/access/principal.ts';
import { preparedOnce } from './prepared-once.ts';
import type { Database, AccountsTable } from './database-schema.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

type AccountRow = Selectable<AccountsTable> & { display_name: string };

/** Accounts, sessions and second factors; a session lookup is one indexed join. */
export function createSqlAccountStore(db: Kysely<Database>): AccountStore & SessionStore & TwoFactorStore {
  const accountsWithNames = () =>
    db
      .selectFrom('accounts as a')
      .leftJoin('practitioners as p', 'p.id', 'a.practitioner_id')
      .leftJoin('patients as pt', 'pt.patient_id', 'a.patient_id')
      .selectAll('a')
      .select((eb) =>
        eb.fn
          .coalesce(
            eb.fn('concat_ws', [eb.val(' '), 'p.given_name', 'p.family_name']),
            eb.fn('concat_ws', [eb.val(' '), 'pt.first_given_name', 'pt.birth_family_name']),
          )
          .$castTo<string>()
          .as('display_name'),
      );
  // Every signed-in request runs it (but for the session cache, ADR 0017).
  const liveSession = preparedOnce('live-session', (tokenHash: string, now: Date) =>
    accountsWithNames()
      .innerJoin('sessions as s', 's.account_id', 'a.id')
      .select(['s.created_at as session_created_at', 's.last_seen_at'])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .compile(),
  );
  return {
    async findByLogin(login) {
      const row = await accountsWithNames().where('a.login', '=', login).executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    async findById(accountId) {
      const row = await accountsWithNames().where('a.id', '=', accountId).executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    async findProfessionalByRpps(rpps) {
      const row = await accountsWithNames()
        .where('p.rpps', '=', rpps)
        .where('a.kind', '=', 'professional')
        .executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    updateLockout(accountId, change, event) {
      return inTransaction(db, async (trx) => {
        const row = await trx
          .selectFrom('accounts')
          .select(['failed_logins', 'failed_since', 'locked_until'])
          .where('id', '=', accountId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const previous = lockoutOf(row);
        const next = change(previous);
        await trx
          .updateTable('accounts')
          .set({ failed_logins: next.failures, failed_since: next.since, locked_until: next.lockedUntil })
          .where('id', '=', accountId)
          .execute();
        const happened = event(next, previous);
        if (happened !== null) await insertEvents(trx, [happened]);
        return { previous, next };
      });
    },
    setPassword(accountId, passwordHash, keepSession, event) {
      return inTransaction(db, async (trx) => {
        await trx
          .updateTable('accounts')
          .set({ password_hash: passwordHash, password_changed_at: event.occurredAt })
          .where('id', '=', accountId)
          .execute();
        let others = trx.deleteFrom('sessions').where('account_id', '=', accountId);
        if (keepSession !== null) others = others.where('token_hash', '<>', keepSession);
        await others.execute();
        await insertEvents(trx, [event]);
      });
    },

    async savePendingSecret(accountId, sealedSecret) {
      await db
        .updateTable('accounts')
        .set({ totp_pending_secret: sealedSecret })
        .where('id', '=', accountId)
        .execute();
    },
    async pendingSecret(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select('totp_pending_secret')
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row?.totp_pending_secret ?? undefined;
    },
    enable(accountId, step, recoveryCodeHashes, event) {
      return inTransaction(db, async (trx) => {
        await trx
          .updateTable('accounts')
          .set((eb) => ({
            totp_secret: eb.ref('totp_pending_secret'),
            totp_pending_secret: null,
            totp_enabled_at: event.occurredAt,
            totp_last_step: step,
          }))
          .where('id', '=', accountId)
          .where('totp_pending_secret', 'is not', null)
          .execute();
        await trx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
        await trx
          .insertInto('recovery_codes')
          .values(recoveryCodeHashes.map((code_hash) => ({ account_id: accountId, code_hash })))
          .execute();
        await insertEvents(trx, [event]);
      });
    },
    async activeSecret(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select(['totp_secret', 'totp_last_step'])
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (row?.totp_secret == null) return undefined;
      return { sealedSecret: row.totp_secret, lastStep: row.totp_last_step };
    },
    async useStep(accountId, step) {
      const updated = await db
        .updateTable('accounts')
        .set({ totp_last_step: step })
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },
    async useRecoveryCode(accountId, codeHash, at) {
      const updated = await db
        .updateTable('recovery_codes')
        .set({ used_at: at })
        .where('account_id', '=', accountId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },
    async createChallenge({ tokenHash, accountId, expiresAt }) {
      // One step in flight per account: a new password check drops the older ones, so the table stays small.
      await db.deleteFrom('login_challenges').where('account_id', '=', accountId).execute();
      await db
        .insertInto('login_challenges')
        .values({ token_hash: tokenHash, account_id: accountId, expires_at: expiresAt })
        .execute();
    },
    async findChallenge(tokenHash, now) {
      const row = await db
        .selectFrom('login_challenges')
        .select(['account_id', 'failures'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row === undefined ? undefined : { accountId: row.account_id, failures: row.failures };
    },
    async failChallenge(tokenHash, maxFailures) {
      await db
        .updateTable('login_challenges')
        .set((eb) => ({ failures: eb('failures', '+', 1) }))
        .where('token_hash', '=', tokenHash)
        .execute();
      await db
        .deleteFrom('login_challenges')
        .where('token_hash', '=', tokenHash)
        .where('failures', '>=', maxFailures)
        .execute();
    },
    async deleteChallenge(tokenHash) {
      await db.deleteFrom('login_challenges').where('token_hash', '=', tokenHash).execute();
    },

    async create(session) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: session.tokenHash,
          account_id: session.accountId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          last_seen_at: session.createdAt,
        })
        .execute();
    },
    async findLive(tokenHash, now) {
      const [row] = (await db.executeQuery(liveSession(tokenHash, now))).rows;
      if (row === undefined) return undefined;
      return { account: accountOf(row), createdAt: row.session_created_at, lastSeenAt: row.last_seen_at };
    },
    async touch(tokenHash, now) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async delete(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
  };
}

function lockoutOf(row: {
  failed_logins: number;
  failed_since: Date | null;
  locked_until: Date | null;
}): LockoutState {
  return { failures: row.failed_logins, since: row.failed_since, lockedUntil: row.locked_until };
}

function accountOf(row: AccountRow): AccountRecord {
  const principal =
    row.kind === 'professional' && row.practitioner_id !== null
      ? {
          kind: 'professional' as const,
          accountId: row.id,
          practitionerId: row.practitioner_id,
          roles: row.roles.filter((role): role is AccountRole => (ACCOUNT_ROLES as string[]).includes(role)),
        }
      : { kind: 'patient' as const, accountId: row.id, patientId: row.patient_id ?? '' };
  return {
    id: row.id,
    login: row.login,
    passwordHash: row.password_hash,
    principal,
    locale: row.locale,
    displayName: row.display_name,
    totpEnabled: row.totp_secret !== null,
    lockout: lockoutOf(row),
  };
}
