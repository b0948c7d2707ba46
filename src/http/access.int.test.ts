import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import type { PortalSummary } from '../contracts/record-contracts.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
  endMemberships,
  insertAlert,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { requestBody, validBody } from '../../tests/support/route-bodies.ts';
import { admitPatient, dischargePatient } from '../../tests/support/stays.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';

/**
 * Break-the-glass is the one patient route made for professionals outside the care team: it opens the
 * record to them, so the outsider must not take it (every later route would then let them in).
 */
const BREAK_GLASS = '/api/patients/:patientId/break-glass';

/** POST routes that only read (a check), so they write no event. */
const READ_ONLY_POSTS: readonly string[] = ['/api/patients/:patientId/referrals/exam-check'];

/** Sets the request's payload when there is one (a route without a known body is sent none). */
function withPayload(request: InjectOptions, payload: Record<string, unknown> | undefined): void {
  if (payload !== undefined) request.payload = payload;
}

for (const { dialect, skip } of testDialects()) {
  describe(`access rules on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    test('every patient route answers 403 to a professional outside the care team, and writes nothing', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      // A second member, whose membership the GP ends.
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId], {
        entries: [
          {
            kind: 'document',
            typeCode: '11488-4',
            title: 'CR',
            mimeType: 'text/plain',
            content: new TextEncoder().encode('secret'),
          },
        ],
      });
      const documentId = (
        await relais.database.db
          .selectFrom('documents')
          .select('id')
          .where('patient_id', '=', patientId)
          .executeTakeFirstOrThrow()
      ).id;
      const alertId = await insertAlert(relais, patientId);
      // A pathway to pause, resume and end, and one of its steps to skip.
      const enrolmentId = await relais.services.pathways.enrol(
        { kind: 'professional', accountId: randomUUID(), practitionerId: gp.practitionerId, roles: [] },
        patientId,
        { templateId: 'cancer-parcours', startOn: '2026-01-05' },
        { clientAddress: null },
      );
      const occurrenceId = (
        await relais.database.db
          .selectFrom('pathway_occurrences')
          .select('id')
          .where('patient_id', '=', patientId)
          .where('enrolment_id', '=', enrolmentId)
          .executeTakeFirstOrThrow()
      ).id;
      // A sharing choice to withdraw, and the nurse's membership to end.
      const choiceId = await relais.services.sharing.record(
        { kind: 'professional', accountId: randomUUID(), practitionerId: gp.practitionerId, roles: [] },
        patientId,
        { kind: 'objection', practitionerId: (await createProfessional(relais)).practitionerId },
        { clientAddress: null },
      );
      const memberId = (
        await relais.database.db
          .selectFrom('care_team_members')
          .select('id')
          .where('patient_id', '=', patientId)
          .where('practitioner_id', '=', nurse.practitionerId)
          .executeTakeFirstOrThrow()
      ).id;
      // A discharged stay, whose transition the stay routes read and change.
      const stay = await dischargePatient(relais, await admitPatient(relais, patientId));
      await settleJournal(relais);
      const itemId = (
        await relais.database.db
          .selectFrom('transition_items')
          .innerJoin('transitions', 'transitions.id', 'transition_items.transition_id')
          .select('transition_items.id')
          .where('transitions.stay_id', '=', stay.id)
          .where('transition_items.kind', '=', 'discharge-letter')
          .executeTakeFirstOrThrow()
      ).id;
      const patientRoutes = relais.http.routeTable.filter(
        (route) => route.url.includes(':patientId') && route.method !== 'HEAD',
      );
      assert.ok(patientRoutes.length >= 9, `expected the patient routes, found ${patientRoutes.length}`);
      const eventsBefore = await relais.database.db
        .selectFrom('events')
        .select('id')
        .where('patient_id', '=', patientId)
        .execute();
      for (const route of patientRoutes) {
        const url = route.url
          .replace(':patientId', patientId)
          .replace(':documentId', documentId)
          .replace(':alertId', alertId)
          .replace(':name', 'hba1c')
          .replace(':enrolmentId', enrolmentId)
          .replace(':occurrenceId', occurrenceId)
          .replace(':stayId', stay.id)
          .replace(':itemId', itemId)
          .replace(':choiceId', choiceId)
          .replace(':memberId', memberId);
        const writes = route.method !== 'GET';
        if (route.url === BREAK_GLASS) {
          // Another outsider breaks the glass (201); the GP, who has access already, has nothing to
          // break (409). Its refusals (objection, bad input) are tested in break-glass-routes.int.test.ts.
          const emergency = await createProfessional(relais);
          const payload = validBody(url, { practitionerId: emergency.practitionerId, patientId }) ?? {};
          const broken = await relais.http.inject({
            method: 'POST',
            url,
            headers: bearer(emergency.token),
            payload,
          });
          assert.equal(broken.statusCode, 201, broken.body);
          const member = await relais.http.inject({
            method: 'POST',
            url,
            headers: bearer(gp.token),
            payload,
          });
          assert.equal(member.statusCode, 409, member.body);
          continue;
        }
        const outsiderRequest: InjectOptions = { method: route.method, url, headers: bearer(outsider.token) };
        if (writes)
          withPayload(
            outsiderRequest,
            await requestBody(relais, url, { practitionerId: outsider.practitionerId, patientId }),
          );
        const response = await relais.http.inject(outsiderRequest);
        assert.equal(response.statusCode, 403, `${route.method} ${route.url}: ${response.body}`);
        assert.match(response.json<{ detail: string }>().detail, /not in the patient's care team/);
        // The same route works for the care team, so the 403 is the access rule and not a broken route.
        const gpRequest: InjectOptions = { method: route.method, url, headers: bearer(gp.token) };
        if (writes) {
          const newcomer = (await createProfessional(relais)).practitionerId;
          withPayload(gpRequest, await requestBody(relais, url, { practitionerId: newcomer, patientId }));
        }
        const allowed = await relais.http.inject(gpRequest);
        assert.ok(allowed.statusCode < 300, `${route.method} ${route.url} for the GP: ${allowed.body}`);
      }
      const eventsAfterOutsider = await relais.database.db
        .selectFrom('events')
        .select('id')
        .where('patient_id', '=', patientId)
        .execute();
      // Each write by the GP adds its events (one or more; break-the-glass: the other outsider's); the
      // outsider's refused requests add none.
      assert.ok(
        eventsAfterOutsider.length >=
          eventsBefore.length +
            patientRoutes.filter((r) => r.method !== 'GET' && !READ_ONLY_POSTS.includes(r.url)).length,
      );
      const outsiderAccountId = await accountIdOf(relais, outsider.token);
      const byOutsider = await relais.database.db
        .selectFrom('events')
        .select('type')
        .where('patient_id', '=', patientId)
        .where('actor_account_id', '=', outsiderAccountId)
        .execute();
      assert.deepEqual(byOutsider, []);
      const denied = await relais.database.db
        .selectFrom('audit_entries')
        .select('resource')
        .where('patient_id', '=', patientId)
        .where('account_id', '=', outsiderAccountId)
        .where('outcome', '=', 'denied')
        .execute();
      assert.equal(denied.length, patientRoutes.filter((route) => route.url !== BREAK_GLASS).length);
    });

    test('every referral route answers 403 to a professional who is not a party, and writes nothing', async () => {
      const gp = await createProfessional(relais);
      const specialist = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const sent = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/referrals`,
        headers: bearer(gp.token),
        payload: validBody('referrals', { practitionerId: specialist.practitionerId, patientId }) ?? {},
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const referralId = sent.json<{ id: string }>().id;
      const routes = relais.http.routeTable.filter(
        (route) => route.url.includes(':referralId') && route.method !== 'HEAD',
      );
      assert.ok(routes.length >= 3, `expected the referral routes, found ${routes.length}`);
      const eventsBefore = await relais.database.db
        .selectFrom('events')
        .select('id')
        .where('patient_id', '=', patientId)
        .execute();
      for (const route of routes) {
        const url = route.url.replace(':referralId', referralId).replace(':documentId', randomUUID());
        const request: InjectOptions = { method: route.method, url, headers: bearer(outsider.token) };
        if (route.method === 'POST') withPayload(request, { kind: 'accept', version: 1 });
        const response = await relais.http.inject(request);
        assert.equal(response.statusCode, 403, `${route.method} ${route.url}: ${response.body}`);
        assert.match(response.json<{ detail: string }>().detail, /not the referrer, the addressee/);
      }
      const eventsAfter = await relais.database.db
        .selectFrom('events')
        .select('id')
        .where('patient_id', '=', patientId)
        .execute();
      assert.equal(eventsAfter.length, eventsBefore.length);
    });

    test('every API route but the log-in steps, health and docs requires a session', async () => {
      const open = relais.http.routeTable.filter(
        (route) =>
          route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.method !== 'HEAD',
      );
      for (const route of open) {
        const response = await relais.http.inject({
          method: route.method,
          url: route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000'),
        });
        const publicRoutes = [
          '/api/auth/login',
          '/api/auth/login/second-factor',
          '/api/auth/options',
          '/api/health',
        ];
        // External log-in answers 404 where no OpenID Connect provider is configured (as here).
        const expected = publicRoutes.includes(route.url)
          ? [200, 400]
          : route.url.startsWith('/api/auth/oidc/')
            ? [404]
            : [401];
        assert.ok(
          expected.includes(response.statusCode),
          `${route.method} ${route.url}: ${response.statusCode}`,
        );
      }
    });

    test('a patient sees their own portal and record, and nothing of anyone else', async () => {
      const gp = await createProfessional(relais);
      const own = await createPatient(relais, [gp.practitionerId], {
        entries: [
          {
            kind: 'medication',
            atcCode: 'C08CA01',
            name: 'Amlodipine 5 mg',
            dosage: '1 cp/j',
            startedOn: null,
            status: 'active',
          },
          {
            kind: 'medication',
            atcCode: null,
            name: 'Ancien traitement',
            dosage: 'x',
            startedOn: null,
            status: 'stopped',
          },
        ],
      });
      const someoneElse = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, own);
      const portal = await relais.http.inject({ url: '/api/portal/me', headers: bearer(patient.token) });
      assert.equal(portal.statusCode, 200, portal.body);
      const summary = portal.json<PortalSummary>();
      assert.deepEqual(
        summary.medications.map((m) => m.name),
        ['Amlodipine 5 mg'],
      );
      assert.equal(summary.careTeam[0]?.role, 'medecin_traitant');
      const portalAudit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['actor_kind', 'outcome'])
        .where('patient_id', '=', own)
        .where('resource', '=', 'portal-summary')
        .execute();
      assert.deepEqual(portalAudit, [{ actor_kind: 'patient', outcome: 'allowed' }]);
      assert.equal(
        (await relais.http.inject({ url: `/api/patients/${own}`, headers: bearer(patient.token) }))
          .statusCode,
        200,
      );
      const other = await relais.http.inject({
        url: `/api/patients/${someoneElse}`,
        headers: bearer(patient.token),
      });
      assert.equal(other.statusCode, 403);
      assert.equal(
        (await relais.http.inject({ url: '/api/patients?q=lef', headers: bearer(patient.token) })).statusCode,
        403,
      );
      const writeRequest: InjectOptions = {
        method: 'POST',
        url: `/api/patients/${own}/allergies`,
        headers: bearer(patient.token),
      };
      withPayload(
        writeRequest,
        validBody('allergies', { practitionerId: gp.practitionerId, patientId: own }),
      );
      const write = await relais.http.inject(writeRequest);
      assert.equal(write.statusCode, 403);
      assert.equal(
        (await relais.http.inject({ url: '/api/portal/me', headers: bearer(gp.token) })).statusCode,
        403,
      );
    });

    test('a care-team member whose membership ended loses access at once', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      assert.equal(
        (await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(nurse.token) }))
          .statusCode,
        200,
      );
      await endMemberships(relais, patientId, nurse.practitionerId, '2000-01-01');
      assert.equal(
        (await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(nurse.token) }))
          .statusCode,
        403,
      );
    });
  });
}
