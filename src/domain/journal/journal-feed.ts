import type { DomainEvent } from './domain-event.ts';

/**
 * Where an event sits in the journal. Consumers read in (tx, seq) order: `tx` is the id of the
 * transaction that wrote the event, so a transaction that took a lower `seq` but commits later is
 * still read (see docs/adr/0005-journal-read-order.md).
 */
export interface JournalPosition {
  /** The writing transaction's id (PostgreSQL xid8), as decimal text. */
  readonly tx: string;
  /** The event's `seq`, as decimal text (int8). */
  readonly seq: string;
}

/** The position before every event: where a new consumer starts. */
export const JOURNAL_START: JournalPosition = { tx: '0', seq: '0' };

/** Orders two positions as consumers read them: by transaction, then by seq. */
export function comparePositions(a: JournalPosition, b: JournalPosition): number {
  const byTx = BigInt(a.tx) - BigInt(b.tx);
  if (byTx !== 0n) return byTx < 0n ? -1 : 1;
  const bySeq = BigInt(a.seq) - BigInt(b.seq);
  return bySeq === 0n ? 0 : bySeq < 0n ? -1 : 1;
}

/** An event as a consumer receives it: the event and its position. */
export interface JournalEntry {
  readonly position: JournalPosition;
  readonly event: DomainEvent;
}

/**
 * Port: the journal as consumers read it, with one durable cursor and one lease per consumer.
 * The lease lets several Relais processes share a database while only one of them runs a consumer.
 */
export interface JournalFeed {
  /**
   * Takes (or renews) the consumer's lease for `leaseMs` and returns its cursor; undefined while
   * another owner's lease is live. A new consumer starts at JOURNAL_START.
   */
  claim(consumer: string, owner: string, leaseMs: number): Promise<JournalPosition | undefined>;
  /**
   * Up to `limit` events after `after`, in (tx, seq) order, written by transactions that can no longer
   * be in flight: a later call never returns an event that sorts before one already returned.
   */
  readAfter(after: JournalPosition, limit: number): Promise<JournalEntry[]>;
  /** The position of the last event committed so far (by read order), or undefined when there is none. */
  head(): Promise<JournalPosition | undefined>;
  /**
   * Moves the cursor forward to `to` (never backwards) while `owner` holds the lease; false when the
   * lease was lost, so the caller stops and lets the new owner go on.
   */
  advance(consumer: string, owner: string, to: JournalPosition, leaseMs: number): Promise<boolean>;
  /** Gives the lease up (on shutdown), so another process may take over at once. */
  release(consumer: string, owner: string): Promise<void>;
}
