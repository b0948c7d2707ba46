import type { Hl7Field, Hl7Message, Hl7Segment } from '@medplum/core';
import type { AdtHeader } from '../../domain/adt-inbox/adt-header.ts';

/**
 * Reads the header the acceptance rules need from a message medplum parsed (it always starts with
 * MSH). A field the sender left out reads as empty: a truncated MSH is refused by the rules, not here.
 */
export function readAdtHeader(message: Hl7Message): AdtHeader {
  const msh = message.header;
  const messageType = mshField(msh, 9);
  return {
    fieldSeparator: message.context.fieldSeparator,
    encodingCharacters: mshField(msh, 2)?.toString() ?? '',
    application: firstComponent(mshField(msh, 3)),
    facility: firstComponent(mshField(msh, 4)),
    messageType: messageType?.toString() ?? '',
    messageCode: firstComponent(messageType),
    triggerEvent: messageType?.getComponent(2) ?? '',
    controlId: mshField(msh, 10)?.toString() ?? '',
    version: firstComponent(mshField(msh, 12)),
    evnEventType: firstComponent(message.getSegment('EVN')?.fields[1]),
  };
}

/**
 * MSH-n as sent. medplum's getField synthesizes MSH-2 from the parsing context (the four characters
 * after MSH-1), which hides a malformed MSH-2; the segment's own fields hold it as written.
 */
function mshField(msh: Hl7Segment, index: number): Hl7Field | undefined {
  return msh.fields[index - 1];
}

function firstComponent(field: Hl7Field | undefined): string {
  return field?.getComponent(1) ?? '';
}
