import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../tests/support/factories.ts';
import { readHl7Fixtures } from '../../tests/support/hl7.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const admission = readHl7Fixtures('valid').find((f) => f.name === '2.4-01-a01.hl7')?.text ?? '';
const unknownEvent = readHl7Fixtures('malformed').find((f) => f.name === 'unknown-event-a99.hl7')?.text ?? '';

for (const { dialect, skip } of testDialects()) {
  describe(`HL7 v2 ADT over HTTP on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let admin: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      admin = (await createProfessional(relais, 'physician', { roles: ['admin'] })).token;
    });
    after(() => relais.close());

    const post = (body: string, headers: Record<string, string>) =>
      relais.http.inject({ method: 'POST', url: '/api/hl7/messages', payload: body, headers });
    const countOf = async (controlId: string) =>
      (
        await relais.database.db
          .selectFrom('hl7_messages')
          .select('id')
          .where('control_id', '=', controlId)
          .execute()
      ).length;

    test('an admin posts an ADT message (LF separated) and gets its AA, stored once; a repeat gets the same ACK', async () => {
      const body = admission.replace(/\r/g, '\n');
      const first = await post(body, { ...bearer(admin), 'content-type': 'application/hl7-v2' });
      assert.equal(first.statusCode, 200);
      assert.match(first.headers['content-type'] ?? '', /^application\/hl7-v2/);
      assert.match(first.body, /\rMSA\|AA\|S24-0001\|OK$/);
      const again = await post(admission, { ...bearer(admin), 'content-type': 'text/plain' });
      assert.equal(again.body, first.body);
      assert.equal(await countOf('S24-0001'), 1);
      const row = await relais.database.db
        .selectFrom('hl7_messages')
        .select(['raw', 'event', 'ack_code'])
        .where('control_id', '=', 'S24-0001')
        .executeTakeFirstOrThrow();
      assert.equal(row.raw, admission.replace(/\r+$/, ''), 'stored with \\r separators whatever was sent');
      assert.deepEqual([row.event, row.ack_code], ['A01', 'AA']);
    });

    test('a refused message is still a 200, with the AR that says why', async () => {
      const response = await post(unknownEvent, { ...bearer(admin), 'content-type': 'text/plain' });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /MSA\|AR\|BAD-0002\|event A99/);
    });

    test('a body that is not HL7 v2 is a 400 problem, and nothing is stored', async () => {
      const before = await relais.database.db.selectFrom('hl7_messages').select('id').execute();
      for (const [body, type] of [
        ['PID|||1^^^X^PI', 'text/plain'],
        ['{"hello":"world"}', 'application/json'],
      ] as const) {
        const response = await post(body, { ...bearer(admin), 'content-type': type });
        assert.equal(response.statusCode, 400, body);
        assert.match(response.headers['content-type'] ?? '', /application\/problem\+json/);
      }
      const afterwards = await relais.database.db.selectFrom('hl7_messages').select('id').execute();
      assert.equal(afterwards.length, before.length);
    });

    test('only administrator accounts may post: 401 without a session, 403 for others', async () => {
      const gp = await createProfessional(relais);
      const patientAccount = await createPatientAccount(
        relais,
        await createPatient(relais, [gp.practitionerId]),
      );
      const text = admission.replace('S24-0001', 'S24-AUTH');
      assert.equal((await post(text, { 'content-type': 'text/plain' })).statusCode, 401);
      assert.equal((await post(text, { ...bearer(gp.token), 'content-type': 'text/plain' })).statusCode, 403);
      assert.equal(
        (await post(text, { ...bearer(patientAccount.token), 'content-type': 'text/plain' })).statusCode,
        403,
      );
      assert.equal(await countOf('S24-AUTH'), 0);
    });
  });
}
