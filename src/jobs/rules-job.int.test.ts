import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Relais } from '../app.ts';
import type { PatientAlertList } from '../contracts/rules-contracts.ts';
import { recordOnlyNotifier } from '../domain/rules/rule-ports.ts';
import { ruleTaskCreator } from '../domain/rules/rule-tasks.ts';
import { createRulesEngine } from '../domain/rules/rules-engine.ts';
import { createSqlRuleFacts } from '../store/sql-rule-facts.ts';
import { createSqlRuleOutcomes } from '../store/sql-rule-outcomes.ts';
import { createSqlRuleSetStore } from '../store/sql-rule-set-store.ts';
import { bearer, createPatient, createProfessional } from '../../tests/support/factories.ts';
import { appendEvents, testEvent } from '../../tests/support/journal-events.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

for (const { dialect, skip } of testDialects()) {
  describe(`coordination rules on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    const drain = () => relais.jobs.rules!.drain();
    const db = () => relais.database.db;
    const postResult = async (
      token: string,
      patientId: string,
      code: string,
      display: string,
      value: number,
      unit: string,
      at: Date,
    ) => {
      const response = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/results`,
        headers: bearer(token),
        payload: {
          loincCode: code,
          display,
          valueNumeric: value,
          valueText: null,
          unit,
          referenceRange: null,
          interpretation: null,
          effectiveAt: at.toISOString(),
        },
      });
      assert.equal(response.statusCode, 201, response.body);
    };
    const alertsOf = async (token: string, patientId: string) => {
      const response = await relais.http.inject({
        url: `/api/patients/${patientId}/alerts`,
        headers: bearer(token),
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<PatientAlertList>().items;
    };
    const count = async (
      table: 'rule_firings' | 'patient_alerts' | 'tasks' | 'rule_deferred_checks',
      patientId: string,
    ) => {
      const row = await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const eventCount = async (type: string, patientId: string) => {
      const row = await db()
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('patient_id', '=', patientId)
        .where('type', '=', type)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    test('two HbA1c above target through the API give exactly one referral suggestion, explained; a replay adds nothing', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      await postResult(gp.token, patientId, '4548-4', 'HbA1c', 8.4, '%', daysAgo(90));
      await drain();
      assert.deepEqual(await alertsOf(gp.token, patientId), [], 'one result is not two in a row');
      await postResult(gp.token, patientId, '4548-4', 'HbA1c', 8.1, '%', daysAgo(1));
      await drain();

      const alerts = await alertsOf(gp.token, patientId);
      assert.equal(alerts.length, 1);
      const alert = alerts[0]!;
      assert.equal(alert.kind, 'referral-suggestion');
      assert.equal(alert.details.specialty, 'endocrinology');
      assert.deepEqual(alert.explanation, {
        fr: 'HbA1c 8,4 % puis 8,1 % au-dessus de la cible par défaut de 7 %',
        en: 'HbA1c 8.4% then 8.1% above the default target of 7%',
      });
      assert.match(alert.text.fr, /^Adressage suggéré en endocrinologie-diabétologie/);
      const firing = await db()
        .selectFrom('rule_firings')
        .selectAll()
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      assert.equal(firing.rule_id, 'hba1c-above-target-twice');
      assert.equal(firing.rule_set_id, 'starter');
      assert.equal(
        await eventCount('rule.fired', patientId),
        1,
        'the firing is in the journal, for the timeline',
      );

      // Replay the whole journal from the start, as after a crash before the cursor moved.
      await db()
        .updateTable('journal_cursors')
        .set({ last_tx: '0', last_seq: '0' })
        .where('consumer', '=', 'rules')
        .execute();
      await drain();
      assert.equal(await count('rule_firings', patientId), 1);
      assert.equal(await count('patient_alerts', patientId), 1);
      assert.equal(await eventCount('rule.fired', patientId), 1);
    });

    test("a patient's own target decides: 8.1 then 8.4 with a target of 8.5 raise nothing", async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const target = await relais.http.inject({
        method: 'PUT',
        url: `/api/patients/${patientId}/targets/hba1c`,
        headers: bearer(gp.token),
        payload: { value: 8.5, unit: '%' },
      });
      assert.equal(target.statusCode, 204, target.body);
      await postResult(gp.token, patientId, '4548-4', 'HbA1c', 8.1, '%', daysAgo(100));
      await postResult(gp.token, patientId, '4548-4', 'HbA1c', 8.4, '%', daysAgo(2));
      await drain();
      assert.deepEqual(await alertsOf(gp.token, patientId), []);
    });

    test('weight +2.5 kg in 2 days in heart failure creates one urgent task for the nurse, through the task service', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId], {
        entries: [
          {
            kind: 'condition',
            codeSystem: 'ICD-10',
            code: 'I50.9',
            display: 'Insuffisance cardiaque',
            clinicalStatus: 'active',
            onsetDate: '2024-01-10',
          },
        ],
      });
      await postResult(nurse.token, patientId, '29463-7', 'Poids', 70.5, 'kg', daysAgo(2));
      await postResult(nurse.token, patientId, '29463-7', 'Poids', 73, 'kg', daysAgo(0.01));
      await drain();
      const tasks = await db().selectFrom('tasks').selectAll().where('patient_id', '=', patientId).execute();
      assert.equal(tasks.length, 1);
      const task = tasks[0]!;
      assert.equal(task.assignee_kind, 'care-team-role');
      assert.equal(task.assignee_role, 'nurse');
      assert.equal(task.priority, 'urgent');
      assert.equal(task.origin_kind, 'rule');
      assert.equal(task.origin_ref, 'starter/heart-failure-weight-gain');
      assert.equal(
        task.origin_explanation,
        'insuffisance cardiaque (I50.9) ; Poids +2,5 kg en 3 jours (70,5 kg → 73 kg)',
      );
      const firing = await db()
        .selectFrom('rule_firings')
        .select('actions')
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      const actions = firing.actions as { key: string; kind: string; outcome: string }[];
      assert.deepEqual(
        actions.map((a) => [a.kind, a.outcome]),
        [
          ['create-task', 'task-requested'],
          ['notify', 'notified'],
        ],
      );
      assert.equal(actions[0]!.key, task.idempotency_key, 'the firing leads to its task by key');
      const nurseNotices = async () =>
        db()
          .selectFrom('notifications as n')
          .innerJoin('accounts as a', 'a.id', 'n.recipient_account_id')
          .select(['n.kind', 'n.urgency', 'n.title', 'n.body'])
          .where('a.practitioner_id', '=', nurse.practitionerId)
          .where('n.kind', '=', 'rule-alert')
          .execute();
      const [notice, ...others] = await nurseNotices();
      assert.equal(others.length, 0, 'the nurse is notified once');
      assert.ok(notice !== undefined, 'the nurse is notified');
      assert.equal(notice.urgency, 'urgent');
      assert.doesNotMatch(`${notice.title} ${notice.body}`, /Lef[eè]vre|Hélène/, 'no patient identity');

      await db()
        .updateTable('journal_cursors')
        .set({ last_tx: '0', last_seq: '0' })
        .where('consumer', '=', 'rules')
        .execute();
      await drain();
      assert.equal(await count('tasks', patientId), 1, 'a replay finds the task by its key');
      assert.equal((await nurseNotices()).length, 1, 'a replay notifies no one twice');
    });

    test('a crash after the tasks are written but before the firings: the replay completes them, once', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      let crashes = 1;
      const outcomes = createSqlRuleOutcomes(db());
      const engine = createRulesEngine({
        ruleSets: createSqlRuleSetStore(db()),
        facts: createSqlRuleFacts(db()),
        outcomes: {
          dueChecks: (now, limit) => outcomes.dueChecks(now, limit),
          record: (batch) =>
            crashes-- > 0 ? Promise.reject(new Error('process died')) : outcomes.record(batch),
        },
        tasks: ruleTaskCreator((commands) => relais.services.tasks.createSystemTasks(commands)),
        notifier: recordOnlyNotifier,
        clock: () => new Date(),
        newId: randomUUID,
        onInvalidRuleSet: () => undefined,
      });
      // Handed straight to this engine: the journal (and the app's own rules job) never sees it.
      const missed = testEvent('appointment.missed', patientId, { appointmentId: 'z' });
      await assert.rejects(engine.handleEvents([missed]), /process died/);
      assert.equal(await count('tasks', patientId), 1, 'the task was written before the crash');
      assert.equal(await count('rule_firings', patientId), 0);
      await engine.handleEvents([missed]);
      await engine.handleEvents([missed]);
      assert.equal(await count('tasks', patientId), 1);
      assert.equal(await count('rule_firings', patientId), 1);
    });

    test('a discharge without a follow-up appointment within 3 days gives the coordinator a task once the delay is over', async () => {
      const gp = await createProfessional(relais);
      const [alone, followed, recent] = await Promise.all([
        createPatient(relais, [gp.practitionerId]),
        createPatient(relais, [gp.practitionerId]),
        createPatient(relais, [gp.practitionerId]),
      ]);
      const dischargedAt = daysAgo(5);
      await appendEvents(db(), [
        testEvent('stay.discharged', alone, { stayId: 'a' }, dischargedAt),
        testEvent('stay.discharged', followed, { stayId: 'b' }, dischargedAt),
        testEvent(
          'appointment.booked',
          followed,
          { kind: 'consultation' },
          new Date(dischargedAt.getTime() + DAY),
        ),
        testEvent('stay.discharged', recent, { stayId: 'c' }, daysAgo(1)),
      ]);
      await drain();
      const checks = await db()
        .selectFrom('rule_deferred_checks')
        .select(['patient_id', 'status'])
        .where('patient_id', 'in', [alone, followed, recent])
        .where('rule_id', '=', 'discharge-without-follow-up')
        .execute();
      const statusOf = (id: string) => checks.find((c) => c.patient_id === id)?.status;
      assert.equal(statusOf(alone), 'fired');
      assert.equal(statusOf(followed), 'not-met');
      assert.equal(statusOf(recent), 'pending', 'due in two days');
      const tasks = await db()
        .selectFrom('tasks')
        .select(['patient_id', 'assignee_role', 'priority'])
        .where('patient_id', 'in', [alone, followed, recent])
        .execute();
      assert.deepEqual(tasks, [{ patient_id: alone, assignee_role: 'coordinator', priority: 'high' }]);
    });

    test('a missed appointment asks the coordinator to reschedule; a second one within 90 days raises an alert', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      await appendEvents(db(), [
        testEvent('appointment.missed', patientId, { appointmentId: 'x' }, daysAgo(30)),
      ]);
      await drain();
      assert.equal(await count('tasks', patientId), 1);
      assert.deepEqual(await alertsOf(gp.token, patientId), []);
      await appendEvents(db(), [
        testEvent('appointment.missed', patientId, { appointmentId: 'y' }, daysAgo(0.1)),
      ]);
      await drain();
      assert.equal(await count('tasks', patientId), 2);
      const alerts = await alertsOf(gp.token, patientId);
      assert.deepEqual(
        alerts.map((a) => [a.kind, a.explanation.fr]),
        [['alert', '2 rendez-vous manqués en 90 jours (au moins 2)']],
      );

      const dismissed = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/alerts/${alerts[0]?.id ?? ''}/dismiss`,
        headers: bearer(gp.token),
      });
      assert.equal(dismissed.statusCode, 204, dismissed.body);
      assert.deepEqual(await alertsOf(gp.token, patientId), []);
      assert.equal(await eventCount('patient-alert.dismissed', patientId), 1);
      const again = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/alerts/${alerts[0]?.id ?? ''}/dismiss`,
        headers: bearer(gp.token),
      });
      assert.equal(again.statusCode, 409);
    });

    test('alerts are read through the access gate: outsiders are refused and audited', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const response = await relais.http.inject({
        url: `/api/patients/${patientId}/alerts`,
        headers: bearer(outsider.token),
      });
      assert.equal(response.statusCode, 403);
      const audit = await db()
        .selectFrom('audit_entries')
        .select(['outcome', 'resource'])
        .where('patient_id', '=', patientId)
        .where('resource', '=', 'alerts')
        .execute();
      assert.deepEqual(audit, [{ outcome: 'denied', resource: 'alerts' }]);
    });
  });
}
