import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import { createServices } from '../services.ts';
import type {
  InstrumentList,
  QuestionnaireHistory,
  QuestionnaireResult,
  SubmittedQuestionnaire,
} from '../contracts/questionnaire-contracts.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
  identity,
} from '../../tests/support/factories.ts';
import { openTestDatabase, testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { createInProcessLiveHub } from '../integrations/in-process-live-hub.ts';

const MODERATE_PHQ9 = { instrument: 'PHQ-9', answers: [2, 2, 1, 1, 2, 1, 1, 1, 0], difficulty: 1 };
const SELF_HARM_PHQ9 = { instrument: 'PHQ-9', answers: [1, 1, 0, 1, 0, 0, 0, 0, 2], difficulty: null };
const MILD_GAD7 = { instrument: 'GAD-7', answers: [1, 1, 1, 1, 1, 1, 0], difficulty: null };

for (const { dialect, skip } of testDialects()) {
  describe(`questionnaire API on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    const rowsOf = (patientId: string) =>
      relais.database.db
        .selectFrom('questionnaire_responses')
        .selectAll()
        .where('patient_id', '=', patientId)
        .execute();
    const eventsOf = (patientId: string) =>
      relais.database.db
        .selectFrom('events')
        .select(['type', 'payload'])
        .where('patient_id', '=', patientId)
        .where('type', '=', 'questionnaire.completed')
        .execute();

    const tasksOf = (patientId: string) =>
      relais.database.db
        .selectFrom('tasks')
        .select([
          'id',
          'title',
          'assignee_kind',
          'assignee_role',
          'priority',
          'status',
          'origin_kind',
          'origin_ref',
          'origin_explanation',
          'about_kind',
          'about_id',
          'idempotency_key',
        ])
        .where('patient_id', '=', patientId)
        .execute();

    test('the instruments come in French by default and in English on request', async () => {
      const gp = await createProfessional(relais);
      const french = await relais.http.inject({ url: '/api/questionnaires', headers: bearer(gp.token) });
      assert.equal(french.statusCode, 200, french.body);
      const [phq9, gad7] = french.json<InstrumentList>().items;
      assert.equal(phq9?.id, 'PHQ-9');
      assert.equal(phq9.items.length, 9);
      assert.equal(phq9.maxScore, 27);
      assert.equal(phq9.safetyItem, 9);
      assert.deepEqual(
        phq9.answers.map((a) => a.label),
        ['Jamais', 'Plusieurs jours', 'Plus de la moitié du temps', 'Presque tous les jours'],
      );
      assert.match(phq9.sources[0] ?? '', /Kroenke.*J Gen Intern Med\. 2001/);
      assert.equal(gad7?.id, 'GAD-7');
      assert.equal(gad7.items.length, 7);
      assert.match(gad7.sources[0] ?? '', /Spitzer.*Arch Intern Med\. 2006/);

      const english = await relais.http.inject({
        url: '/api/questionnaires?lang=en',
        headers: bearer(gp.token),
      });
      assert.equal(
        english.json<InstrumentList>().items[0]?.items[0]?.text,
        'Little interest or pleasure in doing things',
      );
      const unknown = await relais.http.inject({
        url: '/api/questionnaires?lang=de',
        headers: bearer(gp.token),
      });
      assert.equal(unknown.statusCode, 400);
    });

    test('a care-team professional records a PHQ-9 with the patient: scored, journaled, audited', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const response = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(nurse.token),
        payload: MODERATE_PHQ9,
      });
      assert.equal(response.statusCode, 201, response.body);
      const result = response.json<QuestionnaireResult>();
      assert.equal(result.score, 11);
      assert.equal(result.maxScore, 27);
      assert.equal(result.band, 'moderate');
      assert.equal(result.bandLabel, 'Dépression modérée');
      assert.equal(result.urgent, false);
      assert.deepEqual(result.urgentReasons, []);
      assert.equal(result.filledBy, 'professional');

      const [row] = await rowsOf(patientId);
      assert.deepEqual(row?.answers, MODERATE_PHQ9.answers);
      assert.equal(row.difficulty, 1);
      assert.equal(row.score, 11);
      assert.equal(row.filled_by, 'professional');
      const events = await eventsOf(patientId);
      assert.deepEqual(events[0]?.payload, {
        responseId: result.id,
        instrument: 'PHQ-9',
        score: 11,
        maxScore: 27,
        band: 'moderate',
        urgent: false,
        filledBy: 'professional',
      });
      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['action', 'outcome', 'actor_role'])
        .where('patient_id', '=', patientId)
        .where('resource', '=', 'questionnaire')
        .execute();
      assert.deepEqual(audit, [{ action: 'write', outcome: 'allowed', actor_role: 'nurse' }]);

      const record = await relais.http.inject({
        url: `/api/patients/${patientId}`,
        headers: bearer(gp.token),
      });
      assert.ok(
        record
          .json<{ timeline: { type: string }[] }>()
          .timeline.some((e) => e.type === 'questionnaire.completed'),
      );
    });

    test('a patient fills in their own questionnaires in the portal and sees their history and trend', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      for (const payload of [MILD_GAD7, { ...MILD_GAD7, answers: [2, 2, 2, 2, 2, 1, 1] }]) {
        const sent = await relais.http.inject({
          method: 'POST',
          url: '/api/portal/questionnaires?lang=en',
          headers: bearer(patient.token),
          payload,
        });
        assert.equal(sent.statusCode, 201, sent.body);
        assert.equal(sent.json<QuestionnaireResult>().filledBy, 'patient');
      }
      const mine = await relais.http.inject({
        url: '/api/portal/questionnaires?lang=en',
        headers: bearer(patient.token),
      });
      assert.equal(mine.statusCode, 200, mine.body);
      const history = mine.json<QuestionnaireHistory>();
      assert.deepEqual(
        history.items.map((item) => [item.score, item.bandLabel, item.changeSincePrevious]),
        [
          [12, 'Moderate anxiety', 6],
          [6, 'Mild anxiety', null],
        ],
      );
      assert.deepEqual(history.trends, [
        { instrument: 'GAD-7', latestScore: 12, previousScore: 6, change: 6, direction: 'worse' },
      ]);
      // The care team sees what the patient filled in.
      const seenByGp = await relais.http.inject({
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(gp.token),
      });
      assert.equal(seenByGp.json<QuestionnaireHistory>().items.length, 2);
      const rows = await rowsOf(patientId);
      assert.deepEqual(
        rows.map((row) => row.filled_by),
        ['patient', 'patient'],
      );
    });

    test('a patient cannot fill in a questionnaire for someone else, nor read theirs', async () => {
      const gp = await createProfessional(relais);
      const own = await createPatient(relais, [gp.practitionerId]);
      const other = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, own);
      const forOther = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${other}/questionnaires`,
        headers: bearer(patient.token),
        payload: MILD_GAD7,
      });
      assert.equal(forOther.statusCode, 403, forOther.body);
      assert.match(forOther.json<{ detail: string }>().detail, /a patient may only see their own record/);
      const readOther = await relais.http.inject({
        url: `/api/patients/${other}/questionnaires`,
        headers: bearer(patient.token),
      });
      assert.equal(readOther.statusCode, 403);
      // The portal body has no patient field to point elsewhere.
      const smuggled = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/questionnaires',
        headers: bearer(patient.token),
        payload: { ...MILD_GAD7, patientId: other },
      });
      assert.equal(smuggled.statusCode, 400);
      assert.deepEqual(await rowsOf(other), []);
      // Professionals use the patient routes, not the portal.
      const gpPortal = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/questionnaires',
        headers: bearer(gp.token),
        payload: MILD_GAD7,
      });
      assert.equal(gpPortal.statusCode, 403);
    });

    test('a professional outside the care team gets 403 and writes nothing', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const sent = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(outsider.token),
        payload: SELF_HARM_PHQ9,
      });
      assert.equal(sent.statusCode, 403);
      assert.match(sent.json<{ detail: string }>().detail, /not in the patient's care team/);
      const read = await relais.http.inject({
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(outsider.token),
      });
      assert.equal(read.statusCode, 403);
      assert.deepEqual(await rowsOf(patientId), []);
      assert.deepEqual(await eventsOf(patientId), []);
      assert.deepEqual(await tasksOf(patientId), []);
    });

    test('bad answers are refused with what is wrong, and nothing is written', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...MODERATE_PHQ9, answers: [1, 1, 1] }, /PHQ-9 has 9 questions, but 3 answers were given/],
        [{ ...MODERATE_PHQ9, answers: [1, 1, 1, 1, null, 1, 1, 1, 1] }, /question 5 is not answered/],
        [
          { ...MODERATE_PHQ9, answers: [1, 1, 1, 1, 4, 1, 1, 1, 1] },
          /question 5 must be 0, 1, 2 or 3, not 4/,
        ],
        [{ ...MODERATE_PHQ9, difficulty: 5 }, /difficulty answer must be 0, 1, 2 or 3, not 5/],
        [
          { ...MODERATE_PHQ9, instrument: 'BDI-II' },
          /unknown questionnaire "BDI-II": use one of PHQ-9, GAD-7/,
        ],
        [{ ...MODERATE_PHQ9, answers: ['1', 1, 1, 1, 1, 1, 1, 1, 1] }, /answers\/0 must be integer/],
        [{ ...MODERATE_PHQ9, score: 0 }, /must NOT have additional properties/],
      ];
      for (const [payload, message] of cases) {
        const response = await relais.http.inject({
          method: 'POST',
          url: `/api/patients/${patientId}/questionnaires`,
          headers: bearer(gp.token),
          payload,
        });
        assert.equal(response.statusCode, 400, JSON.stringify(payload));
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        assert.match(response.json<{ detail: string }>().detail, message);
      }
      assert.deepEqual(await rowsOf(patientId), []);
      assert.deepEqual(await eventsOf(patientId), []);
      assert.deepEqual(await tasksOf(patientId), []);
    });

    test('an urgent result is flagged in words and creates exactly one urgent task for the médecin traitant', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const sent = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/questionnaires',
        headers: bearer(patient.token),
        payload: SELF_HARM_PHQ9,
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const result = sent.json<SubmittedQuestionnaire>();
      assert.equal(result.score, 5);
      assert.equal(result.band, 'mild');
      assert.equal(result.urgent, true);
      const reason = 'PHQ-9 : réponse 2 à la question 9 (idées de mort ou d’auto-agression)';
      assert.deepEqual(result.urgentReasons, [reason]);
      const [row] = await rowsOf(patientId);
      assert.equal(row?.urgent, true);
      assert.deepEqual(row.urgent_reasons, [{ kind: 'safety-item', item: 9, answer: 2 }]);
      const [event] = await eventsOf(patientId);
      assert.equal((event?.payload as { urgent: boolean }).urgent, true);

      assert.deepEqual(await tasksOf(patientId), [
        {
          id: result.followUpTaskId,
          title: 'Suivi urgent après le questionnaire PHQ-9 : contacter le patient',
          assignee_kind: 'care-team-role',
          assignee_role: 'medecin_traitant',
          priority: 'urgent',
          status: 'todo',
          origin_kind: 'questionnaire',
          origin_ref: result.id,
          origin_explanation: reason,
          about_kind: 'questionnaire-response',
          about_id: result.id,
          idempotency_key: `questionnaire:${result.id}`,
        },
      ]);
      const created = await relais.database.db
        .selectFrom('events')
        .select('id')
        .where('patient_id', '=', patientId)
        .where('type', '=', 'task.created')
        .execute();
      assert.equal(created.length, 1);
    });

    test('mental health kept to a named nurse: the urgent task goes to her by name, not to the GP role', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const coordinator = await createProfessional(relais, 'coordinator');
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          { kind: 'care-team-member', practitionerId: nurse.practitionerId, role: 'nurse' },
          { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
        ],
      });
      const patient = await createPatientAccount(relais, patientId);
      const restricted = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/sharing-choices',
        headers: bearer(patient.token),
        payload: {
          kind: 'restriction',
          category: 'mental-health',
          allowedPractitionerIds: [nurse.practitionerId],
        },
      });
      assert.equal(restricted.statusCode, 201, restricted.body);
      const sent = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/questionnaires',
        headers: bearer(patient.token),
        payload: SELF_HARM_PHQ9,
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const { id: taskId, ...task } = await relais.database.db
        .selectFrom('tasks')
        .select(['id', 'assignee_kind', 'assignee_role', 'assignee_practitioner_id'])
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(task, {
        assignee_kind: 'practitioner',
        assignee_role: null,
        assignee_practitioner_id: nurse.practitionerId,
      });

      // The task speaks of mental health: the coordinator, not named, sees it nowhere.
      const as = (token: string, url: string) => relais.http.inject({ url, headers: bearer(token) });
      assert.equal((await as(nurse.token, `/api/tasks/${taskId}`)).statusCode, 200);
      const refused = await as(coordinator.token, `/api/tasks/${taskId}`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /restricted mental-health data to named professionals/);
      for (const url of [`/api/patients/${patientId}/tasks`, '/api/worklist']) {
        const list = await as(coordinator.token, url);
        assert.equal(list.statusCode, 200, list.body);
        assert.ok(!list.body.includes(taskId), `${url} leaves the task out`);
      }
      assert.ok((await as(nurse.token, '/api/worklist')).body.includes(taskId));
    });

    test('a result that is not urgent creates no task', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const sent = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(gp.token),
        payload: MODERATE_PHQ9,
      });
      assert.equal(sent.json<SubmittedQuestionnaire>().followUpTaskId, null);
      assert.deepEqual(await tasksOf(patientId), []);
    });

    test('without a médecin traitant, the urgent task goes to the coordinator role', async () => {
      const coordinator = await createProfessional(relais, 'coordinator');
      const [{ patientId } = { patientId: '' }] = await relais.services.record.registerPatients(
        { kind: 'system' },
        [
          {
            identity: identity(),
            entries: [
              { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
            ],
          },
        ],
        { clientAddress: null },
      );
      const sent = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(coordinator.token),
        payload: { instrument: 'GAD-7', answers: [3, 3, 3, 3, 3, 3, 3], difficulty: 3 },
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const [task] = await tasksOf(patientId);
      assert.equal(task?.assignee_role, 'coordinator');
      assert.equal(
        task.origin_explanation,
        'GAD-7 : score total 21 sur 21 (Anxiété sévère ; seuil d’alerte 15)',
      );
    });
  });
}

describe('configured urgent thresholds', () => {
  test('a deployment can lower the GAD-7 total that raises an urgent follow-up', async () => {
    const relais = await startTestRelais('pglite', {
      urgentThresholds: { safetyAnswerAtLeast: 1, totalAtLeast: { 'PHQ-9': 20, 'GAD-7': 6 } },
    });
    try {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const sent = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/questionnaires`,
        headers: bearer(gp.token),
        payload: MILD_GAD7,
      });
      assert.deepEqual(sent.json<QuestionnaireResult>().urgentReasons, [
        'GAD-7 : score total 6 sur 21 (Anxiété légère ; seuil d’alerte 6)',
      ]);
    } finally {
      await relais.close();
    }
  });

  test('thresholds that cannot work stop the services from starting, with a clear message', async () => {
    const handle = await openTestDatabase('pglite');
    try {
      assert.throws(
        () =>
          createServices(handle.db, () => new Date(), {
            live: createInProcessLiveHub(),
            email: { enabled: false, timeZone: 'Europe/Paris' },
            urgentThresholds: { safetyAnswerAtLeast: 0, totalAtLeast: { 'PHQ-9': 20, 'GAD-7': 15 } },
          }),
        /the safety-item threshold must be 1, 2 or 3, not 0/,
      );
    } finally {
      await handle.close();
    }
  });
});
