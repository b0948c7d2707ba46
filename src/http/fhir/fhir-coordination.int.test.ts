import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Bundle, OperationOutcome, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import { bearer } from '../../../tests/support/factories.ts';
import { validBody } from '../../../tests/support/route-bodies.ts';
import {
  assertValidFhir,
  startReferralWorld,
  type Professional,
  type ReferralWorld,
} from '../../../tests/support/fhir-referral-world.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

const idsOf = (bundle: Bundle) => (bundle.entry ?? []).map((entry) => entry.resource?.id);

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR referrals, tasks, pathways and sharing choices on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Professional;
    let nurse: Professional;
    let specialist: Professional;
    let outsider: Professional;
    let patientId: string;
    let referralId: string;
    let get: ReferralWorld['get'];
    before(async () => {
      ({ relais, gp, nurse, specialist, outsider, patientId, referralId, get } =
        await startReferralWorld(dialect));
    });
    after(() => relais.close());

    const post = (body: unknown, who: Professional) =>
      relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Task`,
        headers: { ...bearer(who.token), 'content-type': 'application/fhir+json' },
        payload: JSON.stringify(body),
      });
    const taskCount = async () =>
      Number(
        (
          await relais.database.db
            .selectFrom('tasks')
            .select((eb) => eb.fn.countAll().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );
    const newTask = (overrides: Record<string, unknown> = {}) => ({
      resourceType: 'Task',
      status: 'ready',
      intent: 'order',
      priority: 'urgent',
      description: 'Rappeler pour le bilan sanguin',
      for: { reference: `Patient/${patientId}` },
      owner: { reference: `Practitioner/${nurse.practitionerId}` },
      restriction: { period: { end: '2030-01-15T17:00:00Z' } },
      note: [{ text: 'Avant la consultation de cardiologie' }],
      ...overrides,
    });

    test('a referral reads as its ServiceRequest and its Task, for its parties only', async () => {
      const order = await get<ServiceRequest>(`/ServiceRequest/${referralId}`, gp);
      assert.equal(order.status, 'active');
      assert.deepEqual(order.subject, { reference: `Patient/${patientId}` });
      assert.deepEqual(order.performer, [{ reference: `Practitioner/${specialist.practitionerId}` }]);
      // The specialist asked is a party, outside the care team.
      const task = await get<Task>(`/Task/${referralId}`, specialist);
      assert.equal(task.status, 'requested');
      assert.deepEqual(task.focus, { reference: `ServiceRequest/${referralId}` });
      const refused = await get<OperationOutcome>(`/ServiceRequest/${referralId}`, outsider, 403);
      assert.equal(refused.issue[0]?.code, 'forbidden');
      await get<OperationOutcome>(`/Task/${referralId}`, outsider, 403);
      await get<OperationOutcome>(`/ServiceRequest/${randomUUID()}`, gp, 404);
      await get<OperationOutcome>('/Task/not-a-uuid', gp, 404);
      // A patient reference that is no id at all is an unknown patient, whichever list is searched.
      for (const type of ['ServiceRequest', 'Task']) {
        const unknown = await get<OperationOutcome>(`/${type}?patient=Patient/not-a-uuid`, gp, 404);
        assert.match(unknown.issue[0]?.diagnostics ?? '', /no patient with id not-a-uuid/);
      }
    });

    test('referrals are searched by patient, or as one’s own outbox and inbox; nothing else', async () => {
      const byPatient = await get<Bundle>(`/ServiceRequest?patient=Patient/${patientId}`, gp);
      assert.deepEqual([byPatient.total, idsOf(byPatient)], [1, [referralId]]);
      const today = new Date().toISOString().slice(0, 10);
      for (const [query, total] of [
        [`subject=${patientId}&status=active`, 1],
        [`patient=${patientId}&status=revoked`, 0],
        [`patient=${patientId}&authored=ge${today}&_lastUpdated=ge${today}`, 1],
        [`patient=${patientId}&authored=lt${today}`, 0],
        [`patient=${patientId}&requester=Practitioner/${gp.practitionerId}`, 1],
        [`patient=${patientId}&performer=Practitioner/${outsider.practitionerId}`, 0],
      ] as const)
        assert.equal((await get<Bundle>(`/ServiceRequest?${query}`, gp)).total, total, query);
      const outbox = await get<Bundle>(`/ServiceRequest?requester=Practitioner/${gp.practitionerId}`, gp);
      assert.deepEqual(idsOf(outbox), [referralId]);
      const inbox = await get<Bundle>(
        `/ServiceRequest?performer=Practitioner/${specialist.practitionerId}`,
        specialist,
      );
      assert.deepEqual(idsOf(inbox), [referralId]);
      const taskInbox = await get<Bundle>(
        `/Task?owner=Practitioner/${specialist.practitionerId}`,
        specialist,
      );
      assert.deepEqual(idsOf(taskInbox), [referralId]);

      const refused = await get<OperationOutcome>(`/ServiceRequest?patient=${patientId}`, outsider, 403);
      assert.ok(!JSON.stringify(refused).includes(referralId));
      // A status outside the element's required value set is refused, never read as "none match".
      for (const type of ['ServiceRequest', 'Task']) {
        const unknown = await get<OperationOutcome>(`/${type}?patient=${patientId}&status=nonsense`, gp, 400);
        assert.match(unknown.issue[0]?.diagnostics ?? '', /'nonsense' is not a status code \(one of draft, /);
        assert.deepEqual(unknown.issue[0]?.expression, ['status']);
      }
      const acrossPatients = await get<OperationOutcome>('/ServiceRequest?status=active', gp, 400);
      assert.match(acrossPatients.issue[0]?.diagnostics ?? '', /names the patient/);
      const someoneElses = await get<OperationOutcome>(
        `/ServiceRequest?requester=Practitioner/${gp.practitionerId}`,
        outsider,
        400,
      );
      assert.match(someoneElses.issue[0]?.diagnostics ?? '', /your own only/);
      // The outsider's own lists are empty: the referral is nobody else's.
      const own = await get<Bundle>(`/Task?owner=Practitioner/${outsider.practitionerId}`, outsider);
      assert.equal(own.total, 0);
    });

    test('a Task created over FHIR is a coordination task: read back, searched, in the owner’s worklist', async () => {
      const before = await taskCount();
      const created = await post(newTask(), gp);
      assert.equal(created.statusCode, 201, created.body);
      const task = created.json<Task>();
      assertValidFhir(task);
      assert.ok(String(created.headers.location).endsWith(`${FHIR_PREFIX}/Task/${task.id ?? ''}`));
      assert.equal(await taskCount(), before + 1);
      assert.equal(task.status, 'ready');
      assert.equal(task.priority, 'urgent');
      assert.deepEqual(task.restriction, { period: { end: '2030-01-15T17:00:00.000Z' } });

      const read = await get<Task>(`/Task/${task.id ?? ''}`, gp);
      assert.deepEqual(read, task);
      await get<OperationOutcome>(`/Task/${task.id ?? ''}`, outsider, 403);

      const byPatient = await get<Bundle>(`/Task?patient=Patient/${patientId}`, gp);
      assert.deepEqual([byPatient.total, idsOf(byPatient)], [2, [referralId, task.id]]);
      const ready = await get<Bundle>(`/Task?patient=${patientId}&status=ready`, gp);
      assert.deepEqual(idsOf(ready), [task.id]);
      const paged = await get<Bundle>(`/Task?patient=${patientId}&_count=1&_offset=1`, gp);
      assert.deepEqual([paged.total, idsOf(paged)], [2, [task.id]]);
      const worklist = await get<Bundle>(`/Task?owner=Practitioner/${nurse.practitionerId}`, nurse);
      assert.deepEqual(idsOf(worklist), [task.id]);

      // Done, it leaves the worklist but stays in the patient's tasks, found by its status.
      const done = await relais.http.inject({
        method: 'POST',
        url: `/api/tasks/${task.id ?? ''}/complete`,
        headers: bearer(nurse.token),
      });
      assert.equal(done.statusCode, 204, done.body);
      assert.equal((await get<Bundle>(`/Task?owner=Practitioner/${nurse.practitionerId}`, nurse)).total, 0);
      const completed = await get<Bundle>(`/Task?patient=${patientId}&status=completed`, gp);
      assert.deepEqual(idsOf(completed), [task.id]);
      assert.equal((await get<Bundle>(`/Task?patient=${patientId}`, gp)).total, 2);
    });

    test('pathways and sharing choices are read by id and searched by patient as CarePlan and Consent', async () => {
      for (const [url, payload] of [
        [`/api/patients/${patientId}/pathways`, validBody('pathways', { practitionerId: '', patientId })],
        [
          `/api/patients/${patientId}/sharing-choices`,
          validBody('sharing-choices', { practitionerId: outsider.practitionerId, patientId }),
        ],
      ] as const) {
        const response = await relais.http.inject({
          method: 'POST',
          url,
          headers: bearer(gp.token),
          payload: payload ?? {},
        });
        assert.equal(response.statusCode, 201, response.body);
      }
      const plans = await get<Bundle>(`/CarePlan?patient=Patient/${patientId}`, gp);
      assert.equal(plans.total, 1);
      assert.equal(plans.entry?.[0]?.resource?.resourceType, 'CarePlan');
      assert.equal((await get<Bundle>(`/CarePlan?subject=${patientId}&status=active`, nurse)).total, 1);
      assert.equal((await get<Bundle>(`/CarePlan?patient=${patientId}&status=completed`, gp)).total, 0);
      const consents = await get<Bundle>(`/Consent?patient=${patientId}`, gp);
      assert.equal(consents.total, 1);
      assert.equal((await get<Bundle>(`/Consent?patient=${patientId}&status=inactive`, gp)).total, 0);
      for (const type of ['CarePlan', 'Consent']) {
        await get<OperationOutcome>(`/${type}?patient=${patientId}`, outsider, 403);
        const across = await get<OperationOutcome>(`/${type}?status=active`, gp, 400);
        assert.match(across.issue[0]?.diagnostics ?? '', /must name one patient/);
      }

      // By id: what the search found, to the same readers; the outsider is refused and audited.
      for (const [type, found, audited] of [
        ['CarePlan', plans, 'pathway'],
        ['Consent', consents, 'sharing-choices'],
      ] as const) {
        const id = found.entry?.[0]?.resource?.id ?? '';
        assert.deepEqual(await get<Resource>(`/${type}/${id}`, nurse), found.entry?.[0]?.resource);
        const byId = await get<Bundle>(`/${type}?patient=${patientId}&_id=${id}`, gp);
        assert.deepEqual(idsOf(byId), [id]);
        assert.equal((await get<Bundle>(`/${type}?patient=${patientId}&_id=${randomUUID()}`, gp)).total, 0);
        const seq = await lastAuditSeq(relais);
        const refused = await get<OperationOutcome>(`/${type}/${id}`, outsider, 403);
        assert.equal(refused.issue[0]?.code, 'forbidden');
        assert.ok(!JSON.stringify(refused).includes(patientId));
        const rows = await auditRowsAfter(relais, seq);
        assert.deepEqual(
          rows.map((row) => [row.patient_id, row.action, row.resource, row.outcome]),
          [[patientId, 'read', audited, 'denied']],
        );
        for (const unknown of [randomUUID(), 'not-a-uuid']) {
          const missing = await get<OperationOutcome>(`/${type}/${unknown}`, gp, 404);
          assert.equal(missing.issue[0]?.code, 'not-found');
        }
      }
    });

    test('a bad Task is refused with an OperationOutcome and nothing is written', async () => {
      const before = await taskCount();
      const refusal = async (body: unknown, who: Professional, status: number, says: RegExp) => {
        const response = await post(body, who);
        assert.equal(response.statusCode, status, response.body);
        const outcome = response.json<OperationOutcome>();
        assert.equal(outcome.resourceType, 'OperationOutcome');
        assert.match(JSON.stringify(outcome.issue), says);
      };
      await refusal(newTask({ description: 42 }), gp, 400, /Task\.description/);
      await refusal(newTask({ intent: undefined }), gp, 400, /Task\.intent/);
      // R4's validator leaves codes to the mapper: a status or priority Relais does not take is 422.
      await refusal(newTask({ status: 'bogus' }), gp, 422, /Task\.status/);
      await refusal(newTask({ priority: 'whenever' }), gp, 422, /Task\.priority/);
      await refusal(newTask({ colour: 'blue' }), gp, 400, /colour/);
      await refusal({ ...newTask(), resourceType: 'Patient' }, gp, 400, /resourceType/);
      await refusal(
        newTask({ focus: { reference: `ServiceRequest/${referralId}` } }),
        gp,
        422,
        /Task\.focus/,
      );
      await refusal(newTask({ intent: 'plan' }), gp, 422, /Task\.intent/);
      // An element Relais does not keep is located, as the clinical types' are.
      await refusal(
        newTask({ identifier: [{ value: 'T-1' }] }),
        gp,
        422,
        /"expression":\["Task\.identifier"\]/,
      );
      await refusal(newTask({ owner: undefined }), gp, 422, /Task\.owner/);
      await refusal(
        newTask({ owner: { reference: `Practitioner/${randomUUID()}` } }),
        gp,
        422,
        /no practitioner with id/,
      );
      await refusal(newTask(), outsider, 403, /forbidden/);
      await refusal(newTask({ for: { reference: `Patient/${randomUUID()}` } }), gp, 404, /not-found/);
      assert.equal(await taskCount(), before);
    });
  });
}
