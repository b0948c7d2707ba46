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
      // A migration that the later ones do not build on: they are applied before it.
      const skipped = '0031-audit-time-range';
      const names = Object.keys(MIGRATIONS);
      assert.ok(names.indexOf(skipped) < names.length - 1, 'a later migration exists');
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
