import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Live messages from the server (`GET /api/live`, server-sent events). One EventSource per tab is
 * shared by every component that listens; it opens with the first listener and closes with the last.
 * The session cookie authenticates it. The server sends `ready` each time the stream (re)opens, so
 * listen to `ready` to reload what may have changed while the connection was down.
 */

type Handler = (data: unknown) => void;

const handlers = new Map<string, Set<Handler>>();
let source: EventSource | null = null;

function dispatch(event: Event): void {
  const data = parse((event as MessageEvent<string>).data);
  for (const handler of handlers.get(event.type) ?? []) handler(data);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function subscribe(type: string, handler: Handler): () => void {
  source ??= new EventSource('/api/live');
  let own = handlers.get(type);
  if (own === undefined) {
    handlers.set(type, (own = new Set()));
    source.addEventListener(type, dispatch);
  }
  own.add(handler);
  return () => {
    own.delete(handler);
    if (own.size === 0) {
      handlers.delete(type);
      source?.removeEventListener(type, dispatch);
    }
    if (handlers.size === 0) {
      source?.close();
      source = null;
    }
  };
}

/**
 * Calls `handler` with the data of each live message of `type` (`notification`,
 * `notifications-read`, `worklist-changed`, `ready`…) while the component is mounted. The data is
 * parsed JSON, shaped as the server's contract for that type says (see src/contracts).
 */
export function useLiveEvents(type: string, handler: (data: unknown) => void): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => subscribe(type, (data) => latest.current(data)), [type]);
}

/** Sent on each (re)connection of the live stream: anything pushed while offline was missed. */
const LIVE_READY = 'ready';

/**
 * Calls `onChange` when a kind of data changes: announced in this tab by a window event named
 * `localName`, or pushed by the server as `liveType` (and after the stream reconnects, since a push
 * may have been missed). Pass a stable callback.
 */
export function useChangeSignal(localName: string, liveType: string, onChange: () => void): void {
  useEffect(() => {
    window.addEventListener(localName, onChange);
    return () => window.removeEventListener(localName, onChange);
  }, [localName, onChange]);
  useLiveEvents(liveType, onChange);
  useLiveEvents(LIVE_READY, onChange);
}
