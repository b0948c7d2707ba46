import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../store/database.ts';
import { openTestDatabase, testDialects } from '../../tests/support/test-database.ts';
import { createLogger } from './pino-logger.ts';

/** What a failing statement threw, as the driver gives it. */
async function failure(statement: Promise<unknown>): Promise<Error> {
  try {
    await statement;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('the statement did not fail');
}

/** The driver's own account of an error: message and every field it carries. */
const everything = (error: Error) =>
  JSON.stringify(Object.fromEntries([...Object.entries(error), ['message', error.message]]));

for (const { dialect, skip } of testDialects()) {
  describe(`logged database errors on ${dialect}`, { skip }, () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await openTestDatabase(dialect);
    });
    after(() => handle.close());

    test('keep their SQLSTATE and lose the values they quote', async () => {
      const db = handle.db;
      await sql`create table log_probe (name text primary key)`.execute(db);
      await sql`insert into log_probe values (${'Lefèvre'})`.execute(db);
      const errors = [
        await failure(sql`select ${'Lefèvre'}::date`.execute(db)),
        await failure(sql`insert into log_probe values (${'Lefèvre'})`.execute(db)),
      ];
      // The drivers' errors do quote the name (message, detail or parameters)…
      for (const error of errors) assert.match(everything(error), /Lefèvre/);
      const lines: string[] = [];
      const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
      for (const error of errors) logger.error({ err: error }, 'unexpected error');
      // …the log keeps what went wrong, not the value.
      const log = lines.join('');
      assert.match(log, /"code":"22007"/);
      assert.match(log, /"code":"23505"/);
      assert.match(log, /"constraint":"log_probe_pkey"/);
      assert.doesNotMatch(log, /Lef[èe]vre/i);
    });
  });
}

test('other errors keep their message and stack', () => {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  logger.error({ err: new TypeError('x is not a function') }, 'unexpected error');
  const logged = JSON.parse(lines[0] ?? '{}') as { err: { type: string; message: string; stack: string } };
  assert.equal(logged.err.type, 'TypeError');
  assert.equal(logged.err.message, 'x is not a function');
  assert.match(logged.err.stack, /pino-logger\.int\.test\.ts/);
});
