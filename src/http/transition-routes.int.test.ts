import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Static } from 'typebox';
import type { Relais } from '../app.ts';
import type {
  InpatientsWorklist,
  StayDetail,
  StayList,
  TransitionIndicatorsView,
} from '../contracts/transition-contracts.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createProfessional,
  logIn,
} from '../../tests/support/factories.ts';
import { decodedBody, decodedSubject, startSmtpSink } from '../../tests/support/smtp-sink.ts';
import { admitPatient, dischargePatient } from '../../tests/support/stays.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';
import { testEvent } from '../../tests/support/journal-events.ts';
import { inTransaction, insertEvents } from '../store/write-transaction.ts';

type Detail = Static<typeof StayDetail>;
type User = { login: string; token: string; practitionerId: string };

for (const { dialect, skip } of testDialects()) {
  describe(`hospital transitions on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let now = new Date('2026-03-27T10:00:00Z');
    before(async () => {
      sink = await startSmtpSink();
      relais = await startTestRelais(
        dialect,
        { email: { smtpUrl: sink.url, from: 'Relais <relais@test.invalid>' } },
        { clock: () => now, scheduleJobs: false },
      );
    });
    after(async () => {
      await relais.close();
      await sink.close();
    });

    /** Moves the clock; sessions last 12 hours, so the users sign in again. */
    const travel = async (to: string, ...users: User[]) => {
      now = new Date(to);
      for (const user of users) user.token = await logIn(relais, user.login);
    };
    const inject = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      relais.http.inject({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload }),
      });
    const detailOf = async (user: User, patientId: string, stayId: string): Promise<Detail> => {
      const response = await inject(user.token, 'GET', `/api/patients/${patientId}/stays/${stayId}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<Detail>();
    };
    const itemOf = (detail: Detail, kind: string) => {
      const item = detail.transition?.items.find((i) => i.kind === kind);
      assert.ok(item, `no ${kind} item in ${JSON.stringify(detail.transition)}`);
      return item;
    };
    const tasksOf = (patientId: string) =>
      relais.database.db
        .selectFrom('tasks')
        .select(['id', 'assignee_role', 'origin_kind', 'origin_ref', 'status', 'title'])
        .where('patient_id', '=', patientId)
        .where('origin_kind', '=', 'transition')
        .execute();
    /** A stay of three days ending at `at`, written as ADT ingestion does. */
    const discharged = async (patientId: string, at: Date) =>
      dischargePatient(
        relais,
        await admitPatient(relais, patientId, { admittedAt: new Date(at.getTime() - 3 * 86_400_000) }),
        at,
      );
    const letterReceived = (patientId: string, stayId: string) =>
      inTransaction(relais.database.db, (trx) =>
        insertEvents(trx, [
          testEvent('discharge-letter.received', patientId, { stayId, letterId: randomUUID() }, now),
        ]),
      );

    test('an admission tells the care team, GP first, in the app and by e-mail as each chose', async () => {
      now = new Date('2026-03-27T10:00:00Z');
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const gpAccount = await accountIdOf(relais, gp.token);
      const address = `${gp.login}@example.org`;
      const saved = await inject(gp.token, 'PUT' as 'POST', '/api/me/notification-settings', {
        emailAddress: address,
        emailMode: 'urgent-now-digest-rest',
        digestHour: 8,
        detailLevel: 'titles',
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId], {
        identity: { birthFamilyName: 'Quastenbrück', firstGivenName: 'Eulalie', givenNames: 'Eulalie' },
      });
      const stay = await admitPatient(relais, patientId, { unit: 'cardiologie', admittedAt: now });
      await settleJournal(relais);

      const notices = await relais.database.db
        .selectFrom('notifications')
        .select(['recipient_account_id', 'kind', 'title', 'link', 'urgency'])
        .where('patient_id', '=', patientId)
        .execute();
      assert.deepEqual(
        new Set(notices.map((n) => n.recipient_account_id)),
        new Set([gpAccount, await accountIdOf(relais, nurse.token)]),
      );
      const forGp = notices.find((n) => n.recipient_account_id === gpAccount);
      assert.equal(forGp?.kind, 'patient-admitted');
      assert.equal(forGp.title, 'Admission de votre patient en cardiologie — 750000001');
      assert.equal(forGp.link, `/patients/${patientId}/stays/${stay.id}`);

      await relais.jobs.emailDelivery!.runOnce();
      const mail = sink.received.find((m) => m.to.includes(address));
      assert.ok(mail, 'the GP chose e-mail: an e-mail went out');
      const text = `${decodedSubject(mail.raw)} ${decodedBody(mail.raw)}`;
      assert.match(text, /Admission de votre patient en cardiologie/);
      for (const secret of ['Quastenbrück', 'Eulalie', patientId]) assert.ok(!text.includes(secret), secret);
    });

    test('a discharge opens the checklist: letter the same day, reconciliation by default, a visit only where a pathway asks', async () => {
      // Discharged on Saturday 28 March 2026 at 23:30 in Paris (22:30 UTC); the clocks go forward that night.
      now = new Date('2026-03-28T22:30:00Z');
      const gp = await createProfessional(relais);
      const plain = await createPatient(relais, [gp.practitionerId]);
      const heart = await createPatient(relais, [gp.practitionerId]);
      const enrolled = await inject(gp.token, 'POST', `/api/patients/${heart}/pathways`, {
        templateId: 'ic-sortie-hospitalisation',
        startOn: '2026-03-20',
      });
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      const admittedAt = new Date('2026-03-24T08:00:00Z');
      const plainStay = await dischargePatient(
        relais,
        await admitPatient(relais, plain, { admittedAt }),
        now,
      );
      const heartStay = await dischargePatient(
        relais,
        await admitPatient(relais, heart, { admittedAt }),
        now,
      );
      await settleJournal(relais);

      const withoutPathway = await detailOf(gp, plain, plainStay.id);
      assert.equal(withoutPathway.transition?.status, 'open');
      assert.deepEqual(withoutPathway.transition.items.map((i) => i.kind).sort(), [
        'discharge-letter',
        'medication-reconciliation',
      ]);
      const letter = itemOf(withoutPathway, 'discharge-letter');
      assert.equal(letter.dueAt, '2026-03-28T23:00:00.000Z', 'Paris midnight, still winter time');
      assert.equal(letter.lastOnTimeDay, '2026-03-28');
      assert.equal(letter.deadlineSource, 'regulation');
      const reconciliation = itemOf(withoutPathway, 'medication-reconciliation');
      assert.equal(reconciliation.dueAt, '2026-04-04T22:00:00.000Z', 'seven days on, summer time');
      assert.equal(reconciliation.deadlineSource, 'default');

      const withPathway = await detailOf(gp, heart, heartStay.id);
      const visit = itemOf(withPathway, 'follow-up-visit');
      assert.equal(visit.responsible, 'medecin_traitant');
      assert.equal(visit.deadlineSource, 'pathway');
      assert.equal(visit.label?.fr, 'Consultation du médecin traitant dans les 7 jours');
      assert.equal(visit.lastOnTimeDay, '2026-04-04');

      // The visit that took place completes the pathway step, hence the item.
      await travel('2026-03-31T09:00:00Z', gp);
      const booked = await inject(gp.token, 'POST', `/api/patients/${heart}/appointments`, {
        startsAt: '2026-03-31T08:00:00Z',
        endsAt: '2026-03-31T08:30:00Z',
        kind: 'consultation',
        practitionerId: gp.practitionerId,
        organizationId: null,
        reason: 'Suivi de sortie',
        instructions: null,
      });
      assert.equal(booked.statusCode, 201, booked.body);
      await settleJournal(relais);
      const visited = itemOf(await detailOf(gp, heart, heartStay.id), 'follow-up-visit');
      assert.equal(visited.status, 'done');
      assert.ok(visited.evidenceRef !== null);

      // The stays list summarises the checklist.
      const list = await inject(gp.token, 'GET', `/api/patients/${heart}/stays`);
      const summary = list.json<Static<typeof StayList>>().items[0]?.transition;
      assert.deepEqual(
        { total: summary?.total, closedItems: summary?.closedItems, late: summary?.late },
        { total: 3, closedItems: 1, late: 0 },
      );
    });

    test('a missing letter goes late and raises a task for the coordinator, or the GP; the letter completes both', async () => {
      now = new Date('2026-05-04T09:00:00Z');
      const gp = await createProfessional(relais);
      const coordinator = await createProfessional(relais, 'nurse');
      const coordinated = await createPatient(relais, [gp.practitionerId], {
        entries: [
          { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
        ],
      });
      const alone = await createPatient(relais, [gp.practitionerId]);
      const stays = [await discharged(coordinated, now), await discharged(alone, now)];
      await settleJournal(relais);
      await relais.services.transitionProgress.runScan(100);
      assert.equal((await tasksOf(coordinated)).length, 0, 'not late yet on the discharge day');

      await travel('2026-05-05T06:00:00Z', gp, coordinator);
      await relais.jobs.transitionScan!.runOnce();
      await relais.jobs.transitionScan!.runOnce();
      const [coordinatedTask, ...more] = await tasksOf(coordinated);
      assert.equal(more.length, 0, 'one task per item, however many scans');
      assert.equal(coordinatedTask?.assignee_role, 'coordinator');
      assert.equal(coordinatedTask.title, 'Lettre de liaison de sortie non reçue');
      const [aloneTask] = await tasksOf(alone);
      assert.equal(aloneTask?.assignee_role, 'medecin_traitant');
      const late = itemOf(await detailOf(coordinator, coordinated, stays[0]!.id), 'discharge-letter');
      assert.equal(late.status, 'late');
      assert.equal(late.taskId, coordinatedTask.id);

      // The worklist says who must act.
      const worklist = await inject(coordinator.token, 'GET', '/api/worklist/inpatients');
      const rows = worklist.json<Static<typeof InpatientsWorklist>>().items;
      const row = rows.find((r) => r.patientId === coordinated && r.item.kind === 'discharge-letter');
      assert.equal(row?.mustAct.role, 'coordinator');
      assert.ok(row.mustAct.names.some((name) => name.includes(coordinator.login)));

      await letterReceived(coordinated, stays[0]!.id);
      await settleJournal(relais);
      const received = itemOf(await detailOf(coordinator, coordinated, stays[0]!.id), 'discharge-letter');
      assert.equal(received.status, 'done');
      assert.equal(received.evidence, 'Lettre de liaison reçue');
      assert.equal((await tasksOf(coordinated))[0]?.status, 'done');
      // Replayed: nothing changes twice.
      await letterReceived(coordinated, stays[0]!.id);
      await settleJournal(relais);
      assert.equal(
        itemOf(await detailOf(coordinator, coordinated, stays[0]!.id), 'discharge-letter').doneAt,
        received.doneAt,
      );
    });

    test('home nursing added, marked done with a note, stale versions refused; the last item closes the transition', async () => {
      now = new Date('2026-06-10T08:00:00Z');
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const stay = await discharged(patientId, now);
      await settleJournal(relais);
      const base = `/api/patients/${patientId}/stays/${stay.id}/transition/items`;
      let detail = await detailOf(gp, patientId, stay.id);
      const version = detail.transition!.version;
      const added = await inject(gp.token, 'POST', base, {
        kind: 'home-nursing',
        dueOn: '2026-06-12',
        note: 'Pansement tous les 2 jours',
        version,
      });
      assert.equal(added.statusCode, 201, added.body);
      const itemId = added.json<{ id: string }>().id;
      const stale = await inject(gp.token, 'POST', `${base}/${itemId}`, { status: 'done', version });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(
        (
          await inject(gp.token, 'POST', base, {
            kind: 'equipment',
            dueOn: '2026-06-01',
            note: 'Lit',
            version: version + 1,
          })
        ).statusCode,
        400,
      );
      const noReason = await inject(gp.token, 'POST', `${base}/${itemId}`, {
        status: 'not-needed',
        version: version + 1,
      });
      assert.equal(noReason.statusCode, 400, noReason.body);
      assert.equal(
        (
          await inject(gp.token, 'POST', `${base}/${itemId}`, {
            status: 'done',
            note: 'IDE libérale',
            version: version + 1,
          })
        ).statusCode,
        204,
      );
      detail = await detailOf(gp, patientId, stay.id);
      const nursing = itemOf(detail, 'home-nursing');
      assert.equal(nursing.status, 'done');
      assert.equal(nursing.evidence, 'IDE libérale');
      assert.ok(nursing.doneBy?.includes(gp.login));
      assert.equal(nursing.lastOnTimeDay, '2026-06-12');

      for (const item of detail.transition!.items.filter((i) => i.status === 'pending')) {
        const current = (await detailOf(gp, patientId, stay.id)).transition!.version;
        const marked = await inject(gp.token, 'POST', `${base}/${item.id}`, {
          status: item.kind === 'discharge-letter' ? 'done' : 'not-needed',
          note: 'vu',
          version: current,
        });
        assert.equal(marked.statusCode, 204, marked.body);
      }
      assert.equal((await detailOf(gp, patientId, stay.id)).transition?.status, 'closed');
    });

    test('a cancelled discharge cancels the transition and its tasks', async () => {
      now = new Date('2026-07-01T08:00:00Z');
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const stay = await discharged(patientId, now);
      await settleJournal(relais);
      await travel('2026-07-02T08:00:00Z', gp);
      await relais.jobs.transitionScan!.runOnce();
      assert.equal((await tasksOf(patientId)).length, 1);
      await inTransaction(relais.database.db, (trx) =>
        insertEvents(trx, [testEvent('stay.discharge-cancelled', patientId, { stayId: stay.id }, now)]),
      );
      await settleJournal(relais);
      assert.equal((await detailOf(gp, patientId, stay.id)).transition?.status, 'cancelled');
      assert.deepEqual(
        (await tasksOf(patientId)).map((t) => t.status),
        ['cancelled'],
      );
    });

    test('outside the care team: 403, audited; unknown stay: 404; the worklist lists only my caseload', async () => {
      now = new Date('2026-08-01T08:00:00Z');
      const gp = await createProfessional(relais);
      const other = await createProfessional(relais);
      const mine = await createPatient(relais, [gp.practitionerId]);
      const theirs = await createPatient(relais, [other.practitionerId]);
      const stay = await admitPatient(relais, mine, { admittedAt: now });
      await admitPatient(relais, theirs, { admittedAt: now });
      await settleJournal(relais);

      const refused = await inject(other.token, 'GET', `/api/patients/${mine}/stays/${stay.id}`);
      assert.equal(refused.statusCode, 403, refused.body);
      const denied = await relais.database.db
        .selectFrom('audit_entries')
        .select(['resource', 'outcome'])
        .where('patient_id', '=', mine)
        .where('outcome', '=', 'denied')
        .execute();
      assert.deepEqual(denied, [{ resource: 'stay', outcome: 'denied' }]);
      const missing = await inject(gp.token, 'GET', `/api/patients/${mine}/stays/${randomUUID()}`);
      assert.equal(missing.statusCode, 404, missing.body);

      const worklist = await inject(gp.token, 'GET', '/api/worklist/inpatients');
      assert.equal(worklist.statusCode, 200, worklist.body);
      const inpatients = worklist.json<Static<typeof InpatientsWorklist>>().inpatients;
      assert.deepEqual(
        inpatients.map((row) => row.patientId),
        [mine],
      );
      assert.equal(inpatients[0]?.stay.unit, 'Cardiologie');
      assert.equal(inpatients[0].mustAct.role, 'medecin_traitant');
      const listed = await relais.database.db
        .selectFrom('audit_entries')
        .select('resource')
        .where('patient_id', '=', mine)
        .where('resource', '=', 'transition-worklist')
        .execute();
      assert.equal(listed.length, 1);
    });

    test('indicators over a small fixed scenario', async () => {
      now = new Date('2026-09-01T08:00:00Z');
      const gp = await createProfessional(relais);
      const patients = [
        await createPatient(relais, [gp.practitionerId]),
        await createPatient(relais, [gp.practitionerId]),
        await createPatient(relais, [gp.practitionerId]),
      ];
      // Discharged at 10:00 Paris on 1 September; letters after 2 h, 6 h and never.
      const stays = [];
      for (const patientId of patients) stays.push(await discharged(patientId, now));
      await settleJournal(relais);
      now = new Date('2026-09-01T10:00:00Z');
      await letterReceived(patients[0]!, stays[0]!.id);
      now = new Date('2026-09-01T14:00:00Z');
      await letterReceived(patients[1]!, stays[1]!.id);
      await settleJournal(relais);
      await travel('2026-09-03T08:00:00Z', gp);

      const response = await inject(
        gp.token,
        'GET',
        '/api/transitions/indicators?from=2026-09-01&to=2026-09-01',
      );
      assert.equal(response.statusCode, 200, response.body);
      const figures = response.json<Static<typeof TransitionIndicatorsView>>();
      assert.equal(figures.transitions, 3);
      assert.deepEqual(figures.letterDelayHours, { median: 4, p90: 5.6, letters: 2 });
      assert.deepEqual(figures.lettersOnDischargeDay, { count: 2, of: 3 });
      assert.deepEqual(figures.followUpsOnTime, { count: 0, of: 0 });
      const empty = await inject(
        gp.token,
        'GET',
        '/api/transitions/indicators?from=2026-08-01&to=2026-08-31',
      );
      assert.equal(empty.json<Static<typeof TransitionIndicatorsView>>().transitions, 0);
      const reversed = await inject(
        gp.token,
        'GET',
        '/api/transitions/indicators?from=2026-09-02&to=2026-09-01',
      );
      assert.equal(reversed.statusCode, 400, reversed.body);
    });
  });
}
