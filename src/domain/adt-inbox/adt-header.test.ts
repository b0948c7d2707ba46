import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptAdtHeader, type AdtHeader } from './adt-header.ts';
import { decideIntake } from './adt-intake.ts';

const header = (overrides: Partial<AdtHeader> = {}): AdtHeader => ({
  fieldSeparator: '|',
  encodingCharacters: '^~\\&',
  application: 'SIH_RELAIS',
  facility: 'CHU_RELAIS',
  messageType: 'ADT^A01^ADT_A01',
  messageCode: 'ADT',
  triggerEvent: 'A01',
  controlId: 'C-1',
  version: '2.5',
  evnEventType: '',
  ...overrides,
});

describe('ADT header acceptance', () => {
  test('accepts each ADT event of the issue in versions 2.3, 2.3.1, 2.4 and 2.5', () => {
    for (const event of ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13', 'A40'])
      for (const version of ['2.3', '2.3.1', '2.4', '2.5'])
        assert.deepEqual(acceptAdtHeader(header({ triggerEvent: event, version })), {
          accepted: true,
          event,
        });
  });

  test('takes the event from EVN-1 when MSH-9.2 is empty (older senders)', () => {
    assert.deepEqual(acceptAdtHeader(header({ messageType: 'ADT', triggerEvent: '', evnEventType: 'A03' })), {
      accepted: true,
      event: 'A03',
    });
  });

  const refusals: [string, Partial<AdtHeader>, string, RegExp][] = [
    ['another field separator', { fieldSeparator: '#' }, '102', /MSH-1/],
    ['other encoding characters', { encodingCharacters: '^!\\&' }, '102', /MSH-2/],
    ['an empty control id', { controlId: '' }, '101', /MSH-10/],
    ['a control id too long to keep', { controlId: 'x'.repeat(200) }, '102', /MSH-10/],
    ['no sending facility', { facility: '' }, '101', /MSH-4/],
    ['a message that is not ADT', { messageCode: 'ORU', triggerEvent: 'R01' }, '200', /only ADT/],
    ['no event anywhere', { triggerEvent: '' }, '101', /no trigger event/],
    ['an event Relais does not take', { triggerEvent: 'A99' }, '201', /event A99/],
    ['version 2.7', { version: '2.7' }, '203', /version "2.7"/],
    ['version 2.5.1', { version: '2.5.1' }, '203', /version "2.5.1"/],
  ];
  for (const [what, overrides, code, reason] of refusals) {
    test(`refuses ${what} with HL7 error ${code}`, () => {
      const verdict = acceptAdtHeader(header(overrides));
      assert.equal(verdict.accepted, false);
      assert.equal(verdict.error.code, code);
      assert.match(verdict.reason, reason);
    });
  }
});

describe('intake decision', () => {
  const accept = () => ({ ok: true }) as const;
  test('AA and kept for the apply loop when header and content are accepted', () => {
    assert.deepEqual(decideIntake(header(), 'MSH|…', accept), {
      ackCode: 'AA',
      error: null,
      event: 'A01',
      keep: 'received',
    });
  });

  test('AE with the content check reason, kept as rejected so a repeat gets the same answer', () => {
    const decision = decideIntake(header(), 'MSH|…', () => ({ ok: false, reason: 'no PID segment' }));
    assert.equal(decision.ackCode, 'AE');
    assert.equal(decision.keep, 'rejected');
    assert.equal(decision.error?.reason, 'no PID segment');
    assert.equal(decision.error.error.code, '207');
  });

  test('AR kept when the key is usable, answered only when it is not', () => {
    assert.equal(decideIntake(header({ version: '2.7' }), '', accept).keep, 'rejected');
    const unkeyed = decideIntake(header({ controlId: '' }), '', accept);
    assert.equal(unkeyed.ackCode, 'AR');
    assert.equal(unkeyed.keep, 'unkeyed');
  });

  test('a message holding a NUL character is refused and not kept (the database could not store it)', () => {
    const decision = decideIntake(header(), 'MSH|\u0000', accept);
    assert.equal(decision.ackCode, 'AR');
    assert.equal(decision.keep, 'unkeyed');
  });

  test('the content check is not asked about a refused header', () => {
    let asked = false;
    decideIntake(header({ triggerEvent: 'A99' }), '', () => {
      asked = true;
      return { ok: true };
    });
    assert.equal(asked, false);
  });
});
