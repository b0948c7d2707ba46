/**
 * What the wire reads from a message's MSH (and EVN) segment, as plain text: the acceptance rules
 * below decide on it without knowing the parser.
 */
export interface AdtHeader {
  /** MSH-1, the field separator. */
  readonly fieldSeparator: string;
  /** MSH-2 as sent. */
  readonly encodingCharacters: string;
  /** MSH-3, first component. */
  readonly application: string;
  /** MSH-4, first component: with MSH-10, the sender's idempotency key. */
  readonly facility: string;
  /** MSH-9 as sent, e.g. `ADT^A01^ADT_A01`. */
  readonly messageType: string;
  /** MSH-9.1, e.g. `ADT`. */
  readonly messageCode: string;
  /** MSH-9.2, e.g. `A01` (empty in some v2.3 senders, who put the event in EVN-1). */
  readonly triggerEvent: string;
  /** MSH-10, the message control id. */
  readonly controlId: string;
  /** MSH-12.1, e.g. `2.5` (PAM France sends `2.5^FRA^2.11`). */
  readonly version: string;
  /** EVN-1, empty when there is no EVN segment. */
  readonly evnEventType: string;
}

/** The ADT events Relais takes (issue 7): admit, transfer, discharge, register, update, cancels, merge. */
export const ADT_EVENTS: readonly string[] = ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13', 'A40'];

/** HL7 v2 versions whose ADT messages Relais reads (PAM France 2.11 is v2.5). */
export const ADT_VERSIONS: readonly string[] = ['2.3', '2.3.1', '2.4', '2.5'];

/** The encoding characters Relais reads; others are refused rather than half-understood. */
export const STANDARD_FIELD_SEPARATOR = '|';
export const STANDARD_ENCODING_CHARACTERS = '^~\\&';

/**
 * Error codes of HL7 table 0357 ("Message error condition codes", HL7 v2.5 chapter 2), sent in
 * the ACK's ERR segment with the reason.
 */
export const HL7_ERRORS = {
  segmentSequence: { code: '100', text: 'Segment sequence error' },
  requiredFieldMissing: { code: '101', text: 'Required field missing' },
  dataType: { code: '102', text: 'Data type error' },
  unsupportedMessageType: { code: '200', text: 'Unsupported message type' },
  unsupportedEvent: { code: '201', text: 'Unsupported event code' },
  unsupportedVersion: { code: '203', text: 'Unsupported version id' },
  applicationError: { code: '207', text: 'Application internal error' },
} as const;
export type Hl7Error = (typeof HL7_ERRORS)[keyof typeof HL7_ERRORS];

/** Longest facility and control id the inbox keeps (HL7 v2.5 allows 199 characters for MSH-10). */
export const MAX_KEY_LENGTH = 199;

export type HeaderVerdict =
  | { readonly accepted: true; readonly event: string }
  | { readonly accepted: false; readonly event: string; readonly error: Hl7Error; readonly reason: string };

/** The event a message announces: MSH-9.2, or EVN-1 when MSH-9.2 is empty (older senders). */
export function eventOf(header: AdtHeader): string {
  return header.triggerEvent !== '' ? header.triggerEvent : header.evnEventType;
}

/** Whether Relais takes a message with this header, and if not, the HL7 error and a reason to send back. */
export function acceptAdtHeader(header: AdtHeader): HeaderVerdict {
  const event = eventOf(header);
  const refuse = (error: Hl7Error, reason: string): HeaderVerdict => ({
    accepted: false,
    event,
    error,
    reason,
  });
  if (header.fieldSeparator !== STANDARD_FIELD_SEPARATOR)
    return refuse(HL7_ERRORS.dataType, `MSH-1 must be "${STANDARD_FIELD_SEPARATOR}"`);
  if (header.encodingCharacters !== STANDARD_ENCODING_CHARACTERS)
    return refuse(HL7_ERRORS.dataType, `MSH-2 must be "${STANDARD_ENCODING_CHARACTERS}"`);
  if (header.controlId === '')
    return refuse(HL7_ERRORS.requiredFieldMissing, 'MSH-10 (message control id) is empty');
  if (header.controlId.length > MAX_KEY_LENGTH)
    return refuse(HL7_ERRORS.dataType, `MSH-10 is longer than ${MAX_KEY_LENGTH} characters`);
  if (header.facility === '')
    return refuse(HL7_ERRORS.requiredFieldMissing, 'MSH-4 (sending facility) is empty');
  if (header.facility.length > MAX_KEY_LENGTH)
    return refuse(HL7_ERRORS.dataType, `MSH-4 is longer than ${MAX_KEY_LENGTH} characters`);
  if (header.messageCode !== 'ADT')
    return refuse(HL7_ERRORS.unsupportedMessageType, 'only ADT messages are accepted (MSH-9.1)');
  if (event === '')
    return refuse(HL7_ERRORS.requiredFieldMissing, 'no trigger event (MSH-9.2 and EVN-1 are empty)');
  if (!ADT_EVENTS.includes(event))
    return refuse(HL7_ERRORS.unsupportedEvent, `event ${event} is not one of ${ADT_EVENTS.join(', ')}`);
  if (!ADT_VERSIONS.includes(header.version))
    return refuse(
      HL7_ERRORS.unsupportedVersion,
      `version "${header.version}" is not one of ${ADT_VERSIONS.join(', ')} (MSH-12.1)`,
    );
  return { accepted: true, event };
}

/** Whether a header carries a usable idempotency key, so that its answer can be stored and replayed. */
export function hasIdempotencyKey(header: AdtHeader): boolean {
  return (
    header.facility !== '' &&
    header.facility.length <= MAX_KEY_LENGTH &&
    header.controlId !== '' &&
    header.controlId.length <= MAX_KEY_LENGTH
  );
}
