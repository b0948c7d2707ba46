import { Hl7Context, Hl7Message, Hl7Segment } from '@medplum/core';
import type { Hl7Error } from '../../domain/adt-inbox/adt-header.ts';
import type { AckCode } from '../../domain/adt-inbox/adt-intake.ts';

/** Why a message was not accepted, as sent back in MSA-3 and the ERR segment. */
export interface AckProblem {
  readonly error: Hl7Error;
  readonly reason: string;
}

const STANDARD = new Hl7Context();

/**
 * The ACK (er7, segments separated by \r) for a message, or for a frame that could not be parsed
 * (`null`: MSA-2 is then empty). medplum's buildAck echoes MSH-10 in MSA-2 and swaps sender and
 * receiver; an AE/AR also carries its reason in MSA-3 and an ERR segment (HL7 table 0357 code in
 * ERR-1 for v2.3/2.4 receivers and ERR-3 for v2.5, the reason in ERR-8). The ACK always uses the
 * standard separators, even to a sender refused for using others.
 */
export function buildAckText(
  message: Hl7Message | null,
  ackCode: AckCode,
  problem: AckProblem | null,
): string {
  const source = message !== null && usesStandardSeparators(message) ? message : standardCopyOf(message);
  const ack = source.buildAck(problem === null ? { ackCode } : { ackCode, errSegment: errSegment(problem) });
  if (problem !== null) ack.getSegment('MSA')?.setField(3, escapeHl7Text(problem.reason));
  return ack.toString();
}

/** Text made safe for an HL7 field: separators become escape sequences (HL7 v2.5 §2.7.4), line breaks spaces. */
export function escapeHl7Text(text: string): string {
  return text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/[\r\n]+/g, ' ');
}

function errSegment({ error, reason }: AckProblem): Hl7Segment {
  return new Hl7Segment(
    [
      'ERR',
      `^^^${error.code}&${error.text}&HL70357`,
      '',
      `${error.code}^${error.text}^HL70357`,
      'E',
      '',
      '',
      '',
      escapeHl7Text(reason),
    ],
    STANDARD,
  );
}

function usesStandardSeparators(message: Hl7Message): boolean {
  const msh = message.header;
  return (
    message.context.fieldSeparator === STANDARD.fieldSeparator &&
    msh.fields[1]?.toString() === STANDARD.getMsh2()
  );
}

/**
 * An MSH with the standard separators holding what the ACK echoes (first components, escaped), for
 * a sender whose own separators were refused, or none at all for an unparseable frame.
 */
function standardCopyOf(message: Hl7Message | null): Hl7Message {
  const component = (field: number, index = 1) =>
    escapeHl7Text(message?.header.fields[field - 1]?.getComponent(index) ?? '');
  const version = message === null ? '2.5' : component(12);
  const type = `${component(9)}^${component(9, 2)}`;
  const fields = ['MSH', STANDARD.getMsh2(), component(3), component(4), component(5), component(6)];
  const msh = new Hl7Segment([...fields, '', '', type, component(10), '', version], STANDARD);
  return new Hl7Message([msh], STANDARD);
}
