/**
 * An in-process "events were written" signal: writers ring it once their transaction committed and
 * consumers wake up at once instead of at their next poll. Polling stays the safety net (and the only
 * path for writes from other processes), so a missed ring only costs latency.
 */
export interface JournalSignal {
  ring(): void;
  subscribe(listener: () => void): () => void;
}

export function createJournalSignal(): JournalSignal {
  const listeners = new Set<() => void>();
  return {
    ring() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The same port, ringing the signal after each of its (async) methods resolves. */
export function ringingAfterWrites<T extends object>(port: T, signal: JournalSignal): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(port)) {
    wrapped[name] =
      typeof member === 'function'
        ? async (...args: unknown[]) => {
            const result: unknown = await (member as (...a: unknown[]) => Promise<unknown>).apply(port, args);
            signal.ring();
            return result;
          }
        : member;
  }
  return wrapped as T;
}
