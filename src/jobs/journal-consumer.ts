import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  comparePositions,
  type JournalEntry,
  type JournalFeed,
  type JournalPosition,
} from '../domain/journal/journal-feed.ts';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { JournalSignal } from './journal-signal.ts';

/** How one consumer reads the journal; the defaults suit the rules engine. */
export interface JournalConsumerOptions {
  /** The cursor's name in `journal_cursors`: one per kind of consumer, shared by its instances. */
  readonly name: string;
  readonly feed: JournalFeed;
  /**
   * Takes a batch's actions and resolves once they are durable; only then does the cursor move.
   * After a crash the batch is handed over again, so every action must be idempotent (keyed by
   * consumer, event and action).
   */
  readonly handle: (entries: readonly JournalEntry[]) => Promise<void>;
  /**
   * Work to run while holding the lease (e.g. deferred checks that fell due): after each cycle that
   * caught up with the journal, and at least every second while busy.
   */
  readonly onCycle?: () => Promise<void>;
  readonly logger: Logger;
  /** Rung when events were written in this process: the consumer wakes up at once. */
  readonly signal?: JournalSignal;
  readonly batchSize?: number;
  /** How long to wait before looking again when the journal is drained (a wake-up cuts it short). */
  readonly pollMs?: number;
  readonly leaseMs?: number;
}

/** A running consumer. */
export interface JournalConsumer {
  /** Asks for a cycle now (events were written): cheaper than waiting for the next poll. */
  wake(): void;
  /**
   * Resolves once every event committed before the call has been handled (tests, benchmarks).
   * Error: after `timeoutMs` (default 60 s) without getting there, e.g. while another process holds the lease.
   */
  drain(timeoutMs?: number): Promise<void>;
  /** Finishes the batch in hand, stops and gives the lease up. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/** Starts a consumer loop: claim the lease, read a batch after the cursor, handle it, advance, repeat. */
export function startJournalConsumer(options: JournalConsumerOptions): JournalConsumer {
  const { name, feed, handle, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 250;
  const leaseMs = options.leaseMs ?? 15_000;
  const owner = randomUUID();
  const log = logger.child({ consumer: name });

  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;
  // Cycles run one at a time: the loop and drain() queue on this chain.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  // While the lease is fresh the cursor is known here: claiming it again for every batch would cost a
  // commit each time. It is renewed by each advance, and claimed again once half of it has run out.
  let held: { cursor: JournalPosition; renewAfter: number } | undefined;
  const holding = (cursor: JournalPosition | undefined, since: number) => {
    held = cursor === undefined ? undefined : { cursor, renewAfter: since + leaseMs / 2 };
    return cursor;
  };
  const currentCursor = async (): Promise<JournalPosition | undefined> => {
    if (held !== undefined && performance.now() < held.renewAfter) return held.cursor;
    const since = performance.now();
    return holding(await feed.claim(name, owner, leaseMs), since);
  };
  let lastOnCycle = 0;

  // While a full batch is handled, the next one is read: the database works on both at once.
  let prefetched: { after: JournalPosition; entries: Promise<JournalEntry[]> } | undefined;
  const read = (after: JournalPosition): Promise<JournalEntry[]> => {
    const ready =
      prefetched !== undefined && comparePositions(prefetched.after, after) === 0 ? prefetched : undefined;
    prefetched = undefined;
    return ready?.entries ?? feed.readAfter(after, batchSize);
  };
  const prefetch = (after: JournalPosition) => {
    const entries = feed.readAfter(after, batchSize);
    entries.catch(() => undefined); // a failed read is simply done again by the next cycle
    prefetched = { after, entries };
  };

  /** One batch: where the cursor now is (undefined without the lease) and whether more may be waiting. */
  const cycle = async (): Promise<{ cursor: JournalPosition | undefined; more: boolean }> => {
    const cursor = await currentCursor();
    if (cursor === undefined) return { cursor, more: false }; // another process holds the lease
    const entries = await read(cursor);
    const last = entries.at(-1);
    if (last !== undefined) {
      if (entries.length === batchSize) prefetch(last.position);
      await handle(entries);
      const since = performance.now();
      held = undefined; // unknown until the advance answers
      if (!(await feed.advance(name, owner, last.position, leaseMs))) {
        log.warn('lease lost while handling a batch; the new owner replays it');
        return { cursor: undefined, more: false };
      }
      holding(last.position, since);
    }
    const more = entries.length === batchSize;
    if (options.onCycle !== undefined && (!more || performance.now() - lastOnCycle >= 1000)) {
      lastOnCycle = performance.now();
      await options.onCycle();
    }
    return { cursor: last?.position ?? cursor, more };
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (pendingWake || stopped) {
        pendingWake = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      let more = false;
      try {
        more = (await exclusive(cycle)).more;
        failures = 0;
      } catch (error) {
        failures += 1;
        log.error({ err: error, failures }, 'journal consumer cycle failed; retrying');
      }
      if (failures > 0) await sleep(Math.min(MAX_BACKOFF_MS, pollMs * 2 ** Math.min(failures, 10)));
      else if (!more) await sleep(pollMs);
    }
  };
  const running = loop();
  const wake = () => {
    if (wakeUp === undefined) pendingWake = true;
    else wakeUp();
  };
  const unsubscribe = options.signal?.subscribe(wake);

  return {
    wake,
    async drain(timeoutMs = 60_000) {
      const target = await feed.head();
      if (target === undefined) return;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { cursor, more } = await exclusive(cycle);
        if (cursor !== undefined && comparePositions(cursor, target) >= 0) {
          if (options.onCycle !== undefined) await exclusive(options.onCycle);
          return;
        }
        if (Date.now() > deadline) throw new Error(`journal consumer ${name} did not catch up in time`);
        // Below the head with nothing readable: an older transaction is still running, or the lease is taken.
        if (!more) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      unsubscribe?.();
      stopped = true;
      wakeUp?.();
      await running;
      await chain;
      await feed.release(name, owner).catch((error: unknown) => {
        log.warn({ err: error }, 'could not release the lease; it expires by itself');
      });
    },
  };
}

/** What the application gives a consumer of journal events: where to read, how often, and its lease. */
export type EventConsumerDeps = Pick<
  JournalConsumerOptions,
  'feed' | 'logger' | 'signal' | 'batchSize' | 'pollMs' | 'leaseMs'
>;

/** A consumer whose work is a use case taking each batch's events (pathways, transitions, risks). */
export function startEventConsumer(
  name: string,
  handleEvents: (events: readonly DomainEvent[]) => Promise<void>,
  deps: EventConsumerDeps,
): JournalConsumer {
  return startJournalConsumer({
    ...deps,
    name,
    handle: (entries) => handleEvents(entries.map((entry) => entry.event)),
  });
}
