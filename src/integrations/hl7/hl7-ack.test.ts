import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import { HL7_ERRORS } from '../../domain/adt-inbox/adt-header.ts';
import { buildAckText, escapeHl7Text } from './hl7-ack.ts';

const ADMISSION = [
  'MSH|^~\\&|SIH_RELAIS|CHU_RELAIS^750000001^FINESS|RELAIS|RELAIS|20250301101500||ADT^A01^ADT_A01|PAM25-0001|P|2.5^FRA^2.11',
  'PID|||250001^^^CHU_RELAIS^PI',
].join('\r');

const segments = (ack: string) => ack.split('\r').map((segment) => segment.split('|'));

describe('ACK building', () => {
  test('an AA echoes MSH-10 in MSA-2, swaps sender and receiver and keeps the version', () => {
    const [msh, msa, ...rest] = segments(buildAckText(Hl7Message.parse(ADMISSION), 'AA', null));
    assert.deepEqual(msh?.slice(0, 6), [
      'MSH',
      '^~\\&',
      'RELAIS',
      'RELAIS',
      'SIH_RELAIS',
      'CHU_RELAIS^750000001^FINESS',
    ]);
    assert.equal(msh?.[8], 'ACK^A01^ACK');
    assert.equal(msh?.[11], '2.5^FRA^2.11');
    assert.deepEqual(msa, ['MSA', 'AA', 'PAM25-0001', 'OK']);
    assert.deepEqual(rest, []);
  });

  test('an AR carries its reason in MSA-3 and an ERR segment with the table 0357 code, escaped', () => {
    const reason = 'version "2.7" is not one of 2.3|2.4 ^ & ~ \\';
    const ack = buildAckText(Hl7Message.parse(ADMISSION), 'AR', {
      error: HL7_ERRORS.unsupportedVersion,
      reason,
    });
    const [, msa, err] = segments(ack);
    assert.deepEqual(msa, ['MSA', 'AR', 'PAM25-0001', escapeHl7Text(reason)]);
    assert.equal(err?.[0], 'ERR');
    assert.equal(err?.[3], '203^Unsupported version id^HL70357');
    assert.equal(err?.[4], 'E');
    assert.equal(err?.[8], escapeHl7Text(reason));
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
    const [msh, msa] = segments(ack);
    assert.equal(msh?.[1], '^~\\&');
    assert.equal(msh?.[4], 'PAS_TEST');
    assert.equal(msh?.[8], 'ACK^A01');
    assert.equal(msa?.[2], 'BAD-0001');
  });

  test('an unparseable frame gets an AR with an empty MSA-2', () => {
    const [msh, msa] = segments(
      buildAckText(null, 'AR', { error: HL7_ERRORS.segmentSequence, reason: 'no MSH' }),
    );
    assert.equal(msh?.[0], 'MSH');
    assert.equal(msh?.[8], 'ACK');
    assert.deepEqual(msa, ['MSA', 'AR', '', 'no MSH']);
  });
});
