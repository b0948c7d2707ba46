// Global setup for `node --test --test-global-setup=tests/support/global-setup.ts`.
//
// Decides which PostgreSQL server the integration tests use and publishes its
// URL as RELAIS_TEST_PG_URL:
//   - DATABASE_URL set: that server is used as is, nothing is started;
//   - else, PostgreSQL binaries found: a throwaway server is started here and
//     stopped in globalTeardown;
//   - else: RELAIS_TEST_PG_URL stays unset and PostgreSQL tests skip themselves.
// Test files should call createIsolatedDatabase(process.env.RELAIS_TEST_PG_URL)
// to get their own empty database on that server.
//
// How the URL reaches the tests: Node runs globalSetup in the main test-runner
// process before it spawns one child process per test file, and the children
// inherit the runner's process.env; with --test-isolation=none the tests run in
// the runner process itself. Both were checked on Node 24, so setting
// process.env here is enough, no file hand-off needed.

import { postgresBinariesDir, startThrowawayPostgres, TEST_PG_URL_ENV } from './postgres-server.ts';
import type { ThrowawayPostgres } from './postgres-server.ts';

let server: ThrowawayPostgres | undefined;

export async function globalSetup(): Promise<void> {
  const external = process.env.DATABASE_URL;
  if (external !== undefined && external !== '') {
    process.env[TEST_PG_URL_ENV] = external;
    return;
  }
  // A value inherited from an outer run may point at a server that is gone.
  Reflect.deleteProperty(process.env, TEST_PG_URL_ENV);
  if (postgresBinariesDir() === undefined) {
    // stderr, so machine-readable reporters on stdout (tap, junit...) stay valid.
    process.stderr.write(
      'PostgreSQL tests will be skipped: DATABASE_URL is not set and no PostgreSQL binaries were found ' +
        '(set RELAIS_PG_BIN or install PostgreSQL 15 in /usr/lib/postgresql/15/bin).\n',
    );
    return;
  }
  server = await startThrowawayPostgres();
  process.env[TEST_PG_URL_ENV] = server.url;
}

export async function globalTeardown(): Promise<void> {
  const running = server;
  server = undefined;
  await running?.stop();
}
