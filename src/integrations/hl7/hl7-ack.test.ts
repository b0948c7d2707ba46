import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import { HL7_ERRORS } from '../../domain/adt-inbox/adt-header.ts';
import { buildAckText, escapeHl7Text } from './hl7-ack.ts';

const ADMISSION = [
  'MSH|^~\\&|SIH_RELAIS|CHU_RELAIS^750000001^FINESS|RELAIS|RELAIS|20250301101500||ADT^A01^ADT_A01|PAM25-0001|P|2.5^FRA^2.11',
  'PID|||250001^^^CHU_RELAIS^PI',
].join('\r');

/** A segment's fields as split on `|` (for MSH, index n is MSH-(n+1)); empty when the segment is absent. */
const fieldsOf = (ack: string, name: string): string[] =>
  ack
    .split('\r')
    .find((segment) => segment.startsWith(`${name}|`))
    ?.split('|') ?? [];

describe('ACK building', () => {
  test('an AA echoes MSH-10 in MSA-2, swaps sender and receiver and keeps the version', () => {
    const ack = buildAckText(Hl7Message.parse(ADMISSION), 'AA', null);
    const msh = fieldsOf(ack, 'MSH');
    assert.deepEqual(msh.slice(0, 6), [
      'MSH',
      '^~\\&',
      'RELAIS',
      'RELAIS',
      'SIH_RELAIS',
      'CHU_RELAIS^750000001^FINESS',
    ]);
    assert.equal(msh[8], 'ACK^A01^ACK');
    assert.equal(msh[11], '2.5^FRA^2.11');
    assert.deepEqual(fieldsOf(ack, 'MSA'), ['MSA', 'AA', 'PAM25-0001', 'OK']);
    assert.equal(ack.split('\r').length, 2, 'no ERR segment');
  });

  test('an AR carries its reason in MSA-3 and an ERR segment with the table 0357 code, escaped', () => {
    const reason = 'version "2.7" is not one of 2.3|2.4 ^ & ~ \\';
    const ack = buildAckText(Hl7Message.parse(ADMISSION), 'AR', {
      error: HL7_ERRORS.unsupportedVersion,
      reason,
    });
    const err = fieldsOf(ack, 'ERR');
    assert.deepEqual(fieldsOf(ack, 'MSA'), ['MSA', 'AR', 'PAM25-0001', escapeHl7Text(reason)]);
    assert.equal(err[0], 'ERR');
    assert.equal(err[3], '203^Unsupported version id^HL70357');
    assert.equal(err[4], 'E');
    assert.equal(err[8], escapeHl7Text(reason));
    assert.equal(escapeHl7Text('a|b^c&d~e\\f\rg'), 'a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f g');
  });

  test('the ACK text survives medplum parsing and printing unchanged (what the listener sends is what was stored)', () => {
    const ack = buildAckText(Hl7Message.parse(ADMISSION), 'AE', {
      error: HL7_ERRORS.applicationError,
      reason: 'no PID',
    });
    assert.equal(Hl7Message.parse(ack).toString(), ack);
  });

  test('a sender refused for its separators gets an ACK in the standard ones, still echoing MSH-10', () => {
    const odd = 'MSH|^!\\&|PAS_TEST|CH_TEST|RELAIS|RELAIS|20250601080000||ADT^A01|BAD-0001|P|2.5';
    const ack = buildAckText(Hl7Message.parse(odd), 'AR', { error: HL7_ERRORS.dataType, reason: 'MSH-2' });
    const msh = fieldsOf(ack, 'MSH');
    assert.equal(msh[1], '^~\\&');
    assert.equal(msh[4], 'PAS_TEST');
    assert.equal(msh[8], 'ACK^A01');
    assert.equal(fieldsOf(ack, 'MSA')[2], 'BAD-0001');
  });

  test('an unparseable frame gets an AR with an empty MSA-2', () => {
    const ack = buildAckText(null, 'AR', { error: HL7_ERRORS.segmentSequence, reason: 'no MSH' });
    assert.equal(fieldsOf(ack, 'MSH')[8], 'ACK');
    assert.deepEqual(fieldsOf(ack, 'MSA'), ['MSA', 'AR', '', 'no MSH']);
  });
});
