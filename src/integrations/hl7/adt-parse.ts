import { Hl7Message, type Hl7Context } from '@medplum/core';
import { mapAdtMessage, type AdtMappingResult } from '../../domain/hl7/adt-mapping.ts';
import type { Hl7FieldValue, Hl7View } from '../../domain/hl7/hl7-view.ts';
import { TERRITORY_TIME_ZONE } from '../../domain/tasks/worklist.ts';

/**
 * The parsing side of ADT mapping: @medplum/core splits the message (its own delimiters from MSH-1/2),
 * this adapter turns it into the plain, unescaped view the domain mapping reads.
 */

/** Parses a message into the domain's view; null when it is not HL7 v2 at all. */
export function parseAdtView(raw: string): Hl7View | null {
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(raw.replace(/\r\n|\n/g, '\r'));
  } catch {
    return null;
  }
  const { context } = message;
  return {
    segments: message.segments
      .filter((segment) => segment.name !== '')
      .map((segment) => ({
        name: segment.name,
        // getField numbers fields as HL7 does, MSH included (its field 1 is the field separator).
        fields: Array.from({ length: segment.fields.length + (segment.name === 'MSH' ? 1 : 0) }, (_, index) =>
          segment.getField(index),
        ).map((field, index): Hl7FieldValue => {
          // MSH-1 and MSH-2 are the delimiters themselves, not values to split.
          if (segment.name === 'MSH' && index <= 2) return [[[field.toString()]]];
          return field.components.map((components) =>
            components.map((component) =>
              component.split(context.subcomponentSeparator).map((value) => unescape(value, context)),
            ),
          );
        }),
      })),
  };
}

/** Parses and maps a message; a message that does not parse is one problem. */
export function readAdtEvent(raw: string, timeZone: string = TERRITORY_TIME_ZONE): AdtMappingResult {
  const view = parseAdtView(raw);
  if (view === null) return { ok: false, problems: ['the message cannot be parsed as HL7 v2'] };
  return mapAdtMessage(view, { timeZone });
}

/**
 * The content check made before acknowledging: whether Relais can process the message. A refusal
 * (its reason) becomes an AE acknowledgement.
 */
export function checkAdtContent(raw: string): { ok: true } | { ok: false; reason: string } {
  const result = readAdtEvent(raw);
  return result.ok ? { ok: true } : { ok: false, reason: result.problems.join('; ') };
}

/** HL7 escape sequences (v2.5 §2.7): delimiters come back; formatting and hex escapes are dropped. */
function unescape(value: string, context: Hl7Context): string {
  const escape = context.escapeCharacter;
  if (!value.includes(escape)) return value;
  const delimiters: Readonly<Record<string, string>> = {
    F: context.fieldSeparator,
    S: context.componentSeparator,
    T: context.subcomponentSeparator,
    R: context.repetitionSeparator,
    E: escape,
  };
  const quoted = escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return value.replace(new RegExp(`${quoted}([^${quoted}]*)${quoted}`, 'g'), (_, code: string) =>
    code === '.br' ? '\n' : (delimiters[code] ?? ''),
  );
}
