import { Hl7Message } from '@medplum/core';
import type { AdtContentCheck } from '../../domain/adt-inbox/adt-content-check.ts';
import { HL7_ERRORS } from '../../domain/adt-inbox/adt-header.ts';
import type {
  AdtInboxWriter,
  InboxArrival,
  InboxStoreResult,
} from '../../domain/adt-inbox/adt-inbox-ports.ts';
import { decideIntake } from '../../domain/adt-inbox/adt-intake.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { NewId } from '../../domain/shared/new-id.ts';
import { buildAckText } from './hl7-ack.ts';
import { createGroupCommit } from './group-commit.ts';
import { readAdtHeader } from './hl7-header.ts';

/** Takes HL7 v2 messages in, from MLLP or HTTP alike, and answers each with its ACK (er7). */
export interface AdtIntake {
  /** Decides, stores when there is something to keep, and resolves with the ACK once it is durable. */
  receive(message: Hl7Message): Promise<string>;
  /** The same for a text (HTTP body: segments separated by \r or \n). Error: `invalid-input` when it is not HL7 v2. */
  receiveText(text: string): Promise<string>;
  /** The AR for a frame that could not be parsed at all (no MSH): MSA-2 empty, nothing stored. */
  unparseable(): string;
}

const NO_MSH = {
  error: HL7_ERRORS.segmentSequence,
  reason: 'the message does not start with an MSH segment',
};

/**
 * Store-then-ACK (ADR 0010): an AA is handed out only after the batch holding its message was
 * committed; a repeat (same MSH-4 and MSH-10) gets the ACK stored with the first, byte for byte.
 * Messages arriving together are written together (group commit).
 */
export function createAdtIntake(deps: {
  readonly writer: AdtInboxWriter;
  readonly check: AdtContentCheck;
  readonly clock: Clock;
  readonly newId: NewId;
  /** Told after a commit that stored messages to apply (wakes the apply loop). */
  readonly onStored?: () => void;
}): AdtIntake {
  const commit = createGroupCommit<InboxArrival, InboxStoreResult>(async (arrivals) => {
    const results = await deps.writer.store(arrivals);
    if (arrivals.some((arrival, i) => arrival.status === 'received' && results[i]?.stored === true))
      deps.onStored?.();
    return results;
  });

  const receive = async (message: Hl7Message): Promise<string> => {
    const header = readAdtHeader(message);
    // Segments separated (not terminated) by \r, whatever the sender used.
    const raw = message.toString().replace(/\r+$/, '');
    const decision = decideIntake(header, raw, deps.check);
    const ackText = buildAckText(message, decision.ackCode, decision.error);
    if (decision.keep === 'unkeyed') return ackText;
    const result = await commit.submit({
      id: deps.newId(),
      facility: header.facility,
      application: header.application,
      controlId: header.controlId,
      event: decision.event,
      messageType: header.messageType,
      version: header.version,
      raw,
      receivedAt: deps.clock(),
      ackCode: decision.ackCode,
      ackText,
      status: decision.keep,
      statusReason: decision.error?.reason ?? null,
    });
    return result.stored ? ackText : result.ackText;
  };

  return {
    receive,
    receiveText(text) {
      const trimmed = text.trim();
      if (!trimmed.startsWith('MSH'))
        throw new DomainError('invalid-input', 'the body is not an HL7 v2 message (it must start with MSH)');
      return receive(Hl7Message.parse(trimmed));
    },
    unparseable: () => buildAckText(null, 'AR', NO_MSH),
  };
}
