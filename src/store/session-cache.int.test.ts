import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import { createProfessional } from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { SESSION_CACHE_MS, withSessionCache } from './session-cache.ts';
import { createSqlAccountStore } from './sql-account-store.ts';

const HOUR_MS = 3_600_000;

for (const { dialect, skip } of testDialects()) {
  describe(`session cache on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    /** A fresh session of a new professional, with a cache whose clock the test moves. */
    const scene = async () => {
      const db = relais.database.db;
      const pro = await createProfessional(relais);
      const { id: accountId } = await db
        .selectFrom('accounts')
        .select('id')
        .where('login', '=', pro.login)
        .executeTakeFirstOrThrow();
      const stored = createSqlAccountStore(db);
      const createdAt = new Date();
      const tokenHash = randomUUID();
      await stored.create({
        tokenHash,
        accountId,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + HOUR_MS),
      });
      const clock = { ms: 0 };
      const cache = withSessionCache(stored, () => clock.ms);
      // A change made behind the cache's back, as another process would make it.
      const setLastSeenElsewhere = (at: Date) =>
        db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
      return { db, stored, cache, clock, tokenHash, accountId, createdAt, setLastSeenElsewhere };
    };

    test('a found session is reused within the window, then looked up again', async () => {
      const { cache, clock, tokenHash, createdAt, setLastSeenElsewhere } = await scene();
      const now = new Date();
      assert.equal((await cache.findLive(tokenHash, now))?.lastSeenAt.getTime(), createdAt.getTime());
      const later = new Date(createdAt.getTime() + 5_000);
      await setLastSeenElsewhere(later);
      clock.ms = SESSION_CACHE_MS - 1;
      assert.equal((await cache.findLive(tokenHash, now))?.lastSeenAt.getTime(), createdAt.getTime());
      clock.ms = SESSION_CACHE_MS;
      assert.equal((await cache.findLive(tokenHash, now))?.lastSeenAt.getTime(), later.getTime());
    });

    test('a log-out and a password change apply to the very next lookup', async () => {
      const loggedOut = await scene();
      assert.ok(await loggedOut.cache.findLive(loggedOut.tokenHash, new Date()));
      await loggedOut.cache.delete(loggedOut.tokenHash);
      assert.equal(await loggedOut.cache.findLive(loggedOut.tokenHash, new Date()), undefined);

      const changed = await scene();
      assert.ok(await changed.cache.findLive(changed.tokenHash, new Date()));
      const event = {
        id: randomUUID(),
        patientId: null,
        type: 'account.password-changed',
        actorAccountId: changed.accountId,
        occurredAt: new Date(),
        payload: {},
      } as const;
      await changed.cache.setPassword(changed.accountId, 'new-hash', null, event);
      assert.equal(await changed.cache.findLive(changed.tokenHash, new Date()), undefined);
    });

    test('a lookup still in flight when a write lands is not kept', async () => {
      const { stored, clock, tokenHash } = await scene();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let readDone = () => {};
      const read = new Promise<void>((resolve) => (readDone = resolve));
      const slow = withSessionCache(
        {
          ...stored,
          async findLive(hash, at) {
            const found = await stored.findLive(hash, at);
            readDone();
            await held;
            return found;
          },
        },
        () => clock.ms,
      );
      const inFlight = slow.findLive(tokenHash, new Date());
      // The lookup has read the session before the log-out, and answers only after it.
      await read;
      await slow.delete(tokenHash);
      release();
      assert.ok(await inFlight, 'read before the log-out');
      assert.equal(await slow.findLive(tokenHash, new Date()), undefined);
    });

    test('an unknown token is not cached, and a touch updates the kept session', async () => {
      const { db, stored, cache, tokenHash, accountId } = await scene();
      const unknown = randomUUID();
      assert.equal(await cache.findLive(unknown, new Date()), undefined);
      const createdAt = new Date();
      await db
        .insertInto('sessions')
        .values({
          token_hash: unknown,
          account_id: accountId,
          created_at: createdAt,
          expires_at: new Date(createdAt.getTime() + HOUR_MS),
          last_seen_at: createdAt,
        })
        .execute();
      assert.ok(await cache.findLive(unknown, new Date()));

      assert.ok(await cache.findLive(tokenHash, new Date()));
      const touchedAt = new Date(Date.now() + 90_000);
      await cache.touch(tokenHash, touchedAt);
      assert.equal((await cache.findLive(tokenHash, new Date()))?.lastSeenAt.getTime(), touchedAt.getTime());
      assert.equal((await stored.findLive(tokenHash, new Date()))?.lastSeenAt.getTime(), touchedAt.getTime());
    });
  });
}
