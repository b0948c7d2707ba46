import { readdirSync, readFileSync } from 'node:fs';
import { Hl7Message, Hl7Segment } from '@medplum/core';
import type { Hl7Client, Hl7MessageEvent } from '@medplum/hl7';

const FIXTURES = new URL('../fixtures/hl7/', import.meta.url);

/** The HL7 corpus of tests/fixtures/hl7 (one message a file, segments separated by \r), in name order. */
export function readHl7Fixtures(folder: 'valid' | 'malformed'): { name: string; text: string }[] {
  const dir = new URL(`${folder}/`, FIXTURES);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.hl7'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}

/** A message to hand to medplum's client, including one without MSH (which Hl7Message.parse refuses). */
export function hl7MessageOf(text: string): Hl7Message {
  if (text.startsWith('MSH')) return Hl7Message.parse(text);
  return new Hl7Message(
    text
      .split('\r')
      .filter((line) => line !== '')
      .map((line) => Hl7Segment.parse(line)),
  );
}

/**
 * Sends on the client's connection and resolves with the next message that comes back: for messages
 * whose ACK cannot be matched by control id (none in MSH-10, or no MSH at all), which sendAndWait
 * refuses or would wait for forever. Only one such send at a time on a connection.
 */
export async function sendForNextAck(client: Hl7Client, message: Hl7Message): Promise<Hl7Message> {
  const connection = await client.connect();
  return new Promise((resolve) => {
    connection.addEventListener('message', (event: Hl7MessageEvent) => resolve(event.message), {
      once: true,
    });
    connection.send(message);
  });
}

/** MSA-1 and MSA-2 of an ACK. */
export function ackOf(ack: Hl7Message): { code: string; controlId: string } {
  const msa = ack.getSegment('MSA');
  return { code: msa?.getComponent(1, 1) ?? '', controlId: msa?.getComponent(2, 1) ?? '' };
}

/**
 * A fictional PAM France A01 with its own control id (load and crash tests): no INS, a local id and
 * a visit number derived from `n`.
 */
export function syntheticAdmission(n: number, facility = 'CHU_CHARGE'): string {
  const id = String(n).padStart(7, '0');
  return [
    `MSH|^~\\&|SIH_CHARGE|${facility}|RELAIS|RELAIS|20250301101500||ADT^A01^ADT_A01|LOAD-${id}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|||2.11^IHE_FRANCE-2.11-PAM`,
    'EVN||20250301101500||||20250301101000',
    `PID|||${id}^^^${facility}^PI||CHARGE^PATIENT^^^^^L||19700101|F`,
    `PV1||I|MED^1^1^${facility}|U|||||||||||||||V${id}^^^${facility}^VN`,
    `ZBE|M${id}^${facility}|20250301101000||INSERT|N`,
  ].join('\r');
}
