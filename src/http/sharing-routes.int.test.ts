import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import type { CoordinationRecord } from '../contracts/record-contracts.ts';
import type { DirectoryMatches, SharingChoiceList } from '../contracts/sharing-contracts.ts';
import { loadReferralAudiences } from '../store/sql-referral-audience.ts';
import { loadTaskAudiences } from '../store/sql-task-audience.ts';
import { validBody } from '../../tests/support/route-bodies.ts';
import {
  accountIdOf,
  bearer,
  createHospitalService,
  createPatient,
  createPatientAccount,
  createProfessional,
  fictionalIns,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const GAD7 = { instrument: 'GAD-7', answers: [1, 1, 0, 1, 0, 1, 0], difficulty: null };

for (const { dialect, skip } of testDialects()) {
  describe(`sharing choices and care-team membership on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const request: InjectOptions = { method, url, headers: bearer(token) };
      if (payload !== undefined) request.payload = payload;
      return relais.http.inject(request);
    };
    const status = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      (await call(token, method, url, payload)).statusCode;
    const created = async (token: string, url: string, payload: object): Promise<string> => {
      const response = await call(token, 'POST', url, payload);
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string }>().id;
    };
    const record = async (token: string, patientId: string) => {
      const response = await call(token, 'GET', `/api/patients/${patientId}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<CoordinationRecord>();
    };
    /** A new service of a hospital, with the hospital's id. */
    const hospitalService = async (specialty: string) => {
      const serviceId = await createHospitalService(relais, specialty);
      const { parent_id: hospitalId } = await relais.database.db
        .selectFrom('organizations')
        .select('parent_id')
        .where('id', '=', serviceId)
        .executeTakeFirstOrThrow();
      return { serviceId, hospitalId };
    };
    const portalChoices = async (token: string) =>
      (await call(token, 'GET', '/api/portal/sharing-choices')).json<SharingChoiceList>().items;
    const sharingEvents = async (patientId: string) =>
      (
        await relais.database.db
          .selectFrom('events')
          .select('type')
          .where('patient_id', '=', patientId)
          .where('type', 'like', 'sharing.%')
          .orderBy('seq')
          .execute()
      ).map((event) => event.type);
    const rowsOf = async (patientId: string) =>
      relais.database.db
        .selectFrom('sharing_choices')
        .selectAll()
        .where('patient_id', '=', patientId)
        .execute();

    test('the patient objects to their nurse: refused at once on every route; withdrawn, the access returns', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      assert.equal(await status(nurse.token, 'GET', `/api/patients/${patientId}`), 200);

      const choiceId = await created(patient.token, '/api/portal/sharing-choices', {
        kind: 'objection',
        practitionerId: nurse.practitionerId,
      });
      const refused = await call(nurse.token, 'GET', `/api/patients/${patientId}`);
      assert.equal(refused.statusCode, 403);
      assert.match(
        refused.json<{ detail: string }>().detail,
        /the patient objects to sharing their data with you/,
      );
      for (const url of [
        `/api/patients/${patientId}/questionnaires`,
        `/api/patients/${patientId}/sharing-choices`,
      ])
        assert.equal(await status(nurse.token, 'GET', url), 403, url);
      assert.equal(
        await status(nurse.token, 'POST', `/api/patients/${patientId}/allergies`, {
          substance: 'x',
          reaction: null,
          criticality: 'low',
        }),
        403,
      );
      assert.equal(
        await status(gp.token, 'GET', `/api/patients/${patientId}`),
        200,
        'the GP is not affected',
      );

      const [choice] = await portalChoices(patient.token);
      assert.equal(choice?.id, choiceId);
      assert.equal(choice.kind, 'objection');
      assert.equal(choice.practitioner?.name, `${nurse.login} Testeur`);
      assert.equal(choice.practitioner.profession, 'nurse');
      assert.equal(choice.practitioner.organization, `MSP ${nurse.login}`);
      assert.deepEqual(
        [choice.onBehalf, choice.recordedBy, choice.withdrawnAt],
        [false, { kind: 'patient', name: null }, null],
      );

      assert.equal(
        await status(patient.token, 'POST', `/api/portal/sharing-choices/${choiceId}/withdraw`),
        204,
      );
      assert.equal(
        await status(nurse.token, 'GET', `/api/patients/${patientId}`),
        200,
        'access returns at once',
      );
      const [history] = await portalChoices(patient.token);
      assert.notEqual(history?.withdrawnAt, null);
      assert.deepEqual(history?.withdrawnBy, { kind: 'patient', name: null });
      assert.deepEqual(await sharingEvents(patientId), [
        'sharing.objection-recorded',
        'sharing.objection-withdrawn',
      ]);
      const timeline = (await record(gp.token, patientId)).timeline.map((entry) => entry.type);
      assert.ok(timeline.includes('sharing.objection-withdrawn'), 'the timeline shows the change');
      const [row] = await rowsOf(patientId);
      assert.ok(
        row?.withdrawn_at !== null && row?.withdrawn_by_account_id !== null,
        'withdrawn, not deleted',
      );
    });

    test('a mental-health restriction hides questionnaires and such documents from the team members not named', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const psychologist = await createProfessional(relais, 'psychologist');
      const patientId = await createPatient(
        relais,
        [gp.practitionerId, nurse.practitionerId, psychologist.practitionerId],
        {
          entries: [
            {
              kind: 'document',
              typeCode: '11506-3',
              title: 'Suivi psychologique',
              mimeType: 'text/plain',
              content: new TextEncoder().encode('séance'),
              category: 'mental-health',
            },
            {
              kind: 'document',
              typeCode: '11488-4',
              title: 'Consultation',
              mimeType: 'text/plain',
              content: new TextEncoder().encode('bilan'),
            },
          ],
        },
      );
      await created(gp.token, `/api/patients/${patientId}/questionnaires`, GAD7);
      const documents = await relais.database.db
        .selectFrom('documents')
        .select(['id', 'category'])
        .where('patient_id', '=', patientId)
        .execute();
      const sensitive = documents.find((d) => d.category === 'mental-health')?.id ?? '';
      const plain = documents.find((d) => d.category === null)?.id ?? '';

      // The GP records it on the patient's behalf, naming the psychologist only.
      await created(gp.token, `/api/patients/${patientId}/sharing-choices`, {
        kind: 'restriction',
        category: 'mental-health',
        allowedPractitionerIds: [psychologist.practitionerId],
      });
      for (const excluded of [nurse, gp]) {
        const seen = await record(excluded.token, patientId);
        assert.deepEqual(seen.access.hiddenCategories, ['mental-health']);
        assert.deepEqual(
          seen.documents.map((d) => d.title),
          ['Consultation'],
        );
        assert.ok(!seen.timeline.some((entry) => entry.type.startsWith('questionnaire.')));
        assert.ok(
          seen.timeline.some((entry) => entry.type === 'sharing.restriction-set'),
          'the restriction itself shows',
        );
        assert.equal(await status(excluded.token, 'GET', `/api/patients/${patientId}/questionnaires`), 403);
        const content = `/api/patients/${patientId}/documents/${sensitive}/content`;
        assert.equal(await status(excluded.token, 'GET', content), 403);
        assert.equal(
          await status(excluded.token, 'GET', `/api/patients/${patientId}/documents/${plain}/content`),
          200,
        );
      }
      const named = await record(psychologist.token, patientId);
      assert.deepEqual(named.access.hiddenCategories, []);
      assert.equal(named.documents.length, 2);
      assert.ok(named.timeline.some((entry) => entry.type === 'questionnaire.completed'));
      const history = await call(psychologist.token, 'GET', `/api/patients/${patientId}/questionnaires`);
      assert.equal(history.statusCode, 200, history.body);
      assert.equal(
        await status(psychologist.token, 'GET', `/api/patients/${patientId}/documents/${sensitive}/content`),
        200,
      );

      const list = (
        await call(gp.token, 'GET', `/api/patients/${patientId}/sharing-choices`)
      ).json<SharingChoiceList>();
      const [restriction] = list.items;
      assert.equal(restriction?.onBehalf, true, 'recorded on the patient’s behalf');
      assert.deepEqual(restriction.recordedBy, { kind: 'professional', name: `${gp.login} Testeur` });
      assert.deepEqual(
        restriction.allowedPractitioners.map((p) => [p.name, p.profession]),
        [[`${psychologist.login} Testeur`, 'psychologist']],
      );

      // Setting it again replaces it: the old one is withdrawn in the same write, and the nurse sees.
      await created(gp.token, `/api/patients/${patientId}/sharing-choices`, {
        kind: 'restriction',
        category: 'mental-health',
        allowedPractitionerIds: [psychologist.practitionerId, nurse.practitionerId],
      });
      const rows = await rowsOf(patientId);
      assert.deepEqual(rows.map((row) => row.withdrawn_at === null).sort(), [false, true]);
      assert.equal(await status(nurse.token, 'GET', `/api/patients/${patientId}/questionnaires`), 200);
      assert.equal(await status(gp.token, 'GET', `/api/patients/${patientId}/questionnaires`), 403);
      assert.deepEqual(await sharingEvents(patientId), [
        'sharing.restriction-set',
        'sharing.restriction-withdrawn',
        'sharing.restriction-set',
      ]);
    });

    test('a consent lets a professional outside the team read, not write, and only outside the team', async () => {
      const gp = await createProfessional(relais);
      const cardiologist = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      assert.equal(await status(cardiologist.token, 'GET', `/api/patients/${patientId}`), 403);
      await created(patient.token, '/api/portal/sharing-choices', {
        kind: 'consent',
        practitionerId: cardiologist.practitionerId,
      });
      const seen = await record(cardiologist.token, patientId);
      assert.equal(seen.access.basis, 'consent');
      const write = await call(cardiologist.token, 'POST', `/api/patients/${patientId}/allergies`, {
        substance: 'x',
        reaction: null,
        criticality: 'low',
      });
      assert.equal(write.statusCode, 403);
      assert.match(write.body, /lets you read, not write/);
      // Reading on consent does not let them record sharing choices either (e.g. a consent of their own).
      assert.equal(
        await status(cardiologist.token, 'POST', `/api/patients/${patientId}/sharing-choices`, {
          kind: 'objection',
          practitionerId: gp.practitionerId,
        }),
        403,
      );
      const again = await call(patient.token, 'POST', '/api/portal/sharing-choices', {
        kind: 'consent',
        practitionerId: cardiologist.practitionerId,
      });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /already in force/);
      const toTeam = await call(patient.token, 'POST', '/api/portal/sharing-choices', {
        kind: 'consent',
        practitionerId: gp.practitionerId,
      });
      assert.equal(toTeam.statusCode, 409);
      assert.match(toTeam.body, /in the care team and already shares the record/);
      assert.equal((await rowsOf(patientId)).length, 1);
    });

    test('break-the-glass lets a professional read, not give themselves a consent', async () => {
      const gp = await createProfessional(relais);
      const emergency = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      await relais.database.db
        .insertInto('break_glass_grants')
        .values({
          patient_id: patientId,
          id: randomUUID(),
          practitioner_id: emergency.practitionerId,
          account_id: randomUUID(),
          reason: 'urgence vitale aux urgences',
          granted_at: new Date(Date.now() - 60_000),
          expires_at: new Date(Date.now() + 3_600_000),
        })
        .execute();
      assert.equal((await record(emergency.token, patientId)).access.basis, 'break-glass');
      const consent = await call(emergency.token, 'POST', `/api/patients/${patientId}/sharing-choices`, {
        kind: 'consent',
        practitionerId: emergency.practitionerId,
      });
      assert.equal(consent.statusCode, 403);
      assert.match(consent.body, /only the patient and their care team record sharing choices/);
      assert.deepEqual(await rowsOf(patientId), []);
      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['outcome', 'reason'])
        .where('patient_id', '=', patientId)
        .where('resource', '=', 'sharing-choices')
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((entry) => entry.outcome),
        ['allowed', 'denied'],
      );
    });

    test('an objection takes the patient out of the professional’s searches and their totals', async () => {
      const { serviceId, hospitalId } = await hospitalService('cardiology');
      const gp = await createProfessional(relais);
      const cardiologist = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const family = `Objecteur${randomUUID().slice(0, 8).replace(/\d/g, 'x')}`;
      const [kept, objecting] = await Promise.all(
        ['Anne', 'Bruno'].map((firstGivenName) =>
          createPatient(relais, [gp.practitionerId, cardiologist.practitionerId], {
            identity: { birthFamilyName: family, firstGivenName, givenNames: firstGivenName },
          }),
        ),
      );
      const searched = async (token: string) => {
        const web = (await call(token, 'GET', `/api/patients?q=${family}`)).json<{
          items: { patientId: string }[];
        }>();
        const fhir = (await call(token, 'GET', `/fhir/R4/Patient?family=${family}`)).json<{
          total: number;
          entry?: { resource: { id: string } }[];
        }>();
        const ids = (fhir.entry ?? []).map((entry) => entry.resource.id);
        assert.deepEqual(
          web.items.map((item) => item.patientId).sort(),
          [...ids].sort(),
          'both searches agree',
        );
        assert.equal(fhir.total, ids.length, 'the total counts only what is shown');
        return ids.sort();
      };
      const both = [kept, objecting].sort();
      assert.deepEqual(await searched(cardiologist.token), both);

      const patient = await createPatientAccount(relais, objecting ?? '');
      const byName = await created(patient.token, '/api/portal/sharing-choices', {
        kind: 'objection',
        practitionerId: cardiologist.practitionerId,
      });
      assert.deepEqual(await searched(cardiologist.token), [kept], 'an objection by name');
      assert.deepEqual(await searched(gp.token), both, 'the GP is not affected');
      await call(patient.token, 'POST', `/api/portal/sharing-choices/${byName}/withdraw`);
      assert.deepEqual(await searched(cardiologist.token), both, 'withdrawn, the patient is found again');

      await created(patient.token, '/api/portal/sharing-choices', {
        kind: 'objection',
        organizationId: hospitalId,
      });
      assert.deepEqual(
        await searched(cardiologist.token),
        [kept],
        'an objection to the hospital of their service',
      );
      assert.deepEqual(await searched(gp.token), both);
    });

    test('an objection to an organisation blocks its members, its services’ included', async () => {
      const { serviceId, hospitalId } = await hospitalService('psychiatry');
      const gp = await createProfessional(relais);
      const psychiatrist = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const colleague = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const patientId = await createPatient(relais, [gp.practitionerId, psychiatrist.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      await created(patient.token, '/api/portal/sharing-choices', {
        kind: 'objection',
        organizationId: hospitalId,
      });
      const refused = await call(psychiatrist.token, 'GET', `/api/patients/${patientId}`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /with your organisation/);
      assert.equal(await status(gp.token, 'GET', `/api/patients/${patientId}`), 200);
      const consent = await call(patient.token, 'POST', '/api/portal/sharing-choices', {
        kind: 'consent',
        practitionerId: colleague.practitionerId,
      });
      assert.equal(consent.statusCode, 409);
      assert.match(consent.body, /withdraw the objection first/);
      const [choice] = await portalChoices(patient.token);
      assert.equal(choice?.organization?.id, hospitalId);
      assert.match(choice.organization.name, /^CH /);
    });

    test('an objection keeps the referral’s and the task’s notices from the professional objected to', async () => {
      const serviceId = await createHospitalService(relais, 'cardiology');
      const gp = await createProfessional(relais);
      const cardiologist = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const colleague = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const patientId = await createPatient(relais, [gp.practitionerId, cardiologist.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const referralId = await created(gp.token, `/api/patients/${patientId}/referrals`, {
        ...validBody('referrals', { practitionerId: gp.practitionerId, patientId }),
        target: { kind: 'service', organizationId: serviceId },
      });
      const taskId = await created(gp.token, '/api/tasks', {
        ...validBody('tasks', { practitionerId: cardiologist.practitionerId, patientId }),
      });
      const cardiologistAccount = await accountIdOf(relais, cardiologist.token);
      const colleagueAccount = await accountIdOf(relais, colleague.token);
      const audiences = async () => ({
        pool: (await loadReferralAudiences(relais.database.db, [referralId], new Date()))[0]?.targetPool,
        task: (await loadTaskAudiences(relais.database.db, [taskId], new Date()))[0]?.accountIds,
      });
      const before = await audiences();
      assert.ok(before.pool?.includes(cardiologistAccount) && before.pool.includes(colleagueAccount));
      assert.deepEqual(before.task, [cardiologistAccount]);

      await created(patient.token, '/api/portal/sharing-choices', {
        kind: 'objection',
        practitionerId: cardiologist.practitionerId,
      });
      const after = await audiences();
      assert.deepEqual(after.pool, [colleagueAccount], 'the service hears of it, not the one objected to');
      assert.deepEqual(after.task, [], 'the task assigned to them by name has nobody left to tell');
    });

    test('bad input is refused with a 4xx that says what is wrong, and nothing is written', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const otherId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const others = await createPatientAccount(relais, otherId);
      const url = '/api/portal/sharing-choices';
      const cases: [object, number, RegExp][] = [
        [{ kind: 'objection', practitionerId: randomUUID() }, 400, /no practitioner with id/],
        [{ kind: 'objection', organizationId: randomUUID() }, 400, /no organisation with id/],
        [{ kind: 'opinion', practitionerId: gp.practitionerId }, 400, /kind/],
        [{ kind: 'restriction', allowedPractitionerIds: [gp.practitionerId] }, 400, /names its category/],
        [
          { kind: 'restriction', category: 'cardiology', allowedPractitionerIds: [gp.practitionerId] },
          400,
          /category/,
        ],
        [
          { kind: 'objection', practitionerId: gp.practitionerId, organizationId: randomUUID() },
          400,
          /either/,
        ],
        [{ kind: 'objection', practitionerId: 'not-a-uuid' }, 400, /practitionerId/],
        [{ kind: 'consent', practitionerId: gp.practitionerId, note: 'x' }, 400, /additional/],
        [
          { kind: 'restriction', category: 'addiction', allowedPractitionerIds: [randomUUID()] },
          400,
          /no practitioner/,
        ],
      ];
      for (const [payload, expected, detail] of cases) {
        const response = await call(patient.token, 'POST', url, payload);
        assert.equal(response.statusCode, expected, `${JSON.stringify(payload)}: ${response.body}`);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.match(response.json<{ detail: string }>().detail, detail);
      }
      assert.deepEqual(await rowsOf(patientId), []);

      const othersChoice = await created(others.token, url, {
        kind: 'objection',
        practitionerId: gp.practitionerId,
      });
      const own = await created(patient.token, url, { kind: 'objection', practitionerId: gp.practitionerId });
      assert.equal(await status(patient.token, 'POST', `${url}/${own}/withdraw`), 204);
      const twice = await call(patient.token, 'POST', `${url}/${own}/withdraw`);
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /already withdrawn/);
      for (const choiceId of [othersChoice, randomUUID()]) {
        const response = await call(patient.token, 'POST', `${url}/${choiceId}/withdraw`);
        assert.equal(response.statusCode, 404, response.body);
        assert.match(response.body, /no sharing choice with id/);
      }
      assert.equal(await status(patient.token, 'POST', `${url}/not-a-uuid/withdraw`), 400);
      assert.deepEqual(await sharingEvents(patientId), [
        'sharing.objection-recorded',
        'sharing.objection-withdrawn',
      ]);
      const [othersRow] = await rowsOf(otherId);
      assert.equal(othersRow?.withdrawn_at, null, "the other patient's choice is untouched");
    });

    test('a patient cannot touch another patient’s choices, nor a professional the portal’s', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const otherId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const other = await createPatientAccount(relais, otherId);
      const othersChoice = await created(other.token, '/api/portal/sharing-choices', {
        kind: 'objection',
        practitionerId: gp.practitionerId,
      });
      const base = `/api/patients/${otherId}/sharing-choices`;
      assert.equal(await status(patient.token, 'GET', base), 403);
      assert.equal(
        await status(patient.token, 'POST', base, { kind: 'consent', practitionerId: gp.practitionerId }),
        403,
      );
      assert.equal(await status(patient.token, 'POST', `${base}/${othersChoice}/withdraw`), 403);
      assert.deepEqual(await portalChoices(patient.token), []);
      // Their own record's routes work for the patient too (self), and a professional has no portal.
      assert.equal(await status(patient.token, 'GET', `/api/patients/${patientId}/sharing-choices`), 200);
      assert.equal(await status(gp.token, 'GET', '/api/portal/sharing-choices'), 403);
      const [row] = await rowsOf(otherId);
      assert.equal(row?.withdrawn_at, null);
    });

    test('signed-in patients search the directory by name, accents aside, and get public data only', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const organizationId = randomUUID();
      await relais.services.directory.register(
        [
          {
            id: organizationId,
            kind: 'practice',
            name: 'Centre Médico-Psy Élan',
            finess: null,
            parentId: null,
            specialty: null,
          },
        ],
        [],
      );
      const found = await call(patient.token, 'GET', `/api/directory?q=${encodeURIComponent(gp.login)}`);
      assert.equal(found.statusCode, 200, found.body);
      const matches = found.json<DirectoryMatches>();
      assert.deepEqual(matches.practitioners, [
        {
          id: gp.practitionerId,
          name: `${gp.login} Testeur`,
          profession: 'physician',
          specialty: 'general_practice',
          organization: { id: matches.practitioners[0]?.organization?.id ?? '', name: `MSP ${gp.login}` },
        },
      ]);
      const byOrganisation = await call(patient.token, 'GET', '/api/directory?q=medico%20ELAN');
      assert.deepEqual(byOrganisation.json<DirectoryMatches>().organizations, [
        { id: organizationId, kind: 'practice', name: 'Centre Médico-Psy Élan' },
      ]);
      const short = await call(patient.token, 'GET', '/api/directory?q=a');
      assert.equal(short.statusCode, 400);
      assert.equal(await status(patient.token, 'GET', '/api/directory?q=%20-%20'), 400);
      assert.equal(await status(gp.token, 'GET', '/api/directory?q=testeur'), 200);
    });

    describe('ending a care-team membership', () => {
      test('ends its access at once, and the record says who added each member', async () => {
        const gp = await createProfessional(relais);
        const nurse = await createProfessional(relais, 'nurse');
        const registered = await call(gp.token, 'POST', '/api/patients', {
          ins: fictionalIns('female'),
          identityStatus: 'QUAL',
          birthFamilyName: 'Martin',
          firstGivenName: 'Lise',
          sex: 'female',
          birthDate: '1960-02-03',
          careTeam: [
            { practitionerId: gp.practitionerId, role: 'medecin_traitant' },
            { practitionerId: nurse.practitionerId, role: 'nurse' },
          ],
        });
        assert.equal(registered.statusCode, 201, registered.body);
        const patientId = registered.json<{ id: string }>().id;
        const team = (await record(nurse.token, patientId)).careTeam;
        assert.deepEqual(
          team.map((member) => member.addedBy),
          [`${gp.login} Testeur`, `${gp.login} Testeur`],
        );
        const seeded = await createPatient(relais, [gp.practitionerId]);
        assert.equal((await record(gp.token, seeded)).careTeam[0]?.addedBy, null, 'the system names nobody');

        const memberId = team.find((member) => member.practitionerId === nurse.practitionerId)?.id ?? '';
        const end = `/api/patients/${patientId}/care-team/${memberId}/end`;
        assert.equal(await status(gp.token, 'POST', end, { reason: '' }), 400);
        assert.equal(await status(gp.token, 'POST', end, {}), 400);
        assert.equal(await status(gp.token, 'POST', end, { reason: 'ne suit plus la patiente' }), 204);
        const refused = await call(nurse.token, 'GET', `/api/patients/${patientId}`);
        assert.equal(refused.statusCode, 403, 'leaving the team ends access at once');
        assert.match(refused.body, /not in the patient's care team/);
        const after = await record(gp.token, patientId);
        assert.deepEqual(
          after.careTeam.map((member) => member.practitionerId),
          [gp.practitionerId],
        );
        const left = after.timeline.find((entry) => entry.type === 'care-team.member-left');
        assert.equal(left?.summary['reason'], 'ne suit plus la patiente');
        assert.equal(left.summary['role'], 'nurse');
        const [row] = await relais.database.db
          .selectFrom('care_team_members')
          .select('ended_on')
          .where('id', '=', memberId)
          .execute();
        assert.equal(row?.ended_on, new Date().toISOString().slice(0, 10));

        const again = await call(gp.token, 'POST', end, { reason: 'encore' });
        assert.equal(again.statusCode, 409);
        assert.match(again.body, /already ended/);
        assert.equal(
          await status(gp.token, 'POST', `/api/patients/${patientId}/care-team/${randomUUID()}/end`, {
            reason: 'x',
          }),
          404,
        );
        const othersMember = (await record(gp.token, seeded)).careTeam[0]?.id ?? '';
        assert.equal(
          await status(gp.token, 'POST', `/api/patients/${patientId}/care-team/${othersMember}/end`, {
            reason: 'x',
          }),
          404,
          "another patient's membership is not found here",
        );
      });

      test('a member leaves by ending their own membership; a patient or an outsider cannot end one', async () => {
        const gp = await createProfessional(relais);
        const nurse = await createProfessional(relais, 'nurse');
        const outsider = await createProfessional(relais);
        const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
        const patient = await createPatientAccount(relais, patientId);
        const team = (await record(gp.token, patientId)).careTeam;
        const gpMember = team.find((member) => member.practitionerId === gp.practitionerId)?.id ?? '';
        const end = `/api/patients/${patientId}/care-team/${gpMember}/end`;
        assert.equal(await status(patient.token, 'POST', end, { reason: 'x' }), 403);
        assert.equal(await status(outsider.token, 'POST', end, { reason: 'x' }), 403);
        assert.equal(await status(gp.token, 'POST', end, { reason: 'départ en retraite' }), 204);
        assert.equal(await status(gp.token, 'GET', `/api/patients/${patientId}`), 403);
        assert.equal(await status(nurse.token, 'GET', `/api/patients/${patientId}`), 200);
      });
    });
  });
}
