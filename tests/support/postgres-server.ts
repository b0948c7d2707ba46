// Starts a real, throwaway PostgreSQL server for integration tests, and hands
// each test file its own empty database on it.
//
// The server lives in a fresh temp dir (data dir + log) that is deleted on
// stop(), listens on 127.0.0.1 only, on a free port, with unix sockets off, so
// it cannot collide with a developer's own PostgreSQL or with parallel runs.

import { execFile, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';
const SERVER_USER = 'postgres';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
// A port picked by binding to port 0 can be grabbed by someone else before
// postgres binds it; retrying with a new port is cheaper than a flaky run.
const PORT_ATTEMPTS = 3;

/** Name of the env var through which the test harness passes the server URL to test files. */
export const TEST_PG_URL_ENV = 'RELAIS_TEST_PG_URL';

export interface ThrowawayPostgres {
  /** Superuser URL of the `postgres` database, e.g. postgres://postgres@127.0.0.1:54321/postgres */
  url: string;
  /** Immediate shutdown (the data is throwaway), then removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Directory holding `initdb`, `pg_ctl` and `postgres`: `RELAIS_PG_BIN` if set,
 * else the Debian/Ubuntu PostgreSQL 15 location if it is installed, else undefined
 * (callers then skip PostgreSQL tests).
 */
export function postgresBinariesDir(): string | undefined {
  const override = process.env.RELAIS_PG_BIN;
  if (override !== undefined && override !== '') {
    // An explicit setting that is wrong must fail loudly, not silently skip tests.
    if (!existsSync(join(override, 'postgres'))) {
      throw new Error(`RELAIS_PG_BIN=${override} does not contain a "postgres" binary.`);
    }
    return override;
  }
  return existsSync(join(DEFAULT_BIN_DIR, 'postgres')) ? DEFAULT_BIN_DIR : undefined;
}

function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

// PostgreSQL refuses to run as root, so as root every binary goes through runuser.
function asServerUser(binary: string, args: readonly string[]): { file: string; args: string[] } {
  if (runningAsRoot()) return { file: 'runuser', args: ['-u', SERVER_USER, '--', binary, ...args] };
  return { file: binary, args: [...args] };
}

interface CommandResult {
  ok: boolean;
  output: string;
}

function runCommand(file: string, args: readonly string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (error === null) {
        resolve({ ok: true, output });
        return;
      }
      // error.message repeats stderr; state the command and how it ended instead.
      // Despite the typings, Node sets `signal` to null (not undefined) when the command exited by itself.
      const ending =
        typeof error.signal === 'string' ? `signal ${error.signal}` : `exit code ${String(error.code)}`;
      resolve({ ok: false, output: `\`${[file, ...args].join(' ')}\` failed (${ending}):\n${output}` });
    });
  });
}

function serverUserIds(): { uid: number; gid: number } {
  const read = (flag: string): number => {
    const result = spawnSync('id', [flag, SERVER_USER], { encoding: 'utf8' });
    const value = Number.parseInt(result.stdout.trim(), 10);
    if (result.status !== 0 || Number.isNaN(value)) {
      throw new Error(
        `Running as root, but cannot resolve user "${SERVER_USER}" (id ${flag} ${SERVER_USER}: ${result.stderr.trim()}); ` +
          'PostgreSQL refuses to run as root, so that user must exist.',
      );
    }
    return value;
  };
  return { uid: read('-u'), gid: read('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free TCP port'));
        return;
      }
      const { port } = address;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function logTail(logPath: string, lines = 40): string {
  try {
    const text = readFileSync(logPath, 'utf8').trimEnd();
    if (text === '') return '(server log is empty)';
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function initCluster(binDir: string, dataDir: string): Promise<void> {
  const attempts: string[] = [];
  // C.UTF-8 gives UTF-8 aware character classes with byte-order (stable, fast)
  // collation; some systems lack it, and plain C still works with UTF8 encoding.
  for (const locale of ['C.UTF-8', 'C']) {
    const { file, args } = asServerUser(join(binDir, 'initdb'), [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      SERVER_USER,
      '--encoding=UTF8',
      `--locale=${locale}`,
      // Nothing here must survive a crash, so skip the fsync of the new cluster.
      '--no-sync',
      '--no-instructions',
    ]);
    const result = await runCommand(file, args, 120_000);
    if (result.ok) return;
    attempts.push(`--locale=${locale}:\n${result.output}`);
    // initdb normally cleans up after itself; make sure the retry starts empty.
    rmSync(dataDir, { recursive: true, force: true });
  }
  throw new Error(`initdb failed:\n${attempts.join('\n\n')}`);
}

interface RunningServer {
  child: ChildProcess;
  exited: Promise<void>;
  hasExited(): boolean;
}

// Throwaway test data: durability is worthless here, and skipping the
// flushes makes DDL-heavy test setup much faster.
const NOT_DURABLE = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

function spawnServer(
  binDir: string,
  dataDir: string,
  port: number,
  logPath: string,
  durable: boolean,
): RunningServer {
  const { file, args } = asServerUser(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `port=${port}`,
    // No unix socket: nothing outside this harness should find the server, and
    // socket paths under a long TMPDIR can exceed the 107-byte limit.
    '-c',
    'unix_socket_directories=',
    ...(durable ? [] : NOT_DURABLE),
    // Test files run in parallel, each with its own pool.
    '-c',
    'max_connections=200',
  ]);
  const logFd = openSync(logPath, 'a');
  let exited = false;
  const child = spawn(file, args, { stdio: ['ignore', logFd, logFd] });
  // The child holds its own copy of the descriptor.
  closeSync(logFd);
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  // Never let a forgotten stop() keep the test process alive: the exit hook
  // registered by startThrowawayPostgres shuts the server down instead.
  child.unref();
  return { child, exited: exitedPromise, hasExited: () => exited };
}

async function waitUntilReady(server: RunningServer, url: string, logPath: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: string;
  for (;;) {
    if (server.hasExited()) {
      throw new Error(`PostgreSQL exited during startup.\nServer log (tail):\n${logTail(logPath)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    // A failed connect can also surface as an 'error' event; swallow it here,
    // the rejected connect() below carries the same information.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await client.end().catch(() => {});
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `PostgreSQL did not accept connections at ${url} within ${READY_TIMEOUT_MS / 1000} s ` +
          `(last error: ${lastError}).\nServer log (tail):\n${logTail(logPath)}`,
      );
    }
    await sleep(50);
  }
}

function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(
      readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
      10,
    );
    return Number.isNaN(pid) ? undefined : pid;
  } catch {
    return undefined;
  }
}

/**
 * Synchronous last-resort shutdown for the process 'exit' hook, where no async
 * work can run: SIGQUIT is PostgreSQL's immediate shutdown, like pg_ctl -m immediate.
 */
function killAndRemoveSync(dataDir: string, baseDir: string): void {
  const pid = readPostmasterPid(dataDir);
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGQUIT');
      // Removing the dir while the postmaster is still winding down races with
      // its own file removals and leaves debris, so wait (briefly) for it to go.
      // Its last act is deleting postmaster.pid (what pg_ctl waits for too); the
      // pid alone is not enough, as an unreaped child stays alive as a zombie.
      const pidFile = join(dataDir, 'postmaster.pid');
      const tick = new Int32Array(new SharedArrayBuffer(4));
      for (let waited = 0; waited < 5_000 && isAlive(pid) && existsSync(pidFile); waited += 20) {
        Atomics.wait(tick, 0, 0, 20);
      }
    } catch {
      // Already gone.
    }
  }
  try {
    rmSync(baseDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    // Best effort: this runs while the process exits, where throwing helps nobody.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopServer(
  binDir: string,
  dataDir: string,
  baseDir: string,
  server: RunningServer,
  logPath: string,
): Promise<void> {
  if (!server.hasExited()) {
    const { file, args } = asServerUser(join(binDir, 'pg_ctl'), [
      'stop',
      '-D',
      dataDir,
      '-m',
      'immediate',
      '-w',
      '-t',
      String(STOP_TIMEOUT_MS / 1000),
    ]);
    const result = await runCommand(file, args, STOP_TIMEOUT_MS + 5_000);
    if (!result.ok && !server.hasExited()) {
      // pg_ctl could not do it (e.g. pid file unreadable); signal the postmaster directly.
      const pid = readPostmasterPid(dataDir);
      if (pid !== undefined) {
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // Already gone.
        }
      }
    }
    // The timer is cancelled once the server is gone, else it alone would keep
    // the process alive for the full timeout.
    const timer = new AbortController();
    const timedOut = await Promise.race([
      server.exited.then(() => false),
      sleep(STOP_TIMEOUT_MS, true, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (timedOut) {
      throw new Error(
        `PostgreSQL in ${dataDir} did not stop within ${STOP_TIMEOUT_MS / 1000} s ` +
          `(pg_ctl: ${result.output}).\nServer log (tail):\n${logTail(logPath)}`,
      );
    }
  }
  await rm(baseDir, { recursive: true, force: true });
}

/**
 * Creates a fresh cluster in a temp dir, starts it on 127.0.0.1:<free port> and
 * resolves once it accepts connections. Call stop() when done; if the process
 * exits first, an exit hook kills the server and removes the temp dir.
 * `durable: true` keeps PostgreSQL's own fsync, synchronous commit and full-page
 * writes, for measurements that must match a real server; tests leave them off.
 */
export async function startThrowawayPostgres(
  options: { durable?: boolean } = {},
): Promise<ThrowawayPostgres> {
  const binDir = postgresBinariesDir();
  if (binDir === undefined) {
    throw new Error(
      `No PostgreSQL binaries found: set RELAIS_PG_BIN or install PostgreSQL 15 in ${DEFAULT_BIN_DIR}.`,
    );
  }
  // mkdtemp gives a 0700 dir, which initdb requires of the data dir's owner only.
  const baseDir = mkdtempSync(join(tmpdir(), 'relais-pg-'));
  const dataDir = join(baseDir, 'data');
  const logPath = join(baseDir, 'postgres.log');
  let server: RunningServer | undefined;
  const onExit = (): void => {
    killAndRemoveSync(dataDir, baseDir);
  };
  process.once('exit', onExit);
  try {
    if (runningAsRoot()) {
      const { uid, gid } = serverUserIds();
      chownSync(baseDir, uid, gid);
    }
    await initCluster(binDir, dataDir);

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `postgres://${SERVER_USER}@127.0.0.1:${port}/postgres`;
      const candidate = spawnServer(binDir, dataDir, port, logPath, options.durable ?? false);
      server = candidate;
      try {
        await waitUntilReady(candidate, url, logPath);
      } catch (error) {
        const portTaken =
          candidate.hasExited() && /could not bind|already in use/i.test(logTail(logPath, 20));
        if (portTaken && attempt < PORT_ATTEMPTS) continue;
        throw error;
      }
      const running = candidate;
      let stopping: Promise<void> | undefined;
      return {
        url,
        stop: () => {
          stopping ??= stopServer(binDir, dataDir, baseDir, running, logPath).finally(() => {
            process.removeListener('exit', onExit);
          });
          return stopping;
        },
      };
    }
  } catch (error) {
    if (server !== undefined) {
      await stopServer(binDir, dataDir, baseDir, server, logPath).catch(() => {});
    }
    killAndRemoveSync(dataDir, baseDir);
    process.removeListener('exit', onExit);
    throw error;
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates an empty database on the server at serverUrl (superuser or CREATEDB
 * needed) and returns its URL. The name is always `relais_test_[<label>_]<uuid>`,
 * so parallel test files never share a database; `name` is only a readable
 * label (lowercased, reduced to [a-z0-9_]) to help when inspecting the server.
 */
export async function createIsolatedDatabase(serverUrl: string, name?: string): Promise<string> {
  const label = (name ?? '')
    .toLowerCase()
    .replaceAll(/[^a-z0-9_]+/g, '_')
    .replaceAll(/^_+|_+$/g, '')
    // PostgreSQL truncates identifiers at 63 bytes: 12 (prefix) + 32 (uuid) + 1 leaves 18.
    .slice(0, 18);
  const unique = randomUUID().replaceAll('-', '').toLowerCase();
  const database = `relais_test_${label === '' ? '' : `${label}_`}${unique}`;

  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
  } finally {
    await client.end();
  }

  // Keep user, password, host, port and query options (sslmode...) of serverUrl.
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
