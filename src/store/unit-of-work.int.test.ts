import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testDialects } from '../../tests/support/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { afterUnitOfWork } from './unit-of-work.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`unit of work on ${dialect}`, { skip }, () => {
    let handle: DatabaseHandle;
    const insert = (n: number) => sql`insert into uow_probe (n) values (${n})`.execute(handle.db);
    const numbers = async () =>
      (await sql<{ n: number }>`select n from uow_probe order by n`.execute(handle.db)).rows.map((r) => r.n);

    before(async () => {
      handle = await openTestDatabase(dialect);
      await sql`create table uow_probe (n int primary key)`.execute(handle.db);
    });
    after(() => handle.close());
    beforeEach(() => sql`delete from uow_probe`.execute(handle.db));

    test('plain statements and stores’ own transactions inside a unit commit together', async () => {
      await handle.unitOfWork(async () => {
        await insert(1);
        await handle.db
          .transaction()
          .execute((trx) => sql`insert into uow_probe (n) values (2)`.execute(trx));
        // A read inside the unit sees what the unit wrote.
        assert.deepEqual(await numbers(), [1, 2]);
      });
      assert.deepEqual(await numbers(), [1, 2]);
    });

    test('a failure anywhere in the unit leaves nothing written, even what a store committed', async () => {
      await assert.rejects(
        handle.unitOfWork(async () => {
          await insert(1);
          await handle.db
            .transaction()
            .execute((trx) => sql`insert into uow_probe (n) values (2)`.execute(trx));
          await insert(1); // duplicate key
        }),
        /duplicate key/,
      );
      assert.deepEqual(await numbers(), []);
    });

    test('a store transaction that fails and is caught undoes only its own part', async () => {
      await handle.unitOfWork(async () => {
        await insert(1);
        await assert.rejects(
          handle.db.transaction().execute(async (trx) => {
            await sql`insert into uow_probe (n) values (2)`.execute(trx);
            await sql`insert into uow_probe (n) values (1)`.execute(trx);
          }),
        );
        await insert(3);
      });
      assert.deepEqual(await numbers(), [1, 3]);
    });

    test('work outside the unit, running at the same time, is neither seen by it nor undone with it', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let inside = () => {};
      const started = new Promise<void>((resolve) => (inside = resolve));
      const unit = handle.unitOfWork(async () => {
        await insert(1);
        inside();
        await held;
        throw new Error('give up');
      });
      await started;
      // On PGlite (one connection) the outside write waits for the unit; on PostgreSQL it goes on.
      const outside = insert(2);
      release();
      await assert.rejects(unit, /give up/);
      await outside;
      assert.deepEqual(await numbers(), [2]);
    });

    test('tasks deferred to the end of a unit run after its rollback, outside it', async () => {
      await assert.rejects(
        handle.unitOfWork(async () => {
          await insert(1);
          assert.equal(
            afterUnitOfWork(async () => {
              await insert(9);
            }),
            true,
          );
          throw new Error('give up');
        }),
        /give up/,
      );
      assert.deepEqual(await numbers(), [9]);
      assert.equal(
        afterUnitOfWork(() => Promise.resolve()),
        false,
      );
    });
  });
}
