import { DomainError } from '../shared/domain-error.ts';
import type { InboxCursor } from './notification-ports.ts';

// `u` (unread) or `r` (read), the creation time in epoch milliseconds, the id: opaque to clients.
const CURSOR = /^([ur])\.(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The cursor that continues after this notification. */
export function encodeInboxCursor(cursor: InboxCursor): string {
  return `${cursor.unread ? 'u' : 'r'}.${cursor.createdAt.getTime()}.${cursor.id}`;
}

/** Reads a cursor a previous page returned. Error: `invalid-input` when it is not one. */
export function decodeInboxCursor(text: string): InboxCursor {
  const match = CURSOR.exec(text);
  if (match === null) throw new DomainError('invalid-input', 'cursor is not one this API returned');
  return { unread: match[1] === 'u', createdAt: new Date(Number(match[2])), id: match[3] ?? '' };
}
