import type { Kysely, Selectable } from 'kysely';
import type { AccountRecord, AccountStore, SessionStore } from '../domain/accounts/account-ports.ts';
import type { Database, AccountsTable } from './database-schema.ts';

type AccountRow = Selectable<AccountsTable> & { display_name: string };

/** Accounts and sessions; a session lookup is one indexed join. */
export function createSqlAccountStore(db: Kysely<Database>): AccountStore & SessionStore {
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
  return {
    async findByLogin(login) {
      const row = await accountsWithNames().where('a.login', '=', login).executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    async create(session) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: session.tokenHash,
          account_id: session.accountId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async findLiveAccount(tokenHash, now) {
      const row = await accountsWithNames()
        .innerJoin('sessions as s', 's.account_id', 'a.id')
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    async delete(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
  };
}

function accountOf(row: AccountRow): AccountRecord {
  const principal =
    row.kind === 'professional' && row.practitioner_id !== null
      ? {
          kind: 'professional' as const,
          accountId: row.id,
          practitionerId: row.practitioner_id,
          roles: row.roles.filter((role): role is 'admin' => role === 'admin'),
        }
      : { kind: 'patient' as const, accountId: row.id, patientId: row.patient_id ?? '' };
  return {
    id: row.id,
    passwordHash: row.password_hash,
    principal,
    locale: row.locale,
    displayName: row.display_name,
  };
}
