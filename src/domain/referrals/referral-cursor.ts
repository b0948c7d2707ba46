import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';

/** Where an inbox page ended: the inbox order is urgency, then the oldest waiting stage, then id. */
export interface InboxCursor {
  readonly urgencyRank: number;
  readonly stageStartedAt: Date;
  readonly id: string;
}

/** Where an outbox page ended: the most recently changed first, then id. */
export interface OutboxCursor {
  readonly updatedAt: Date;
  readonly id: string;
}

export const DEFAULT_REFERRAL_PAGE = 50;
export const MAX_REFERRAL_PAGE = 100;

/** Error: `invalid-input` when the page size is outside 1..MAX_REFERRAL_PAGE. */
export function checkReferralPageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REFERRAL_PAGE) {
    throw new DomainError('invalid-input', `limit must be a whole number from 1 to ${MAX_REFERRAL_PAGE}`);
  }
  return limit;
}

export function encodeInboxCursor(cursor: InboxCursor): string {
  return encode(['i', cursor.urgencyRank, cursor.stageStartedAt.toISOString(), cursor.id]);
}

export function encodeOutboxCursor(cursor: OutboxCursor): string {
  return encode(['o', cursor.updatedAt.toISOString(), cursor.id]);
}

/** Error: `invalid-input` when the token is not an inbox page token from this server. */
export function decodeInboxCursor(token: string): InboxCursor {
  const parts = decode(token);
  const [tag, rank, startedAt, id] = parts;
  const at = dateOf(startedAt);
  if (parts.length !== 4 || tag !== 'i' || typeof rank !== 'number' || !Number.isInteger(rank))
    throw invalid();
  if (at === undefined || typeof id !== 'string' || !isUuid(id)) throw invalid();
  return { urgencyRank: rank, stageStartedAt: at, id };
}

/** Error: `invalid-input` when the token is not an outbox page token from this server. */
export function decodeOutboxCursor(token: string): OutboxCursor {
  const parts = decode(token);
  const [tag, updatedAt, id] = parts;
  const at = dateOf(updatedAt);
  if (parts.length !== 3 || tag !== 'o' || at === undefined || typeof id !== 'string' || !isUuid(id))
    throw invalid();
  return { updatedAt: at, id };
}

const invalid = () =>
  new DomainError('invalid-input', 'cursor is not a page token from a previous answer of this list');

// URL-safe base64 of a JSON array: opaque to clients, cheap to check.
function encode(parts: readonly (string | number)[]): string {
  return btoa(JSON.stringify(parts)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decode(token: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(atob(token.replaceAll('-', '+').replaceAll('_', '/')));
    if (Array.isArray(parsed)) return parsed as unknown[];
  } catch {
    // fall through: not a token of ours
  }
  throw invalid();
}

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
