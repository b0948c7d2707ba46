import { createServer, type Socket } from 'node:net';
import { Hl7Message } from '@medplum/core';
import { Hl7Connection, type Hl7ErrorEvent, type Hl7MessageEvent } from '@medplum/hl7';
import type { Logger } from 'pino';
import type { AdtIntake } from './adt-intake.ts';

/** The MLLP listener, once bound. */
export interface MllpListener {
  /** The port it listens on (the one chosen by the system when configured as 0). */
  readonly port: number;
  /** Stops accepting, lets the ACKs in progress go out, then closes every connection. */
  close(): Promise<void>;
}

/**
 * Listens for HL7 v2 over MLLP. Framing and parsing are medplum's Hl7Connection (start byte VT,
 * end bytes FS CR; bytes outside a frame are skipped). Its Hl7Server is not used because it cannot
 * bind to a chosen address and retries a busy port forever instead of failing the start.
 */
export async function startMllpListener(options: {
  readonly host: string;
  readonly port: number;
  readonly intake: AdtIntake;
  readonly logger: Logger;
}): Promise<MllpListener> {
  const log = options.logger.child({ listener: 'hl7-mllp' });
  const open = new Map<Socket, { connection: Hl7Connection; settled: () => Promise<void> }>();
  const server = createServer((socket) => {
    const connection = new Hl7Connection(socket);
    closeWhenFlooded(socket, connection);
    open.set(socket, { connection, settled: serve(connection, options.intake, log) });
    socket.once('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the MLLP listener has no TCP port');
  log.info({ host: options.host, port: address.port }, 'HL7 MLLP listener started');
  return {
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(
        [...open.values()].map(async ({ connection, settled }) => {
          await settled();
          await connection.close();
        }),
      );
      await closed;
    },
  };
}

/**
 * Answers each message on one connection, in the order they came (senders may keep several in
 * flight). A frame medplum cannot parse (it does not start with MSH) arrives as an 'error' event
 * and gets an AR; other errors (a reset socket) need no answer. When storing fails no ACK is sent
 * and the connection is closed, so the sender sends again.
 */
function serve(connection: Hl7Connection, intake: AdtIntake, log: Logger): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  const answer = (ack: Promise<string>): void => {
    tail = tail.then(async () => {
      try {
        const text = await ack;
        if (!connection.isClosed()) connection.send(Hl7Message.parse(text));
      } catch (error) {
        log.error({ err: error }, 'HL7 message not stored');
        await connection.close();
      }
    });
  };
  connection.addEventListener('message', (event: Hl7MessageEvent) => answer(intake.receive(event.message)));
  connection.addEventListener('error', (event: Hl7ErrorEvent) => {
    if (isParseFailure(event.error)) answer(Promise.resolve(intake.unparseable()));
    else log.debug({ err: event.error }, 'HL7 connection error');
  });
  return () => tail;
}

/** More than this without a complete frame is not HL7 traffic (the HTTP intake takes 1 MB bodies). */
const MAX_BYTES_WITHOUT_FRAME = 16 * 1024 * 1024;

/**
 * medplum's framing buffers until the end bytes come, however long that takes: a peer sending data
 * that never ends a frame is disconnected instead of growing the buffer without bound.
 */
function closeWhenFlooded(socket: Socket, connection: Hl7Connection): void {
  let sinceLastFrame = 0;
  const frameEnded = () => {
    sinceLastFrame = 0;
  };
  connection.addEventListener('message', frameEnded);
  connection.addEventListener('error', frameEnded);
  socket.on('data', (data: Buffer) => {
    sinceLastFrame += data.length;
    if (sinceLastFrame > MAX_BYTES_WITHOUT_FRAME) socket.destroy();
  });
}

/** medplum's Hl7Message.parse marks the frames it refuses (no MSH at the start) this way. */
function isParseFailure(error: Error): boolean {
  return (error as Error & { type?: unknown }).type === 'entity.parse.failed';
}
