import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type {
  PathwayTemplateList,
  PathwayWorklist,
  PatientPathwayList,
  PortalPathwaySteps,
} from '../contracts/pathway-contracts.ts';
import type { OrganizationList } from '../contracts/record-contracts.ts';
import type { Static } from 'typebox';
import {
  bearer,
  createHospitalService,
  createPatient,
  createPatientAccount,
  createProfessional,
  logIn,
} from '../../tests/support/factories.ts';
import { appendEvents, testEvent } from '../../tests/support/journal-events.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

type Pathways = Static<typeof PatientPathwayList>['items'];

for (const { dialect, skip } of testDialects()) {
  describe(`care pathways on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let now = new Date('2026-03-02T09:00:00Z');
    const DAY = 86_400_000;
    before(async () => {
      relais = await startTestRelais(dialect, {}, { clock: () => now, scheduleJobs: false });
    });
    after(() => relais.close());

    /** Moves the clock; sessions last 12 hours, so the users sign in again. */
    const travel = async (to: string, ...users: { login: string; token: string }[]) => {
      now = new Date(to);
      for (const user of users) user.token = await logIn(relais, user.login);
    };
    const drain = async () => {
      await relais.jobs.rules!.drain();
      await relais.jobs.pathwayEvidence!.drain();
    };
    const inject = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      relais.http.inject({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload }),
      });
    const pathwaysOf = async (token: string, patientId: string): Promise<Pathways> => {
      const response = await inject(token, 'GET', `/api/patients/${patientId}/pathways`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<Static<typeof PatientPathwayList>>().items;
    };
    const step = (pathways: Pathways, templateId: string, stepId: string) => {
      const found = pathways.find((p) => p.templateId === templateId)?.steps.find((s) => s.stepId === stepId);
      assert.ok(found, `${templateId}/${stepId}`);
      return found;
    };
    const countRows = async (patientId: string) => ({
      events: (
        await relais.database.db
          .selectFrom('events')
          .select('id')
          .where('patient_id', '=', patientId)
          .execute()
      ).length,
      enrolments: (
        await relais.database.db
          .selectFrom('pathway_enrolments')
          .select('id')
          .where('patient_id', '=', patientId)
          .execute()
      ).length,
    });

    test('templates list their sources and say which timings are defaults', async () => {
      const gp = await createProfessional(relais);
      const response = await inject(gp.token, 'GET', '/api/pathway-templates');
      assert.equal(response.statusCode, 200, response.body);
      const { items } = response.json<Static<typeof PathwayTemplateList>>();
      assert.deepEqual(
        items.map((t) => t.id),
        [
          'bpco-suivi-et-post-exacerbation',
          'cancer-parcours',
          'dt2-adulte-suivi',
          'ic-sortie-hospitalisation',
          'personne-agee-sortie-hospitalisation',
        ],
      );
      const dt2 = items.find((t) => t.id === 'dt2-adulte-suivi')!;
      assert.ok(dt2.sources.some((s) => s.publisher === 'HAS'));
      const gpReview = dt2.steps.find((s) => s.id === 'gp-review')!;
      assert.equal(gpReview.timingIsDefault, true);
      assert.equal(gpReview.confidence.timing, 'design_default');
      assert.equal(dt2.steps.find((s) => s.id === 'fundus')?.specialty, 'ophthalmology');
    });

    test('enrol, evidence completes steps (result, document, encounter), time brings a rupture and a task, skip', async () => {
      now = new Date('2026-03-02T09:00:00Z');
      const gp = await createProfessional(relais);
      const coordinator = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
        ],
      });
      const enrol = (templateId: string, startOn = '2026-03-02') =>
        inject(gp.token, 'POST', `/api/patients/${patientId}/pathways`, { templateId, startOn });
      assert.equal((await enrol('dt2-adulte-suivi')).statusCode, 201);
      assert.equal((await enrol('ic-sortie-hospitalisation')).statusCode, 201);

      // Bad input: 4xx and nothing written.
      const before = await countRows(patientId);
      assert.equal((await enrol('dt2-adulte-suivi')).statusCode, 409);
      assert.equal((await enrol('no-such-template')).statusCode, 400);
      assert.equal((await enrol('cancer-parcours', '2026-02-30')).statusCode, 400);
      assert.equal(
        (
          await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways`, {
            templateId: 'cancer-parcours',
            startOn: '2026-03-02',
            extra: 1,
          })
        ).statusCode,
        400,
      );
      assert.deepEqual(await countRows(patientId), before);

      // Evidence arrives: an HbA1c, a discharge letter, a visit to the GP that took place.
      await travel('2026-03-04T10:00:00Z', gp, coordinator);
      const post = async (kind: string, payload: object) => {
        const response = await inject(gp.token, 'POST', `/api/patients/${patientId}/${kind}`, payload);
        assert.equal(response.statusCode, 201, response.body);
      };
      await post('results', {
        loincCode: '4548-4',
        display: 'HbA1c',
        valueNumeric: 7.1,
        valueText: null,
        unit: '%',
        referenceRange: null,
        interpretation: null,
        effectiveAt: '2026-03-04T08:00:00Z',
      });
      await post('documents', {
        typeCode: '18842-5',
        title: 'Lettre de liaison',
        mimeType: 'text/plain',
        contentBase64: 'eA==',
      });
      await post('appointments', {
        startsAt: '2026-03-04T08:30:00Z',
        endsAt: '2026-03-04T09:00:00Z',
        kind: 'consultation',
        practitionerId: gp.practitionerId,
        organizationId: null,
        reason: 'Suivi',
        instructions: null,
      });
      await drain();
      let pathways = await pathwaysOf(gp.token, patientId);
      const hba1c = step(pathways, 'dt2-adulte-suivi', 'hba1c');
      assert.deepEqual(
        hba1c.occurrences.map((o) => o.state),
        ['done', 'next'],
      );
      assert.equal(hba1c.occurrences[0]?.evidence?.kind, 'result');
      assert.equal(hba1c.occurrences[0].onTime, true);
      assert.equal(
        hba1c.occurrences[1]?.dueAt,
        '2026-06-03T22:00:00.000Z',
        'three months after the HbA1c, Paris midnight',
      );
      assert.equal(
        step(pathways, 'ic-sortie-hospitalisation', 'discharge-letter').occurrences[0]?.evidence?.kind,
        'document',
      );
      assert.equal(step(pathways, 'ic-sortie-hospitalisation', 'gp-visit-7d').occurrences[0]?.state, 'done');
      assert.equal(
        step(pathways, 'dt2-adulte-suivi', 'gp-review').occurrences[0]?.evidence?.kind,
        'encounter',
      );
      const completed = await relais.database.db
        .selectFrom('events')
        .select('payload')
        .where('patient_id', '=', patientId)
        .where('type', '=', 'pathway.step-completed')
        .execute();
      assert.equal(completed.length, 4);
      assert.ok(completed.some((e) => (e.payload as Record<string, unknown>)['evidence'] === 'HbA1c 7.1 %'));

      // Time passes: the first nurse visit (within 7 days) is missing; the nurse role is vacant.
      await travel('2026-03-10T07:00:00Z', gp, coordinator);
      await relais.jobs.pathwayDueScan!.runOnce();
      await relais.jobs.pathwayDueScan!.runOnce();
      const tasks = await relais.database.db
        .selectFrom('tasks')
        .select(['assignee_role', 'origin_kind', 'origin_ref', 'about_id', 'title'])
        .where('patient_id', '=', patientId)
        .where('origin_kind', '=', 'pathway')
        .execute();
      const nurseTask = tasks.find((t) => t.origin_ref === 'ic-sortie-hospitalisation/nurse-first-visit');
      assert.equal(nurseTask?.assignee_role, 'coordinator', JSON.stringify(tasks));
      assert.equal(
        tasks.filter((t) => t.origin_ref === 'ic-sortie-hospitalisation/nurse-first-visit').length,
        1,
      );
      pathways = await pathwaysOf(gp.token, patientId);
      const nurseVisit = step(pathways, 'ic-sortie-hospitalisation', 'nurse-first-visit').occurrences[0]!;
      assert.equal(nurseVisit.status, 'rupture');
      assert.equal(nurseVisit.state, 'late');
      assert.equal(nurseVisit.id, nurseTask.about_id);

      // The coordinator's worklist shows it, with who must act and why.
      const worklist = await inject(
        coordinator.token,
        'GET',
        '/api/pathway-worklist?withinDays=30&templateId=ic-sortie-hospitalisation',
      );
      assert.equal(worklist.statusCode, 200, worklist.body);
      const rows = worklist.json<Static<typeof PathwayWorklist>>().items;
      const row = rows.find((r) => r.stepId === 'nurse-first-visit');
      assert.equal(row?.status, 'rupture');
      assert.deepEqual(row.mustAct, {
        role: 'coordinator',
        vacant: true,
        actors: [
          {
            practitionerId: coordinator.practitionerId,
            name: `${coordinator.login} Testeur`,
          },
        ],
      });
      assert.match(row.why.fr, /en retard/);
      assert.ok(rows.every((r) => r.templateId === 'ic-sortie-hospitalisation'));
      const mine = await inject(
        coordinator.token,
        'GET',
        `/api/pathway-worklist?withinDays=30&practitionerId=${gp.practitionerId}`,
      );
      assert.ok(
        mine.json<Static<typeof PathwayWorklist>>().items.every((r) => r.mustAct.role === 'medecin_traitant'),
      );

      // Skip with a reason; twice or without a reason is refused.
      const skip = (reason: string) =>
        inject(gp.token, 'POST', `/api/patients/${patientId}/pathway-steps/${nurseVisit.id}/skip`, {
          reason,
        });
      assert.equal((await skip(' ')).statusCode, 400);
      assert.equal((await skip('Pas de soins infirmiers prescrits')).statusCode, 204);
      assert.equal((await skip('again')).statusCode, 409);
      const skipped = step(
        await pathwaysOf(gp.token, patientId),
        'ic-sortie-hospitalisation',
        'nurse-first-visit',
      ).occurrences[0];
      assert.equal(skipped?.state, 'skipped');
      assert.equal(skipped.skipReason, 'Pas de soins infirmiers prescrits');

      // The patient sees what to do next, in plain words.
      const patient = await createPatientAccount(relais, patientId);
      const portal = await inject(patient.token, 'GET', '/api/portal/pathways');
      assert.equal(portal.statusCode, 200, portal.body);
      const next = portal.json<Static<typeof PortalPathwaySteps>>().items;
      assert.ok(next.length > 0);
      assert.ok(next.every((n) => n.sentence.fr.length > 0 && n.sentence.en.length > 0));

      // Adherence across the caseload.
      const adherence = await inject(gp.token, 'GET', '/api/pathway-adherence');
      assert.equal(adherence.statusCode, 200, adherence.body);
    });

    test('the worklist filters by a practice that /api/practices lists with its id', async () => {
      now = new Date('2026-03-02T09:00:00Z');
      const practice = async (name: string) => {
        const id = randomUUID();
        await relais.services.directory.register(
          [{ id, kind: 'practice', name, finess: null, parentId: null, specialty: null }],
          [],
        );
        return id;
      };
      const gpPractice = await practice(`MSP des Tilleuls ${now.getTime()}`);
      const nursePractice = await practice(`Cabinet infirmier du Port ${now.getTime()}`);
      const gp = await createProfessional(relais, 'physician', { organizationId: gpPractice });
      const coordinator = await createProfessional(relais, 'nurse', { organizationId: nursePractice });
      const serviceId = await createHospitalService(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
        ],
      });
      const enrolled = await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways`, {
        templateId: 'dt2-adulte-suivi',
        startOn: '2026-03-02',
      });
      assert.equal(enrolled.statusCode, 201, enrolled.body);

      const list = async (path: string) => {
        const response = await inject(coordinator.token, 'GET', path);
        assert.equal(response.statusCode, 200, response.body);
        return response.json<Static<typeof OrganizationList>>().items.map((item) => item.id);
      };
      const practices = await list('/api/practices');
      assert.ok(practices.includes(gpPractice) && practices.includes(nursePractice));
      assert.ok(!practices.includes(serviceId), 'a hospital service is not a practice');
      assert.ok(!(await list('/api/services')).includes(gpPractice), 'a practice is not a hospital service');

      const worklist = async (filter: string) => {
        const response = await inject(
          coordinator.token,
          'GET',
          `/api/pathway-worklist?withinDays=365${filter}`,
        );
        assert.equal(response.statusCode, 200, response.body);
        return response.json<Static<typeof PathwayWorklist>>().items;
      };
      const all = await worklist('');
      const ofGpPractice = await worklist(`&organizationId=${gpPractice}`);
      const ofNursePractice = await worklist(`&organizationId=${nursePractice}`);
      // The GP's practice acts on the GP's steps; the coordinator's stands in where no specialist is named.
      assert.ok(ofGpPractice.length > 0 && ofNursePractice.length > 0);
      assert.ok(
        ofGpPractice.every(
          (row) =>
            row.mustAct.role === 'medecin_traitant' &&
            row.mustAct.actors.some((actor) => actor.practitionerId === gp.practitionerId),
        ),
      );
      assert.ok(ofNursePractice.every((row) => row.mustAct.role === 'coordinator' && row.mustAct.vacant));
      assert.deepEqual(
        [...ofGpPractice, ...ofNursePractice].map((row) => row.occurrenceId).sort(),
        all.map((row) => row.occurrenceId).sort(),
      );
      assert.deepEqual(await worklist(`&organizationId=${serviceId}`), []);
    });

    test('pause holds steps and resume moves them by the pause; end cancels them', async () => {
      now = new Date('2026-03-02T09:00:00Z');
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const id = (
        await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways`, {
          templateId: 'dt2-adulte-suivi',
          startOn: '2026-03-02',
        })
      ).json<{ id: string }>().id;
      const dueBefore = step(await pathwaysOf(gp.token, patientId), 'dt2-adulte-suivi', 'hba1c')
        .occurrences[0]!.dueAt;
      assert.equal(
        (await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways/${id}/pause`)).statusCode,
        204,
      );
      assert.equal(
        (await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways/${id}/pause`)).statusCode,
        409,
      );
      assert.equal(
        step(await pathwaysOf(gp.token, patientId), 'dt2-adulte-suivi', 'hba1c').occurrences[0]?.state,
        'on-hold',
      );
      await travel(new Date(now.getTime() + 10 * DAY).toISOString(), gp);
      assert.equal(
        (await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways/${id}/resume`)).statusCode,
        204,
      );
      const resumed = step(await pathwaysOf(gp.token, patientId), 'dt2-adulte-suivi', 'hba1c')
        .occurrences[0]!;
      assert.equal(Date.parse(resumed.dueAt) - Date.parse(dueBefore), 10 * DAY);
      assert.equal(
        (
          await inject(gp.token, 'POST', `/api/patients/${patientId}/pathways/${id}/end`, {
            reason: 'Déménagement',
          })
        ).statusCode,
        204,
      );
      const ended = (await pathwaysOf(gp.token, patientId))[0]!;
      assert.equal(ended.status, 'ended');
      assert.equal(ended.endReason, 'Déménagement');
      assert.ok(ended.steps.every((s) => s.occurrences.every((o) => o.state === 'cancelled')));
    });

    test('a coordination rule enrols a heart-failure patient on discharge, from the discharge time', async () => {
      now = new Date('2026-04-01T12:00:00Z');
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          {
            kind: 'condition',
            codeSystem: 'ICD-10',
            code: 'I50.9',
            display: 'Insuffisance cardiaque',
            clinicalStatus: 'active',
            onsetDate: null,
          },
        ],
      });
      await appendEvents(relais.database.db, [
        testEvent('stay.discharged', patientId, {}, new Date('2026-04-01T12:30:00Z')),
      ]);
      await drain();
      await drain();
      const [enrolment] = await pathwaysOf(gp.token, patientId);
      assert.equal(enrolment?.templateId, 'ic-sortie-hospitalisation');
      assert.equal(enrolment.enrolledBy, 'rule');
      assert.equal(
        step([enrolment], 'ic-sortie-hospitalisation', 'gp-visit-7d').occurrences.length,
        1,
        'the discharge is not counted twice',
      );
    });

    test('bad templates are refused at load, each problem with its file and line', async () => {
      const report = await relais.services.installPathwayTemplates([
        {
          file: 'broken.yaml',
          text: 'id: broken\nversion: 1\ntitle: { fr: x, en: x }\npopulation: x\nsources:\n  - { id: S, title: s }\nsteps:\n  - id: a\n    label: { fr: a, en: a }\n    patient-label: { fr: a, en: a }\n    role: astronaut\n    trigger: enrolment\n    due: { target: P1M, latest: P2M }\n    evidence: []\n    confidence: { requirement: verified, timing: verified }\n    sources: [S]\n',
        },
      ]);
      assert.deepEqual(report.installed, []);
      assert.deepEqual(report.refused[0]?.problems, [
        'broken.yaml:11:11: step a: role: "astronaut" is not a care-team role',
        'broken.yaml:14:15: step a: evidence (what completes the step) must be a non-empty list',
      ]);
      assert.equal(
        relais.services.pathways
          .listTemplates({ kind: 'professional', accountId: 'a', practitionerId: 'p', roles: [] })
          .some((t) => t.id === 'broken'),
        false,
      );
    });
  });
}
