import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type { MatchQueueList, MatchQueueResolution } from '../contracts/adt-contracts.ts';
import { adt } from '../../tests/fixtures/adt-mapping/adt-message-builder.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`matching queue routes on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
      relais.http.inject({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload }),
      });

    /** Two homonyms coordinated by `coordinator`, and a hospital message that could be either. */
    async function ambiguousAdmission(coordinatorId: string) {
      const gp = await createProfessional(relais);
      const family = `Fictif${randomUUID().slice(0, 8).replace(/\d/g, 'x')}`;
      const coordinated = {
        identity: {
          birthFamilyName: family,
          firstGivenName: 'Hélène',
          ins: undefined,
          identityStatus: 'PROV',
        },
        entries: [{ kind: 'care-team-member' as const, practitionerId: coordinatorId, role: 'coordinator' }],
      };
      const first = await createPatient(relais, [gp.practitionerId], coordinated);
      const second = await createPatient(relais, [gp.practitionerId], coordinated);
      const localId = `IPP-${randomUUID()}`;
      const outcome = await relais.services.adtApplier.apply(
        adt({
          event: 'A01',
          localIds: [{ authority: 'CH', id: localId }],
          family,
          given: 'Hélène',
          visit: localId,
        }),
      );
      assert.equal(outcome.status, 'held');
      return { first, second, localId };
    }

    test('admins see every item; a coordinator the items of their patients; others nothing; patients 403', async () => {
      const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
      const coordinator = await createProfessional(relais, 'nurse');
      const outsider = await createProfessional(relais);
      const { first, localId } = await ambiguousAdmission(coordinator.practitionerId);

      const itemsOf = async (token: string) => {
        const response = await call('GET', '/api/hl7/match-queue', token);
        assert.equal(response.statusCode, 200, response.body);
        return response
          .json<MatchQueueList>()
          .items.filter((i) => i.localIds.some((id) => id.id === localId));
      };
      const [item] = await itemsOf(admin.token);
      assert.ok(item !== undefined);
      assert.equal(item.reason, 'several-patients-share-the-traits');
      assert.equal(item.hospitalIdentity.firstGivenName, 'Hélène');
      assert.equal(item.candidates.length, 2);
      assert.equal((await itemsOf(coordinator.token)).length, 1);
      assert.equal((await itemsOf(outsider.token)).length, 0);
      const patient = await createPatientAccount(relais, first);
      const refused = await call('GET', '/api/hl7/match-queue', patient.token);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
      // An outsider cannot resolve what they cannot see.
      const denied = await call('POST', `/api/hl7/match-queue/${item.id}/link`, outsider.token, {
        patientId: first,
      });
      assert.equal(denied.statusCode, 403, denied.body);
    });

    test('linking: only to a candidate, once; the held admission lands in the chosen record', async () => {
      const coordinator = await createProfessional(relais, 'nurse');
      const { second, localId } = await ambiguousAdmission(coordinator.practitionerId);
      const list = await call('GET', '/api/hl7/match-queue', coordinator.token);
      const item = list.json<MatchQueueList>().items.find((i) => i.localIds.some((id) => id.id === localId));
      assert.ok(item !== undefined);
      const url = `/api/hl7/match-queue/${item.id}/link`;

      const stranger = await call('POST', url, coordinator.token, { patientId: randomUUID() });
      assert.equal(stranger.statusCode, 400, stranger.body);
      assert.match(stranger.json<{ detail: string }>().detail, /not one of the item’s candidates/);

      const linked = await call('POST', url, coordinator.token, { patientId: second });
      assert.equal(linked.statusCode, 200, linked.body);
      assert.deepEqual(linked.json<MatchQueueResolution>().outcomes, [
        { status: 'applied', patientId: second, detail: null },
      ]);
      const stays = await relais.database.db
        .selectFrom('stays')
        .select('visit_number')
        .where('patient_id', '=', second)
        .execute();
      assert.deepEqual(stays, [{ visit_number: localId }]);

      const again = await call('POST', url, coordinator.token, { patientId: second });
      assert.equal(again.statusCode, 409, again.body);
    });

    test('dismissing needs a reason; bad ids and unknown items are problems, not crashes', async () => {
      const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
      const { localId } = await ambiguousAdmission((await createProfessional(relais)).practitionerId);
      const list = await call('GET', '/api/hl7/match-queue', admin.token);
      const item = list.json<MatchQueueList>().items.find((i) => i.localIds.some((id) => id.id === localId));
      assert.ok(item !== undefined);
      const url = `/api/hl7/match-queue/${item.id}/dismiss`;
      assert.equal((await call('POST', url, admin.token, { reason: '' })).statusCode, 400);
      assert.equal((await call('POST', url, admin.token, { reason: '   ' })).statusCode, 400);
      assert.equal(
        (await call('POST', '/api/hl7/match-queue/nope/dismiss', admin.token, { reason: 'x' })).statusCode,
        400,
      );
      assert.equal(
        (await call('POST', `/api/hl7/match-queue/${randomUUID()}/dismiss`, admin.token, { reason: 'x' }))
          .statusCode,
        404,
      );
      const dismissed = await call('POST', url, admin.token, { reason: 'Homonyme, pas suivi ici' });
      assert.equal(dismissed.statusCode, 200, dismissed.body);
      assert.equal(dismissed.json<MatchQueueResolution>().outcomes[0]?.patientId, null);
      const after = await call('GET', '/api/hl7/match-queue', admin.token);
      assert.ok(!after.json<MatchQueueList>().items.some((i) => i.id === item.id));
    });
  });
}
