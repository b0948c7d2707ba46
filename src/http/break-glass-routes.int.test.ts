import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type { NotificationPage } from '../contracts/notification-contracts.ts';
import type { CoordinationRecord } from '../contracts/record-contracts.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
  logIn,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';

const HOUR = 3_600_000;
const REASON = 'Patient inconscient aux urgences, traitements inconnus';

for (const { dialect, skip } of testDialects()) {
  describe(`break-the-glass on ${dialect}`, { skip }, () => {
    let relais: Relais;
    // The clock the server reads: tests move it past an access's end.
    let now = new Date();
    before(async () => {
      relais = await startTestRelais(
        dialect,
        // E-mail configured (never sent: the delivery job is not scheduled), so the plan follows preferences.
        { email: { smtpUrl: 'smtp://127.0.0.1:1', from: 'relais@test.invalid' } },
        { clock: () => now, scheduleJobs: false },
      );
    });
    after(() => relais.close());

    const breakGlass = (token: string, patientId: string, payload: unknown) =>
      relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/break-glass`,
        headers: bearer(token),
        payload: payload as Record<string, unknown>,
      });
    const readRecord = (token: string, patientId: string) =>
      relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(token) });
    const inbox = async (token: string) => {
      const response = await relais.http.inject({ url: '/api/notifications', headers: bearer(token) });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<NotificationPage>().items;
    };
    const written = async (patientId: string) => ({
      grants: await relais.database.db
        .selectFrom('break_glass_grants')
        .selectAll()
        .where('patient_id', '=', patientId)
        .execute(),
      events: await relais.database.db
        .selectFrom('events')
        .select(['type', 'actor_account_id', 'payload'])
        .where('patient_id', '=', patientId)
        .where('type', '=', 'access.break-glass')
        .execute(),
      audit: await relais.database.db
        .selectFrom('audit_entries')
        .select(['account_id', 'action', 'resource', 'outcome', 'reason'])
        .where('patient_id', '=', patientId)
        .where('action', '=', 'break-glass')
        .orderBy('seq')
        .execute(),
    });

    test('an outsider is refused, breaks the glass, reads the record until the access ends, then is refused again', async () => {
      const gp = await createProfessional(relais);
      const coordinator = await createProfessional(relais, 'nurse');
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
        ],
      });
      const patient = await createPatientAccount(relais, patientId);
      const saved = await relais.http.inject({
        method: 'PUT',
        url: '/api/me/notification-settings',
        headers: bearer(coordinator.token),
        payload: {
          emailAddress: 'coordination@test.invalid',
          emailMode: 'urgent-now-digest-rest',
          digestHour: 8,
          detailLevel: 'minimal',
        },
      });
      assert.equal(saved.statusCode, 200, saved.body);

      const refused = await readRecord(outsider.token, patientId);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.json<{ detail: string }>().detail, /not in the patient's care team/);

      const grantedAt = now;
      const granted = await breakGlass(outsider.token, patientId, { reason: `  ${REASON}  ` });
      assert.equal(granted.statusCode, 201, granted.body);
      const expiresAt = new Date(grantedAt.getTime() + 4 * HOUR).toISOString();
      assert.deepEqual(granted.json(), { expiresAt });

      const record = await readRecord(outsider.token, patientId);
      assert.equal(record.statusCode, 200, record.body);
      assert.deepEqual(record.json<CoordinationRecord>().access, {
        basis: 'break-glass',
        expiresAt,
        hiddenCategories: [],
      });

      const outsiderAccount = await accountIdOf(relais, outsider.token);
      const { grants, events, audit } = await written(patientId);
      const [grant, ...otherGrants] = grants;
      assert.ok(grant);
      assert.deepEqual(otherGrants, []);
      assert.equal(grant.reason, REASON, 'the reason is kept trimmed');
      assert.equal(grant.practitioner_id, outsider.practitionerId);
      assert.deepEqual(audit, [
        {
          account_id: outsiderAccount,
          action: 'break-glass',
          resource: 'record',
          outcome: 'allowed',
          reason: REASON,
        },
      ]);
      // The journal says who and until when, never the patient's name nor the reason.
      assert.deepEqual(events, [
        {
          type: 'access.break-glass',
          actor_account_id: outsiderAccount,
          payload: { grantId: grant.id, practitionerId: outsider.practitionerId, expiresAt },
        },
      ]);
      const reads = await relais.database.db
        .selectFrom('audit_entries')
        .select('reason')
        .where('patient_id', '=', patientId)
        .where('account_id', '=', outsiderAccount)
        .where('action', '=', 'read')
        .where('outcome', '=', 'allowed')
        .execute();
      assert.deepEqual(reads, [{ reason: `break-the-glass access until ${expiresAt}` }]);

      // A second request while the access runs extends nothing: it says until when.
      const again = await breakGlass(outsider.token, patientId, {
        reason: 'Toujours aux urgences, bilan en cours',
      });
      assert.equal(again.statusCode, 409);
      assert.match(again.json<{ detail: string }>().detail, new RegExp(`already running until ${expiresAt}`));
      assert.equal((await written(patientId)).grants.length, 1);

      await settleJournal(relais);
      const [toCoordinator, ...moreForCoordinator] = await inbox(coordinator.token);
      assert.ok(toCoordinator);
      assert.deepEqual(moreForCoordinator, []);
      assert.equal(toCoordinator.kind, 'break-glass');
      assert.equal(toCoordinator.urgency, 'urgent');
      assert.equal(toCoordinator.link, `/patients/${patientId}`);
      assert.match(toCoordinator.title, new RegExp(`Accès d’urgence .* — ${outsider.login} Testeur`));
      assert.match(toCoordinator.body, new RegExp(`Motif donné : « ${REASON} »`));
      assert.deepEqual(await inbox(gp.token), [], 'the GP is told only when the team has no coordinator');
      const [toPatient, ...moreForPatient] = await inbox(patient.token);
      assert.ok(toPatient);
      assert.deepEqual(moreForPatient, []);
      assert.equal(toPatient.link, '/portal');
      assert.match(toPatient.title, /^Accès d’urgence à votre dossier — /);
      assert.match(toPatient.body, /qui ne fait pas partie de votre équipe de soins, a ouvert votre dossier/);
      assert.match(toPatient.body, new RegExp(`La raison donnée : « ${REASON} »`));
      // The portal lists it too, for as long as the patient wants to look.
      const listed = await relais.http.inject({
        url: '/api/portal/emergency-accesses',
        headers: bearer(patient.token),
      });
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(listed.json(), {
        items: [
          {
            id: grant.id,
            holderName: `${outsider.login} Testeur`,
            organization: `MSP ${outsider.login}`,
            reason: REASON,
            grantedAt: grantedAt.toISOString(),
            expiresAt,
          },
        ],
      });
      const someoneElse = await createPatientAccount(
        relais,
        await createPatient(relais, [gp.practitionerId]),
      );
      const theirs = await relais.http.inject({
        url: '/api/portal/emergency-accesses',
        headers: bearer(someoneElse.token),
      });
      assert.deepEqual(theirs.json(), { items: [] });
      const byProfessional = await relais.http.inject({
        url: '/api/portal/emergency-accesses',
        headers: bearer(outsider.token),
      });
      assert.equal(byProfessional.statusCode, 403);
      // E-mail as each one chose: the coordinator gave an address (urgent: at once), the patient none.
      const plans = await relais.database.db
        .selectFrom('notifications')
        .select(['recipient_account_id', 'email_plan'])
        .where('kind', '=', 'break-glass')
        .where('patient_id', '=', patientId)
        .execute();
      const coordinatorAccount = await accountIdOf(relais, coordinator.token);
      assert.deepEqual(
        Object.fromEntries(
          plans.map((row) => [
            row.recipient_account_id === coordinatorAccount ? 'coordinator' : 'patient',
            row.email_plan,
          ]),
        ),
        { coordinator: 'immediate', patient: 'none' },
      );

      // Four hours later the access has ended: the record is refused again, and the glass may be broken anew.
      now = new Date(grantedAt.getTime() + 4 * HOUR + 1000);
      const token = await logIn(relais, outsider.login); // the morning's session has long been idle
      const expired = await readRecord(token, patientId);
      assert.equal(expired.statusCode, 403);
      assert.match(expired.json<{ detail: string }>().detail, /not in the patient's care team/);
      assert.equal((await breakGlass(token, patientId, { reason: REASON })).statusCode, 201);
    });

    test('the patient’s objection refuses it, and the attempt is audited as denied', async () => {
      const gp = await createProfessional(relais);
      const objected = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      await relais.database.db
        .insertInto('sharing_choices')
        .values({
          patient_id: patientId,
          id: randomUUID(),
          kind: 'objection',
          practitioner_id: objected.practitionerId,
          organization_id: null,
          category: null,
          allowed_practitioner_ids: [],
          recorded_by_account_id: await accountIdOf(relais, gp.token),
          on_behalf: true,
          recorded_at: now,
        })
        .execute();
      const response = await breakGlass(objected.token, patientId, { reason: REASON });
      assert.equal(response.statusCode, 403);
      assert.match(
        response.json<{ detail: string }>().detail,
        /break-the-glass refused: the patient objects to sharing their data with you/,
      );
      const { grants, events, audit } = await written(patientId);
      assert.deepEqual(grants, []);
      assert.deepEqual(events, []);
      assert.deepEqual(
        audit.map(({ outcome, reason }) => ({ outcome, reason })),
        [
          {
            outcome: 'denied',
            reason: `the patient objects to sharing their data with you (reason given: ${REASON})`,
          },
        ],
      );
      assert.equal((await readRecord(objected.token, patientId)).statusCode, 403);
    });

    test('a member of the care team has nothing to break; without a coordinator the GP is told', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const member = await breakGlass(nurse.token, patientId, { reason: REASON });
      assert.equal(member.statusCode, 409);
      assert.match(
        member.json<{ detail: string }>().detail,
        /you already have access to this record \(care team member \(nurse\)\): there is nothing to break/,
      );
      assert.deepEqual((await written(patientId)).grants, []);

      assert.equal((await breakGlass(outsider.token, patientId, { reason: REASON })).statusCode, 201);
      await settleJournal(relais);
      const toGp = await inbox(gp.token);
      assert.deepEqual(
        toGp.map((item) => [item.kind, item.link]),
        [['break-glass', `/patients/${patientId}`]],
      );
      assert.deepEqual(await inbox(nurse.token), []);
    });

    test('requests sent at the same time open one access; the others are refused as already running', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => breakGlass(outsider.token, patientId, { reason: REASON })),
      );
      assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [201, 409, 409, 409, 409]);
      for (const refused of answers.filter((answer) => answer.statusCode === 409))
        assert.match(refused.json<{ detail: string }>().detail, /already running/);
      const { grants, events, audit } = await written(patientId);
      assert.equal(grants.length, 1);
      assert.equal(events.length, 1);
      assert.deepEqual(audit.map((row) => row.outcome).sort(), [
        'allowed',
        'denied',
        'denied',
        'denied',
        'denied',
      ]);
    });

    test('bad input is refused with a 4xx naming what is wrong, and writes nothing', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const cases: { token: string; patientId: string; payload: unknown; status: number; detail: RegExp }[] =
        [
          {
            token: outsider.token,
            patientId,
            payload: {},
            status: 400,
            detail: /must have required property 'reason'/,
          },
          {
            token: outsider.token,
            patientId,
            payload: { reason: 'urgence' },
            status: 400,
            detail: /fewer than 10 characters/,
          },
          {
            token: outsider.token,
            patientId,
            payload: { reason: '     urgence     ' },
            status: 400,
            detail: /the reason must have 10 to 1000 characters \(it has 7\)/,
          },
          {
            token: outsider.token,
            patientId,
            payload: { reason: REASON, until: 'tomorrow' },
            status: 400,
            detail: /must NOT have additional properties/,
          },
          {
            token: patient.token,
            patientId,
            payload: { reason: REASON },
            status: 403,
            detail: /for professional accounts/,
          },
        ];
      for (const { token, payload, status, detail, ...target } of cases) {
        const response = await breakGlass(token, target.patientId, payload);
        assert.equal(response.statusCode, status, `${JSON.stringify(payload)}: ${response.body}`);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.match(response.json<{ detail: string }>().detail, detail);
      }
      assert.deepEqual(await written(patientId), { grants: [], events: [], audit: [] });

      // An unknown patient: 404, and the attempt is audited like any access to an unknown record.
      const unknown = randomUUID();
      const missing = await breakGlass(outsider.token, unknown, { reason: REASON });
      assert.equal(missing.statusCode, 404);
      assert.match(missing.json<{ detail: string }>().detail, /no patient with id/);
      const { grants, events, audit } = await written(unknown);
      assert.deepEqual([grants, events], [[], []]);
      assert.deepEqual(
        audit.map(({ outcome }) => outcome),
        ['denied'],
      );
    });

    test('the policy says how long an access lasts', async () => {
      const pro = await createProfessional(relais);
      const response = await relais.http.inject({
        url: '/api/break-glass/policy',
        headers: bearer(pro.token),
      });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { hours: 4 });
    });
  });
}
