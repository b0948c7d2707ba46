import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import type { Relais } from '../../app.ts';
import { readConfig } from '../../config.ts';
import { ackOf, hl7MessageOf, readHl7Fixtures, sendForNextAck } from '../../../tests/support/hl7.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';

const VALID = readHl7Fixtures('valid');
const MALFORMED = readHl7Fixtures('malformed');

/** What each malformed message of the corpus must get back, and whether it is kept (to replay its AR). */
const EXPECTED_REFUSALS: Record<string, { controlId: string; stored: boolean; reason: RegExp }> = {
  'missing-msh.hl7': { controlId: '', stored: false, reason: /does not start with an MSH/ },
  'not-adt-oru-r01.hl7': { controlId: 'BAD-0003', stored: true, reason: /only ADT/ },
  'truncated-msh.hl7': { controlId: '', stored: false, reason: /MSH-10/ },
  'unknown-event-a99.hl7': { controlId: 'BAD-0002', stored: true, reason: /event A99/ },
  'unsupported-version-2.7.hl7': { controlId: 'BAD-0004', stored: true, reason: /version "2.7"/ },
  'wrong-encoding-characters.hl7': { controlId: 'BAD-0001', stored: true, reason: /MSH-2/ },
};

for (const { dialect, skip } of testDialects()) {
  describe(`HL7 v2 ADT over MLLP on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let client: Hl7Client;
    before(async () => {
      // The apply loop is off: the test applies by hand once everything is in.
      relais = await startTestRelais(dialect, {
        hl7: { ...readConfig({}).hl7, port: 0, applyPollMs: 0 },
      });
      const port = relais.hl7?.port;
      assert.ok(port !== undefined && port > 0, 'the listener is bound');
      client = new Hl7Client({ host: '127.0.0.1', port });
    });
    after(async () => {
      await client.close();
      await relais.close();
    });

    const rowsOf = (controlId: string) =>
      relais.database.db.selectFrom('hl7_messages').selectAll().where('control_id', '=', controlId).execute();
    const send = (text: string) => client.sendAndWait(Hl7Message.parse(text), { timeoutMs: 10_000 });

    test('a real MLLP client gets the right ACK for each message of the corpus, on one connection', async () => {
      // Bytes without the start byte are skipped by the framing; the connection goes on.
      (await client.connect()).socket.write(Buffer.from('NOT A FRAME\x1c\r'));
      const sentAcks = new Map<string, string>();
      for (let i = 0; i < Math.max(VALID.length, MALFORMED.length); i += 1) {
        const valid = VALID[i];
        if (valid !== undefined) {
          const message = Hl7Message.parse(valid.text);
          const controlId = message.header.getField(10).toString();
          const ack = await send(valid.text);
          assert.deepEqual(ackOf(ack), { code: 'AA', controlId }, valid.name);
          sentAcks.set(valid.name, ack.toString());
          const [row, ...others] = await rowsOf(controlId);
          assert.equal(others.length, 0);
          assert.equal(row?.status, 'received', valid.name);
          assert.equal(row.ack_code, 'AA');
          assert.equal(row.ack_text, ack.toString(), 'the ACK sent is the one kept');
          assert.equal(row.raw, valid.text.replace(/\r+$/, ''), 'Z-segments and all kept as received');
          assert.equal(row.facility, message.header.getComponent(4, 1));
          assert.equal(row.event, /-(a\d\d)/.exec(valid.name)?.[1]?.toUpperCase());
          assert.equal(
            row.version,
            valid.name.startsWith('2.5')
              ? '2.5'
              : valid.name.includes('2.3.1')
                ? '2.3.1'
                : valid.name.slice(0, 3),
          );
        }
        const malformed = MALFORMED[i];
        if (malformed !== undefined) {
          const expected = EXPECTED_REFUSALS[malformed.name];
          assert.ok(expected !== undefined, `an expectation for ${malformed.name}`);
          const ack = await sendForNextAck(client, hl7MessageOf(malformed.text));
          assert.deepEqual(ackOf(ack), { code: 'AR', controlId: expected.controlId }, malformed.name);
          assert.match(ack.getSegment('MSA')?.getField(3).toString() ?? '', expected.reason);
          assert.ok(ack.getSegment('ERR') !== undefined, 'an ERR segment says why');
          if (expected.controlId !== '') {
            const rows = await rowsOf(expected.controlId);
            assert.equal(rows.length, expected.stored ? 1 : 0, malformed.name);
            assert.equal(rows[0]?.status, 'rejected');
            assert.equal(rows[0].ack_text, ack.toString());
          }
        }
      }

      // Repeats: the same ACK byte for byte, nothing stored twice.
      for (const valid of VALID) {
        const again = await send(valid.text);
        assert.equal(again.toString(), sentAcks.get(valid.name), `${valid.name} repeated`);
      }
      const refused = MALFORMED.find((m) => m.name === 'unknown-event-a99.hl7');
      const firstAr = (await rowsOf('BAD-0002'))[0]?.ack_text;
      assert.equal((await send(refused?.text ?? '')).toString(), firstAr, 'a repeated AR is the same AR');

      const stored = await relais.database.db
        .selectFrom('hl7_messages')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .orderBy('status')
        .execute();
      assert.deepEqual(stored, [
        { status: 'received', n: String(VALID.length) },
        { status: 'rejected', n: '4' },
      ]);
    });

    test('two copies of a new message in the same batch: one row, the same ACK to both', async () => {
      const admission = VALID.find((valid) => valid.name === '2.5-pam-01-a01.hl7');
      const text = admission?.text.replace('PAM25-0001', 'TWIN-0001') ?? '';
      const [first, second] = await Promise.all([
        relais.services.hl7Intake.receive(Hl7Message.parse(text)),
        relais.services.hl7Intake.receive(Hl7Message.parse(text)),
      ]);
      assert.equal(second, first);
      assert.match(first, /MSA\|AA\|TWIN-0001/);
      assert.equal((await rowsOf('TWIN-0001')).length, 1);
    });

    test('the apply loop applies each accepted message once, and never a refused one', async () => {
      const counts = await relais.services.adtApply();
      assert.deepEqual(counts, { applied: VALID.length + 1, held: 0, failed: 0 });
      const rows = await relais.database.db
        .selectFrom('hl7_messages')
        .select(['status', 'status_reason', 'applied_at', 'ack_code'])
        .orderBy('seq')
        .execute();
      for (const row of rows) {
        if (row.ack_code === 'AA') {
          assert.equal(row.status, 'applied');
          // The corpus's fictional patients are not in this Relais: applied, concerning no one.
          assert.equal(row.status_reason, 'not a Relais patient: Relais follows its own patients only');
          assert.ok(row.applied_at !== null);
        } else {
          assert.equal(row.status, 'rejected');
          assert.equal(row.applied_at, null);
        }
      }
      assert.deepEqual(await relais.services.adtApply(), { applied: 0, held: 0, failed: 0 }, 'applied once');
    });
  });
}
