import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type TransactionSettings,
} from 'kysely';
import type { Database } from './database-schema.ts';

/** Runs `work` so that everything it writes commits together or not at all. */
export type UnitOfWork = <T>(work: () => Promise<T>) => Promise<T>;

/** One open unit of work: its connection (inside its transaction), its savepoints and its end hooks. */
interface OpenUnit {
  readonly connection: DatabaseConnection;
  open: boolean;
  /** The end of the nested transaction running now: they take turns, as savepoints do not interleave. */
  nested: Promise<void>;
  endNested: (() => void) | undefined;
  readonly afterEnd: (() => Promise<void>)[];
}

const ambient = new AsyncLocalStorage<OpenUnit>();

/**
 * Runs `task` once the current unit of work has ended (committed or rolled back), outside it, before
 * the unit's caller resumes; runs it now when no unit is open. Answers whether it was deferred.
 */
export function afterUnitOfWork(task: () => Promise<void>): boolean {
  const unit = ambient.getStore();
  if (unit?.open !== true) return false;
  unit.afterEnd.push(task);
  return true;
}

/** Whether the caller runs inside an open unit of work (its statements join that transaction). */
export function inUnitOfWork(): boolean {
  return ambient.getStore()?.open === true;
}

/** Runs `callback` outside any unit of work: timers it starts do not carry the unit along. */
export function outsideUnitOfWork<T>(callback: () => T): T {
  return ambient.exit(callback);
}

/** A lock for a driver that has a single connection (PGlite): one holder at a time. */
class ConnectionLock {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async obtain(): Promise<void> {
    while (this.#held !== undefined) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  release(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

/**
 * A driver that lets a unit of work hold one connection in one transaction while the code inside it
 * keeps calling `db` as usual: statements run on the unit's connection, and a store's own
 * `db.transaction()` becomes a savepoint in it (isolation settings do not apply there). Outside a unit,
 * it is the driver it wraps. It takes over the single-connection lock Kysely keeps for PGlite, which
 * would otherwise make the statements inside a unit wait for the unit itself.
 */
class UnitOfWorkDriver implements Driver {
  readonly #inner: Driver;
  readonly #lock: ConnectionLock | undefined;
  #initialized: Promise<void> | undefined;

  constructor(inner: Driver, singleConnection: boolean) {
    this.#inner = inner;
    this.#lock = singleConnection ? new ConnectionLock() : undefined;
  }

  init(): Promise<void> {
    this.#initialized ??= this.#inner.init();
    return this.#initialized;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const unit = ambient.getStore();
    if (unit?.open === true) return unit.connection;
    await this.#lock?.obtain();
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (this.#unitOf(connection) !== undefined) return;
    await this.#inner.releaseConnection(connection);
    this.#lock?.release();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const unit = this.#unitOf(connection);
    if (unit === undefined) return this.#inner.beginTransaction(connection, settings);
    const previous = unit.nested;
    let done = () => {};
    unit.nested = new Promise((resolve) => (done = resolve));
    await previous;
    unit.endNested = done;
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${NESTED}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const unit = this.#unitOf(connection);
    if (unit === undefined) return this.#inner.commitTransaction(connection);
    await this.#endNested(unit, `release savepoint ${NESTED}`);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const unit = this.#unitOf(connection);
    if (unit === undefined) return this.#inner.rollbackTransaction(connection);
    await this.#endNested(unit, `rollback to savepoint ${NESTED}`);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  /** Opens a unit: a connection of its own in a transaction, committed when `work` resolves. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (inUnitOfWork()) return work();
    await this.init();
    await this.#lock?.obtain();
    const connection = await this.#inner.acquireConnection();
    const unit: OpenUnit = {
      connection,
      open: true,
      nested: Promise.resolve(),
      endNested: undefined,
      afterEnd: [],
    };
    units.set(connection, unit);
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      await this.#inner.beginTransaction(connection, {});
      try {
        outcome = { ok: true, value: await ambient.run(unit, work) };
        unit.open = false;
        await this.#inner.commitTransaction(connection);
      } catch (error) {
        outcome = { ok: false, error };
        if (unit.open) {
          unit.open = false;
          await this.#inner.rollbackTransaction(connection);
        }
      }
    } finally {
      unit.open = false;
      units.delete(connection);
      await this.#inner.releaseConnection(connection);
      this.#lock?.release();
    }
    // Hooks run with the connection given back: they write on their own, outside the unit.
    await outsideUnitOfWork(() => Promise.all(unit.afterEnd.map((task) => task())));
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  #unitOf(connection: DatabaseConnection): OpenUnit | undefined {
    const unit = units.get(connection);
    return unit?.open === true ? unit : undefined;
  }

  async #endNested(unit: OpenUnit, command: string): Promise<void> {
    try {
      await unit.connection.executeQuery(CompiledQuery.raw(command));
    } finally {
      const done = unit.endNested;
      unit.endNested = undefined;
      done?.();
    }
  }
}

/** The savepoint of a store's own transaction inside a unit. */
const NESTED = 'unit_of_work_nested';
const units = new WeakMap<DatabaseConnection, OpenUnit>();
const unitsOfWork = new WeakMap<Kysely<Database>, UnitOfWork>();

/**
 * The dialect with units of work: `dialect` whose driver is wrapped as above, and the function that
 * runs a unit on it. `singleConnection` for drivers with one connection (PGlite).
 */
export function withUnitsOfWork(
  dialect: Dialect,
  singleConnection: boolean,
): { dialect: Dialect; unitOfWork: UnitOfWork } {
  const driver = new UnitOfWorkDriver(dialect.createDriver(), singleConnection);
  return {
    dialect: {
      createDriver: () => driver,
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createAdapter: () => multiConnectionAdapter(dialect.createAdapter()),
      createIntrospector: (db) => dialect.createIntrospector(db),
    },
    unitOfWork: (work) => driver.run(work),
  };
}

/** Registers the unit of work of a database, so services built on `db` alone can find it. */
export function registerUnitOfWork(db: Kysely<Database>, unitOfWork: UnitOfWork): void {
  unitsOfWork.set(db, unitOfWork);
}

/** The unit of work of a database opened by `openDatabase`. */
export function unitOfWorkOf(db: Kysely<Database>): UnitOfWork {
  const unitOfWork = unitsOfWork.get(db);
  if (unitOfWork === undefined) throw new Error('this database was not opened with units of work');
  return unitOfWork;
}

/** The adapter as is, except that Kysely keeps no connection lock of its own: the driver does. */
function multiConnectionAdapter(adapter: DialectAdapter): DialectAdapter {
  return new Proxy(adapter, {
    get(target, key) {
      if (key === 'supportsMultipleConnections') return true;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
