/**
 * A message pushed to open browser connections: `type` names it (the SSE event name, e.g.
 * `notification`, `worklist-changed`), `data` is JSON-serialisable and carries no patient identity.
 */
export interface LiveMessage {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Port: pushes a message to every open live connection of the given accounts. Best effort, after
 * commit: a client that was offline resynchronises from the durable state when it reconnects.
 * Error: throws `invalid-input` when the type is not a lower-case token (it becomes an SSE event name).
 */
export interface LivePublisher {
  publish(accountIds: readonly string[], message: LiveMessage): void;
}

/** Port: the other side of the channel, for the live endpoint. Returns the way to unsubscribe. */
export interface LiveSubscriptions {
  subscribe(accountId: string, listener: (message: LiveMessage) => void): () => void;
}

/** SSE event names are one line; a lower-case token keeps them safe and predictable. */
export const LIVE_TYPE = /^[a-z][a-z0-9.-]{0,63}$/;
