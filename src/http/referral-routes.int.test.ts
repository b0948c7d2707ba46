import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import type {
  ExamCheckResult,
  PortalReferralList,
  ReferralDetail,
  ReferralDraft,
  ReferralPage,
} from '../contracts/referral-contracts.ts';
import {
  bearer,
  createHospitalService,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

// Thursday 15 January 2026, 11:00 in Paris.
const NOW = new Date('2026-01-15T10:00:00Z');

type Caller = { readonly token: string };

for (const { dialect, skip } of testDialects()) {
  describe(`referrals on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect, {}, { clock: () => NOW });
    });
    after(() => relais.close());

    const call = (who: Caller, method: 'GET' | 'POST', url: string, payload?: object) => {
      const request: InjectOptions = { method, url, headers: bearer(who.token) };
      if (payload !== undefined) request.payload = payload;
      return relais.http.inject(request);
    };
    const ok = async <T>(who: Caller, method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await call(who, method, url, payload);
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json<T>();
    };
    const count = async (table: 'referrals' | 'events' | 'referral_messages', patientId: string) =>
      Number(
        (
          await relais.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('patient_id', '=', patientId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** A GP's patient with a treatment, an allergy, a recent HbA1c and a letter; a cardiology service of two. */
    const territory = async () => {
      const gp = await createProfessional(relais);
      const serviceId = await createHospitalService(relais, 'cardiology');
      const cardiologist = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const colleague = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          {
            kind: 'medication',
            atcCode: 'C07AB07',
            name: 'Bisoprolol 5 mg',
            dosage: '1 cp le matin',
            startedOn: null,
            status: 'active',
          },
          { kind: 'allergy', substance: 'Pénicilline', reaction: 'urticaire', criticality: 'high' },
          {
            kind: 'result',
            loincCode: '4548-4',
            display: 'HbA1c',
            valueNumeric: 7.2,
            valueText: null,
            unit: '%',
            referenceRange: null,
            interpretation: 'high',
            effectiveAt: '2026-01-05T08:00:00Z',
          },
          {
            kind: 'document',
            typeCode: '11488-4',
            title: 'Courrier',
            mimeType: 'text/plain',
            content: new TextEncoder().encode('ECG joint'),
          },
        ],
      });
      const [result, document] = await Promise.all([
        relais.database.db
          .selectFrom('results')
          .select('id')
          .where('patient_id', '=', patientId)
          .executeTakeFirstOrThrow(),
        relais.database.db
          .selectFrom('documents')
          .select('id')
          .where('patient_id', '=', patientId)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        gp,
        serviceId,
        cardiologist,
        colleague,
        outsider,
        patientId,
        resultId: result.id,
        documentId: document.id,
      };
    };
    type Territory = Awaited<ReturnType<typeof territory>>;

    const referralTo = (target: object, overrides: object = {}) => ({
      kind: 'referral',
      urgency: 'soon',
      target,
      reason: 'Dyspnée d’effort récente',
      clinicalQuestion: 'Insuffisance cardiaque ? Échocardiographie souhaitée',
      preferences: { place: null, teleconsultation: false, availability: 'le matin' },
      attachedResultIds: [],
      attachedDocumentIds: [],
      requestedExams: [],
      ...overrides,
    });
    const send = async (
      t: Territory,
      body: object = referralTo({ kind: 'service', organizationId: t.serviceId }),
    ) => (await ok<{ id: string }>(t.gp, 'POST', `/api/patients/${t.patientId}/referrals`, body)).id;
    const act = (who: Caller, id: string, action: object) =>
      call(who, 'POST', `/api/referrals/${id}/actions`, action);
    const actOk = async (who: Caller, id: string, action: object) => {
      const response = await act(who, id, action);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<ReferralDetail>();
    };

    test('the closed loop: sent to a service, accepted by a member, scheduled, seen, reported, acknowledged', async () => {
      const t = await territory();
      const id = await send(
        t,
        referralTo(
          { kind: 'service', organizationId: t.serviceId },
          { attachedResultIds: [t.resultId], attachedDocumentIds: [t.documentId] },
        ),
      );
      const sent = await ok<ReferralDetail>(t.gp, 'GET', `/api/referrals/${id}`);
      assert.equal(sent.status, 'requested');
      assert.deepEqual(sent.liaisonLetter, {
        reasons: 'Dyspnée d’effort récente',
        treatments: ['Bisoprolol 5 mg 1 cp le matin'],
        allergies: ['Pénicilline (urticaire)'],
      });
      assert.equal(sent.attachedResults[0]?.id, t.resultId);
      assert.equal(sent.attachedDocuments[0]?.id, t.documentId);
      assert.equal(sent.deadline?.stage, 'accept');
      assert.equal(sent.deadline.waitingOn, 'target');
      // 3 working days for a "soon" acceptance: Thursday → Tuesday.
      assert.equal(sent.deadline.dueAt, '2026-01-20T10:00:00.000Z');
      assert.deepEqual(sent.actions, ['cancel']);

      // Both members of the service see it in their inbox; the cardiologist, not in the care team, reads the attachment.
      for (const member of [t.cardiologist, t.colleague]) {
        const inbox = await ok<ReferralPage>(member, 'GET', '/api/referrals/inbox');
        assert.deepEqual(
          inbox.items.map((item) => [item.id, item.relations, item.actions]),
          [[id, ['target'], ['accept', 'decline', 'redirect', 'ask']]],
        );
      }
      const attachment = await call(
        t.cardiologist,
        'GET',
        `/api/referrals/${id}/documents/${t.documentId}/content`,
      );
      assert.equal(attachment.statusCode, 200, attachment.body);
      assert.equal(attachment.body, 'ECG joint');
      // The open referral to their service opens the record to its members, until the loop closes (issue 8).
      const opened = await call(t.cardiologist, 'GET', `/api/patients/${t.patientId}`);
      assert.equal(opened.statusCode, 200, opened.body);
      assert.equal((JSON.parse(opened.body) as { access: { basis: string } }).access.basis, 'referral');

      const accepted = await actOk(t.cardiologist, id, { kind: 'accept', version: 1 });
      assert.equal(accepted.status, 'accepted');
      assert.equal(accepted.performer?.practitionerId, t.cardiologist.practitionerId);
      assert.equal(accepted.deadline?.stage, 'schedule');
      // Accepting put the cardiologist in the care team: they now read the record.
      assert.equal((await call(t.cardiologist, 'GET', `/api/patients/${t.patientId}`)).statusCode, 200);
      // The colleague no longer has it, and may not act on it.
      assert.deepEqual((await ok<ReferralPage>(t.colleague, 'GET', '/api/referrals/inbox')).items, []);
      assert.equal((await act(t.colleague, id, { kind: 'mark-seen', version: 2 })).statusCode, 403);

      const scheduled = await actOk(t.cardiologist, id, {
        kind: 'schedule',
        version: 2,
        at: '2026-01-26T08:30:00.000Z',
        place: 'Hôpital de jour, bâtiment B',
        teleconsultation: false,
        instructions: 'Apporter les derniers bilans',
      });
      assert.equal(scheduled.appointmentAt, '2026-01-26T08:30:00.000Z');
      assert.equal(scheduled.deadline?.stage, 'report');
      await actOk(t.cardiologist, id, { kind: 'mark-seen', version: 3 });
      const reported = await actOk(t.cardiologist, id, {
        kind: 'report',
        version: 4,
        text: 'FEVG conservée, pas d’insuffisance cardiaque',
        documentId: null,
      });
      assert.equal(reported.status, 'reported');
      assert.equal(reported.deadline?.waitingOn, 'referrer');
      const outbox = await ok<ReferralPage>(t.gp, 'GET', '/api/referrals/outbox');
      assert.deepEqual(
        outbox.items.map((item) => [item.id, item.status, item.actions]),
        [[id, 'reported', ['acknowledge']]],
      );
      const closed = await actOk(t.gp, id, { kind: 'acknowledge', version: 5 });
      assert.equal(closed.status, 'closed');
      assert.equal(closed.deadline, null);
      assert.deepEqual(
        closed.history.map((entry) => [entry.type, entry.by]),
        [
          ['referral.sent', t.gp.login + ' Testeur'],
          ['referral.accepted', t.cardiologist.login + ' Testeur'],
          ['referral.scheduled', t.cardiologist.login + ' Testeur'],
          ['referral.patient-seen', t.cardiologist.login + ' Testeur'],
          ['referral.reported', t.cardiologist.login + ' Testeur'],
          ['referral.acknowledged', t.gp.login + ' Testeur'],
        ],
      );
      assert.deepEqual((await ok<ReferralPage>(t.gp, 'GET', '/api/referrals/outbox')).items, []);
      const all = await ok<ReferralPage>(t.gp, 'GET', '/api/referrals/outbox?state=closed');
      assert.equal(all.items[0]?.id, id);
      // The journal keeps free text out: no reason, question or report in any payload.
      const payloads = await relais.database.db
        .selectFrom('events')
        .select('payload')
        .where('patient_id', '=', t.patientId)
        .where('type', 'like', 'referral.%')
        .execute();
      assert.ok(!JSON.stringify(payloads).includes('FEVG'));
      assert.ok(!JSON.stringify(payloads).includes('Dyspnée'));
    });

    test('a question puts the referral on hold until the referrer answers; decline, redirect and cancel need a reason', async () => {
      const t = await territory();
      const id = await send(t);
      const held = await actOk(t.colleague, id, { kind: 'ask', version: 1, question: 'ECG récent ?' });
      assert.equal(held.status, 'on_hold');
      assert.equal(held.deadline?.waitingOn, 'referrer');
      const answered = await actOk(t.gp, id, { kind: 'answer', version: 2, answer: 'Joint au dossier' });
      assert.equal(answered.status, 'requested');
      assert.deepEqual(
        answered.messages.map((m) => [m.kind, m.text]),
        [
          ['question', 'ECG récent ?'],
          ['answer', 'Joint au dossier'],
        ],
      );
      const blank = await act(t.colleague, id, { kind: 'decline', version: 3, reason: '  ' });
      assert.equal(blank.statusCode, 400, blank.body);
      const otherService = await createHospitalService(relais, 'pulmonology');
      const redirected = await actOk(t.colleague, id, {
        kind: 'redirect',
        version: 3,
        organizationId: otherService,
        reason: 'Plutôt une dyspnée respiratoire',
      });
      assert.equal(redirected.status, 'requested');
      assert.equal(redirected.target.id, otherService);
      assert.equal(redirected.history.at(-1)?.note, 'Service pulmonology');
      assert.deepEqual((await ok<ReferralPage>(t.colleague, 'GET', '/api/referrals/inbox')).items, []);
      const cancelled = await actOk(t.gp, id, { kind: 'cancel', version: 4, reason: 'Patient hospitalisé' });
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.cancelReason, 'Patient hospitalisé');

      const second = await send(t);
      const declined = await actOk(t.cardiologist, second, {
        kind: 'decline',
        version: 1,
        reason: 'Hors champ',
      });
      assert.equal(declined.status, 'declined');
      assert.equal(declined.declineReason, 'Hors champ');
    });

    test("the patient's objection hides a referral from the professional or service objected to", async () => {
      const t = await territory();
      const id = await send(t);
      const inboxIds = async (who: Caller) =>
        (await ok<ReferralPage>(who, 'GET', '/api/referrals/inbox')).items.map((item) => item.id);
      assert.deepEqual(await inboxIds(t.cardiologist), [id]);
      const objectTo = async (target: object) => {
        const recorded = await call(t.gp, 'POST', `/api/patients/${t.patientId}/sharing-choices`, {
          kind: 'objection',
          ...target,
        });
        assert.equal(recorded.statusCode, 201, recorded.body);
      };

      await objectTo({ practitionerId: t.cardiologist.practitionerId });
      assert.deepEqual(await inboxIds(t.cardiologist), []);
      const refused = await call(t.cardiologist, 'GET', `/api/referrals/${id}`);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.match(refused.json<{ detail: string }>().detail, /objects to sharing with this professional/);
      assert.equal((await act(t.cardiologist, id, { kind: 'accept', version: 1 })).statusCode, 403);
      assert.deepEqual(await inboxIds(t.colleague), [id], 'the rest of the service still has it');

      await objectTo({ organizationId: t.serviceId });
      assert.deepEqual(await inboxIds(t.colleague), []);
      assert.equal((await call(t.colleague, 'GET', `/api/referrals/${id}`)).statusCode, 403);
    });

    test('a télé-expertise to a named specialist: accepted, answered in writing, acknowledged; no appointment', async () => {
      const t = await territory();
      const id = await send(
        t,
        referralTo(
          { kind: 'practitioner', practitionerId: t.cardiologist.practitionerId },
          { kind: 'tele-expertise' },
        ),
      );
      await actOk(t.cardiologist, id, { kind: 'accept', version: 1 });
      const schedule = await act(t.cardiologist, id, {
        kind: 'schedule',
        version: 2,
        at: '2026-01-20T08:00:00Z',
        place: null,
        teleconsultation: true,
        instructions: null,
      });
      assert.equal(schedule.statusCode, 409, schedule.body);
      assert.match(schedule.json<{ detail: string }>().detail, /is accepted/);
      const reported = await actOk(t.cardiologist, id, {
        kind: 'report',
        version: 2,
        text: 'Avis : introduire un IEC',
        documentId: t.documentId,
      });
      assert.equal(reported.report?.document?.id, t.documentId);
      await actOk(t.gp, id, { kind: 'acknowledge', version: 3 });
    });

    test('a specialty pool: any holder may take it; the first one wins and the second gets a conflict', async () => {
      const t = await territory();
      await relais.database.db
        .updateTable('practitioners')
        .set({ specialty: 'nephrology' })
        .where('id', 'in', [t.cardiologist.practitionerId, t.colleague.practitionerId])
        .execute();
      const id = await send(
        t,
        referralTo({ kind: 'specialty', specialty: 'nephrology' }, { urgency: 'urgent' }),
      );
      const inbox = await ok<ReferralPage>(t.colleague, 'GET', '/api/referrals/inbox');
      assert.equal(inbox.items[0]?.target.label, 'néphrologie');
      await actOk(t.cardiologist, id, { kind: 'accept', version: 1 });
      const late = await act(t.colleague, id, { kind: 'accept', version: 1 });
      assert.equal(late.statusCode, 403, late.body);
    });

    test('the inbox: urgent first, then the longest waiting, page by page', async () => {
      const t = await territory();
      const target = { kind: 'practitioner', practitionerId: t.cardiologist.practitionerId };
      const routine = await send(t, referralTo(target, { urgency: 'routine' }));
      const urgent = await send(t, referralTo(target, { urgency: 'urgent' }));
      const soon = await send(t, referralTo(target, { urgency: 'soon' }));
      const first = await ok<ReferralPage>(t.cardiologist, 'GET', '/api/referrals/inbox?limit=2');
      assert.deepEqual(
        first.items.map((item) => item.id),
        [urgent, soon],
      );
      assert.equal(first.items[0]?.patient.name, 'LEFÈVRE Hélène');
      assert.ok(first.nextCursor !== null);
      const second = await ok<ReferralPage>(
        t.cardiologist,
        'GET',
        `/api/referrals/inbox?limit=2&cursor=${first.nextCursor}`,
      );
      assert.deepEqual(
        second.items.map((item) => item.id),
        [routine],
      );
      assert.equal(second.nextCursor, null);
      const bad = await call(t.cardiologist, 'GET', '/api/referrals/inbox?cursor=abc');
      assert.equal(bad.statusCode, 400);
    });

    test('bad input is refused in words and writes nothing', async () => {
      const t = await territory();
      const service = { kind: 'service', organizationId: t.serviceId };
      const before = {
        referrals: await count('referrals', t.patientId),
        events: await count('events', t.patientId),
      };
      const refusals: [object, number, RegExp][] = [
        [referralTo(service, { clinicalQuestion: ' ' }), 400, /clinicalQuestion is required/],
        [referralTo({ kind: 'service', organizationId: t.gp.practitionerId }), 400, /no hospital service/],
        [referralTo({ kind: 'practitioner', practitionerId: t.serviceId }), 400, /no practitioner with id/],
        [
          referralTo({ kind: 'specialty', specialty: 'podiatry' }),
          400,
          /no practitioner holds the specialty/,
        ],
        [
          referralTo(service, { attachedResultIds: [t.serviceId] }),
          400,
          /no result .* in this patient's record/,
        ],
        [
          referralTo(service, { requestedExams: [{ code: '4548-4', display: 'HbA1c', repeatReason: null }] }),
          400,
          /HbA1c .* was done on 2026-01-05 \(HbA1c: 7.2 %\)/,
        ],
        [referralTo(service, { urgency: 'whenever' }), 400, /urgency/],
        [{ kind: 'referral' }, 400, /required property/],
      ];
      for (const [body, status, message] of refusals) {
        const response = await call(t.gp, 'POST', `/api/patients/${t.patientId}/referrals`, body);
        assert.equal(response.statusCode, status, response.body);
        assert.match(response.json<{ detail: string }>().detail, message);
      }
      // The repeat with its reason goes through.
      await send(
        t,
        referralTo(service, {
          requestedExams: [{ code: '4548-4', display: 'HbA1c', repeatReason: 'Contrôle avant chirurgie' }],
        }),
      );
      const outsider = await call(
        t.outsider,
        'POST',
        `/api/patients/${t.patientId}/referrals`,
        referralTo(service),
      );
      assert.equal(outsider.statusCode, 403);
      assert.equal(await count('referrals', t.patientId), before.referrals + 1);
      assert.equal(await count('events', t.patientId), before.events + 1);
    });

    test('wrong state, wrong actor and a stale version are refused and write nothing', async () => {
      const t = await territory();
      const id = await send(t);
      const events = await count('events', t.patientId);
      const refusals: [Caller, object, number, RegExp][] = [
        [t.gp, { kind: 'accept', version: 1 }, 403, /referrer, care-team: not the one who may accept it/],
        [t.outsider, { kind: 'accept', version: 1 }, 403, /not the referrer, the addressee/],
        [
          t.cardiologist,
          { kind: 'acknowledge', version: 1 },
          403,
          /referral target: not the one who may acknowledge it/,
        ],
        [
          t.gp,
          { kind: 'acknowledge', version: 1 },
          409,
          /the referral is requested: it cannot be acknowledged/,
        ],
        [t.cardiologist, { kind: 'accept', version: 7 }, 409, /someone else changed this referral meanwhile/],
        [t.cardiologist, { kind: 'accept' }, 400, /version/],
        [t.cardiologist, { kind: 'fly', version: 1 }, 400, /invalid request/],
      ];
      for (const [who, action, status, message] of refusals) {
        const response = await act(who, id, action);
        assert.equal(response.statusCode, status, `${JSON.stringify(action)}: ${response.body}`);
        assert.match(response.json<{ detail: string }>().detail, message);
      }
      assert.equal(await count('events', t.patientId), events);
      assert.equal((await call(t.outsider, 'GET', `/api/referrals/${id}`)).statusCode, 403);
      assert.equal(
        (await call(t.outsider, 'GET', `/api/referrals/${id}/documents/${t.documentId}/content`)).statusCode,
        403,
      );
      // A party asking for a document that is not attached gets nothing.
      assert.equal(
        (await call(t.cardiologist, 'GET', `/api/referrals/${id}/documents/${t.documentId}/content`))
          .statusCode,
        404,
      );
    });

    test('the form: recent results and documents, liaison preview, exams in my language, the repeat warning', async () => {
      const t = await territory();
      const draft = await ok<ReferralDraft>(t.gp, 'GET', `/api/patients/${t.patientId}/referral-draft`);
      assert.deepEqual(
        draft.recentResults.map((r) => r.id),
        [t.resultId],
      );
      assert.deepEqual(
        draft.recentDocuments.map((d) => d.id),
        [t.documentId],
      );
      assert.deepEqual(draft.liaisonLetter.allergies, ['Pénicilline (urticaire)']);
      assert.equal(draft.exams.find((exam) => exam.id === 'hba1c')?.label, 'HbA1c (hémoglobine glyquée)');
      assert.equal(draft.exams.find((exam) => exam.id === 'hba1c')?.code, '4548-4');
      const check = await ok<ExamCheckResult>(
        t.gp,
        'POST',
        `/api/patients/${t.patientId}/referrals/exam-check`,
        {
          codes: ['4548-4', '2160-0'],
        },
      );
      assert.deepEqual(
        check.repeats.map((r) => [r.code, r.result.id, r.validUntil]),
        [['4548-4', t.resultId, '2026-03-26T08:00:00.000Z']],
      );
      const wrong = await call(t.gp, 'POST', `/api/patients/${t.patientId}/referrals/exam-check`, {
        codes: ['x'],
      });
      assert.equal(wrong.statusCode, 400);
    });

    test("the patient sees their own referrals in the portal, and the care team sees the patient's", async () => {
      const t = await territory();
      const id = await send(t);
      const other = await createPatient(relais, [t.gp.practitionerId]);
      await ok(
        t.gp,
        'POST',
        `/api/patients/${other}/referrals`,
        referralTo({ kind: 'service', organizationId: t.serviceId }),
      );
      await actOk(t.cardiologist, id, { kind: 'accept', version: 1 });
      const patient = await createPatientAccount(relais, t.patientId);
      const portal = await ok<PortalReferralList>(patient, 'GET', '/api/portal/referrals');
      assert.deepEqual(
        portal.items.map((item) => [item.id, item.status, item.to, item.history.map((h) => h.type)]),
        [[id, 'accepted', `${t.cardiologist.login} Testeur`, ['referral.sent', 'referral.accepted']]],
      );
      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select('outcome')
        .where('patient_id', '=', t.patientId)
        .where('resource', '=', 'portal-referrals')
        .execute();
      assert.deepEqual(audit, [{ outcome: 'allowed' }]);
      assert.equal((await call(t.gp, 'GET', '/api/portal/referrals')).statusCode, 403);
      assert.equal((await call(patient, 'GET', `/api/referrals/${id}`)).statusCode, 403);
      const list = await ok<ReferralPage>(t.gp, 'GET', `/api/patients/${t.patientId}/referrals`);
      assert.deepEqual(
        list.items.map((item) => [item.id, item.relations]),
        [[id, ['referrer', 'care-team']]],
      );
    });

    test("a service's delays: administrators change them, the defaults stay marked, the next referral uses them", async () => {
      const t = await territory();
      const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
      const url = `/api/admin/services/${t.serviceId}/referral-sla`;
      assert.equal((await call(t.gp, 'GET', url)).statusCode, 403);
      const saved = await relais.http.inject({
        method: 'PUT',
        url,
        headers: bearer(admin.token),
        payload: { overrides: [{ kind: 'referral', urgency: 'soon', stage: 'accept', workingDays: 1 }] },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const entries = saved.json<{
        entries: { stage: string; urgency: string; kind: string; workingDays: number; isDefault: boolean }[];
      }>().entries;
      assert.equal(entries.length, 36);
      assert.deepEqual(
        entries.filter((e) => !e.isDefault).map((e) => [e.kind, e.urgency, e.stage, e.workingDays]),
        [['referral', 'soon', 'accept', 1]],
      );
      const id = await send(t);
      const detail = await ok<ReferralDetail>(t.gp, 'GET', `/api/referrals/${id}`);
      assert.equal(detail.deadline?.dueAt, '2026-01-16T10:00:00.000Z');
      const unknown = await call(admin, 'GET', `/api/admin/services/${t.gp.practitionerId}/referral-sla`);
      assert.equal(unknown.statusCode, 404);
    });
  });
}
