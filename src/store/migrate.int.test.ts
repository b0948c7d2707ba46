import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator } from 'kysely/migration';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { MIGRATIONS } from './migrations/migration-list.ts';

describe('migrations', () => {
  it('a database that has a later migration still gets an earlier one merged after it', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    const { db } = database;
    try {
      const names = Object.keys(MIGRATIONS);
      const [skipped] = names.slice(-2); // the next to last: its successor is applied before it
      assert.ok(skipped !== undefined);
      const without = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name !== skipped));
      const older = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(without) } });
      const first = await older.migrateToLatest();
      assert.equal(first.error, undefined);

      assert.deepEqual(await migrateToLatest(db), [skipped]);
      assert.deepEqual(await migrateToLatest(db), []);
    } finally {
      await database.close();
    }
  });
});
