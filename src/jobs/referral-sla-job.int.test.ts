import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type { ReferralDetail } from '../contracts/referral-contracts.ts';
import {
  accountIdOf,
  bearer,
  createHospitalService,
  createPatient,
  createProfessional,
  logIn,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

// Thursday 15 January 2026, 11:00 in Paris; a "soon" referral is due for acceptance 3 working days later.
const SENT_AT = new Date('2026-01-15T10:00:00Z');
const DUE_AT = '2026-01-20T10:00:00.000Z';
const AFTER_DUE = new Date('2026-01-21T09:00:00Z');
// Escalation comes 2 working days after the deadline.
const AFTER_ESCALATION = new Date('2026-01-23T09:00:00Z');

for (const { dialect, skip } of testDialects()) {
  describe(`referral deadlines and notices on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let now = SENT_AT;
    before(async () => {
      relais = await startTestRelais(dialect, {}, { clock: () => now, scheduleJobs: false });
    });
    after(() => relais.close());

    const post = async (token: string, url: string, payload: Record<string, unknown>) => {
      const response = await relais.http.inject({ method: 'POST', url, headers: bearer(token), payload });
      assert.ok(response.statusCode < 300, `${url}: ${response.body}`);
      return response.json<{ id: string } & ReferralDetail>();
    };
    const sweep = async () => {
      const job = relais.jobs.referralSla;
      assert.ok(job !== null);
      await job.runOnce();
    };
    const tasksOf = (referralId: string) =>
      relais.database.db
        .selectFrom('tasks')
        .select(['title', 'assignee_kind', 'assignee_organization_id', 'assignee_role', 'priority', 'status'])
        .where('origin_kind', '=', 'referral')
        .where('origin_ref', '=', referralId)
        .orderBy('created_at')
        .execute();
    const eventTypes = async (patientId: string) =>
      (
        await relais.database.db
          .selectFrom('events')
          .select('type')
          .where('patient_id', '=', patientId)
          .where('type', 'like', 'referral.%')
          .orderBy('seq')
          .execute()
      ).map((row) => row.type);
    const noticesOf = async (who: { readonly login: string }) => {
      const accountId = await accountIdOf(relais, await logIn(relais, who.login));
      return (
        (
          await relais.database.db
            .selectFrom('notifications')
            .select(['kind', 'title', 'link'])
            .where('recipient_account_id', '=', accountId)
            .where('kind', 'like', 'referral-%')
            .execute()
        )
          .map((row) => row.title)
          // Notices handled in one batch share their creation time: compare them as a set.
          .sort()
      );
    };

    test('overdue → a task to the service, escalation → a task to the coordinator; idempotent; notices to the right people', async () => {
      now = SENT_AT;
      const gp = await createProfessional(relais);
      const coordinator = await createProfessional(relais, 'nurse');
      const serviceId = await createHospitalService(relais, 'cardiology');
      const cardiologist = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const colleague = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const patientId = await createPatient(relais, [gp.practitionerId]);
      await post(gp.token, `/api/patients/${patientId}/care-team`, {
        practitionerId: coordinator.practitionerId,
        role: 'coordinator',
      });
      const { id } = await post(gp.token, `/api/patients/${patientId}/referrals`, {
        kind: 'referral',
        urgency: 'soon',
        target: { kind: 'service', organizationId: serviceId },
        reason: 'Souffle cardiaque',
        clinicalQuestion: 'Valvulopathie ?',
        preferences: { place: null, teleconsultation: false, availability: null },
        attachedResultIds: [],
        attachedDocumentIds: [],
        requestedExams: [],
      });

      await sweep();
      assert.deepEqual(await tasksOf(id), [], 'nothing is overdue before the deadline');

      now = AFTER_DUE;
      await sweep();
      await sweep();
      assert.deepEqual(await tasksOf(id), [
        {
          title: 'Adressage en attente d’acceptation depuis 5 jours'.replace('’', "'"),
          assignee_kind: 'service',
          assignee_organization_id: serviceId,
          assignee_role: null,
          priority: 'high',
          status: 'todo',
        },
      ]);
      // Sessions expire as the clock moves on: sign in again.
      const gpToken = await logIn(relais, gp.login);
      const overdue = await relais.http.inject({ url: `/api/referrals/${id}`, headers: bearer(gpToken) });
      assert.equal(overdue.statusCode, 200, overdue.body);
      const deadline = overdue.json<ReferralDetail>().deadline;
      assert.deepEqual([deadline?.dueAt, deadline?.overdue, deadline?.escalated], [DUE_AT, true, false]);

      now = AFTER_ESCALATION;
      await sweep();
      await sweep();
      const tasks = await tasksOf(id);
      assert.equal(tasks.length, 2);
      assert.deepEqual([tasks[1]?.assignee_kind, tasks[1]?.assignee_role], ['care-team-role', 'coordinator']);
      assert.deepEqual(await eventTypes(patientId), [
        'referral.sent',
        'referral.overdue',
        'referral.escalated',
      ]);

      // Taking the referral starts a fresh clock for the next stage.
      const accepted = await post(await logIn(relais, cardiologist.login), `/api/referrals/${id}/actions`, {
        kind: 'accept',
        version: 1,
      });
      assert.deepEqual(
        [accepted.deadline?.stage, accepted.deadline?.overdue, accepted.deadline?.escalated],
        ['schedule', false, false],
      );
      // The overdue and escalation tasks were about the acceptance: done once it happened.
      assert.deepEqual(
        (await tasksOf(id)).map((task) => task.status),
        ['done', 'done'],
      );

      const notices = relais.jobs.referralNotices;
      assert.ok(notices !== undefined);
      await notices.drain();
      assert.deepEqual(await noticesOf(gp), ['Votre adressage a été accepté']);
      assert.deepEqual(await noticesOf(coordinator), [
        'Adressage toujours en retard : la coordination est sollicitée',
      ]);
      // The cardiologist who accepted is not told of their own acceptance.
      for (const member of [cardiologist, colleague]) {
        assert.deepEqual(await noticesOf(member), ['Adressage en retard', 'Nouvelle demande d’adressage']);
      }
    });

    test('without a coordinator in the care team, escalation goes to the médecin traitant', async () => {
      now = SENT_AT;
      const gp = await createProfessional(relais);
      const serviceId = await createHospitalService(relais, 'pneumology');
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const { id } = await post(gp.token, `/api/patients/${patientId}/referrals`, {
        kind: 'tele-expertise',
        urgency: 'soon',
        target: { kind: 'service', organizationId: serviceId },
        reason: 'Toux chronique',
        clinicalQuestion: 'Spirométrie utile ?',
        preferences: { place: null, teleconsultation: true, availability: null },
        attachedResultIds: [],
        attachedDocumentIds: [],
        requestedExams: [],
      });
      now = AFTER_ESCALATION;
      await sweep();
      const tasks = await tasksOf(id);
      assert.deepEqual(
        tasks.map((task) => [task.assignee_kind, task.assignee_role]),
        [
          ['service', null],
          ['care-team-role', 'medecin_traitant'],
        ],
      );
    });
  });
}
