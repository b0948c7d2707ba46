import { request, type IncomingMessage } from 'node:http';

/** One server-sent event as a browser's EventSource would dispatch it. */
export interface ServerSentEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * A minimal EventSource over a real HTTP connection: collects events, lets a test wait for the next of
 * a type, and tells when the server ended the stream.
 */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const events: ServerSentEvent[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  let ended = false;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, resolve);
    req.on('error', reject);
    req.end();
  });
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) type = line.slice('event: '.length);
        else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      }
      if (data.length > 0) events.push({ type, data: JSON.parse(data.join('\n')) as unknown });
    }
    wake();
  });
  const closed = new Promise<void>((resolve) => {
    response.on('close', () => {
      ended = true;
      wake();
      resolve();
    });
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    events,
    closed,
    get ended() {
      return ended;
    },
    /** The first event of this type after the `seen`-th one, waiting up to `ms`. */
    async next(type: string, seen = 0, ms = 5_000): Promise<ServerSentEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.filter((event) => event.type === type)[seen];
        if (found !== undefined) return found;
        if (ended || Date.now() > deadline)
          throw new Error(`no "${type}" event (have: ${events.map((e) => e.type).join(', ')})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close() {
      response.destroy();
    },
  };
}
