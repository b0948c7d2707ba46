import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import type { TaskDetail, TaskSummary, WorklistCount, WorklistPage } from '../contracts/task-contracts.ts';
import {
  bearer,
  createHospitalService,
  createPatient,
  createProfessional,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';

// A fixed clock: 15 January 2026, 11:00 in Paris. "Today" ends at 23:00 UTC.
const NOW = new Date('2026-01-15T10:00:00Z');
const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

type Professional = Awaited<ReturnType<typeof createProfessional>>;

for (const { dialect, skip } of testDialects()) {
  describe(`tasks and worklists on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect, {}, { clock: () => NOW });
    });
    after(() => relais.close());

    const call = (
      who: Professional,
      method: 'GET' | 'POST',
      url: string,
      payload?: Record<string, unknown>,
    ) => {
      const request: InjectOptions = { method, url, headers: bearer(who.token) };
      if (payload !== undefined) request.payload = payload;
      return relais.http.inject(request);
    };
    const newTask = (overrides: Record<string, unknown>) => ({
      patientId: null,
      title: 'Rappeler le patient',
      details: null,
      priority: 'normal',
      dueAt: null,
      about: null,
      ...overrides,
    });
    const createTask = async (who: Professional, overrides: Record<string, unknown>): Promise<string> => {
      const response = await call(who, 'POST', '/api/tasks', newTask(overrides));
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string }>().id;
    };
    const worklistOf = async (who: Professional, query = ''): Promise<WorklistPage> => {
      const response = await call(who, 'GET', `/api/worklist${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<WorklistPage>();
    };
    const countRows = async (table: 'tasks' | 'events' | 'task_comments') =>
      Number(
        (
          await relais.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a GP creates a task for the nurse role; the nurse sees why, claims, starts and completes it', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId], {
        identity: { birthFamilyName: 'Garnier', firstGivenName: 'Paule' },
      });
      const id = await createTask(gp, {
        patientId,
        title: 'Pansement à refaire',
        assignee: { kind: 'care-team-role', role: 'nurse' },
        priority: 'high',
        dueAt: hoursFromNow(3),
        about: { kind: 'document', id: 'cr-123' },
      });

      const [row] = (await worklistOf(nurse)).items;
      assert.equal(row?.id, id);
      assert.deepEqual(row.patient, { id: patientId, name: 'GARNIER Paule' });
      assert.deepEqual(
        [row.bucket, row.via, row.priority, row.status],
        ['today', 'role-holder', 'high', 'todo'],
      );
      assert.deepEqual(row.origin, { kind: 'manual', ref: null, explanation: null });
      assert.equal(row.createdBy, `${gp.login} Testeur`);
      assert.deepEqual(row.actions, ['claim', 'start', 'complete', 'cancel', 'reassign', 'comment']);
      assert.deepEqual((await call(nurse, 'GET', '/api/worklist/count')).json<WorklistCount>(), {
        count: 1,
        capped: false,
      });
      // The GP created it but is not the one to do it: not in their worklist, visible on the record.
      assert.equal((await worklistOf(gp)).items.length, 0);
      const onRecord = await call(gp, 'GET', `/api/patients/${patientId}/tasks`);
      assert.equal(onRecord.statusCode, 200, onRecord.body);
      assert.deepEqual(
        onRecord.json<{ items: TaskSummary[] }>().items.map((t) => [t.id, t.via, t.actions]),
        [[id, null, ['cancel', 'comment']]],
      );

      for (const step of ['claim', 'start']) {
        const response = await call(nurse, 'POST', `/api/tasks/${id}/${step}`);
        assert.equal(response.statusCode, 204, `${step}: ${response.body}`);
      }
      const comment = await call(nurse, 'POST', `/api/tasks/${id}/comments`, {
        text: 'Fait à domicile à 14 h',
      });
      assert.equal(comment.statusCode, 201, comment.body);
      const detail = (await call(nurse, 'GET', `/api/tasks/${id}`)).json<TaskDetail>();
      assert.equal(detail.status, 'in_progress');
      assert.equal(detail.claimedBy?.practitionerId, nurse.practitionerId);
      assert.deepEqual(
        detail.comments.map((c) => [c.text, c.author]),
        [['Fait à domicile à 14 h', `${nurse.login} Testeur`]],
      );
      assert.deepEqual(detail.about, { kind: 'document', id: 'cr-123' });

      assert.equal((await call(nurse, 'POST', `/api/tasks/${id}/complete`)).statusCode, 204);
      assert.equal((await worklistOf(nurse)).items.length, 0);
      assert.equal((await call(nurse, 'GET', '/api/worklist/count')).json<WorklistCount>().count, 0);
      const again = await call(nurse, 'POST', `/api/tasks/${id}/complete`);
      assert.equal(again.statusCode, 409);
      assert.match(again.json<{ detail: string }>().detail, /the task is done: it cannot be completed/);

      const events = await relais.database.db
        .selectFrom('events')
        .select(['type', 'payload'])
        .where('patient_id', '=', patientId)
        .where('type', 'like', 'task.%')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => e.type),
        ['task.created', 'task.claimed', 'task.started', 'task.commented', 'task.completed'],
      );
      for (const event of events) {
        assert.equal((event.payload as { title: string }).title, 'Pansement à refaire');
        assert.doesNotMatch(JSON.stringify(event.payload), /domicile/, 'comments stay out of the journal');
      }
      const record = await call(gp, 'GET', `/api/patients/${patientId}`);
      assert.ok(
        record.json<{ timeline: { type: string }[] }>().timeline.some((e) => e.type === 'task.completed'),
        'the timeline shows the task events',
      );
    });

    test("the patient's objection hides their tasks from the professional objected to", async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const id = await createTask(gp, {
        patientId,
        assignee: { kind: 'practitioner', practitionerId: nurse.practitionerId },
      });
      assert.deepEqual(
        (await worklistOf(nurse)).items.map((item) => item.id),
        [id],
      );
      const objection = await call(gp, 'POST', `/api/patients/${patientId}/sharing-choices`, {
        kind: 'objection',
        practitionerId: nurse.practitionerId,
      });
      assert.equal(objection.statusCode, 201, objection.body);

      assert.deepEqual((await worklistOf(nurse)).items, []);
      assert.equal((await call(nurse, 'GET', '/api/worklist/count')).json<WorklistCount>().count, 0);
      const refused = await call(nurse, 'GET', `/api/tasks/${id}`);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.match(refused.json<{ detail: string }>().detail, /objects to sharing with this professional/);
      assert.equal((await call(nurse, 'POST', `/api/tasks/${id}/claim`)).statusCode, 403);
    });

    test('cancelling needs a reason; a reassigned task leaves one worklist for another', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const colleague = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const id = await createTask(gp, {
        patientId,
        assignee: { kind: 'practitioner', practitionerId: gp.practitionerId },
      });
      const eventsBefore = await countRows('events');
      for (const reason of [undefined, '', '   ']) {
        const response = await call(
          gp,
          'POST',
          `/api/tasks/${id}/cancel`,
          reason === undefined ? {} : { reason },
        );
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      }
      assert.equal(await countRows('events'), eventsBefore);

      const reassign = await call(gp, 'POST', `/api/tasks/${id}/reassign`, {
        assignee: { kind: 'practitioner', practitionerId: colleague.practitionerId },
      });
      assert.equal(reassign.statusCode, 204, reassign.body);
      assert.equal((await worklistOf(gp)).items.length, 0);
      const [row] = (await worklistOf(colleague)).items;
      assert.deepEqual([row?.id, row?.via, row?.patient?.name], [id, 'assignee', null]);
      // Outside the care team, the assignee works on the task but does not see the patient's name.
      const cancel = await call(colleague, 'POST', `/api/tasks/${id}/cancel`, {
        reason: 'Déjà fait par le cabinet',
      });
      assert.equal(cancel.statusCode, 204, cancel.body);
      const detail = (await call(colleague, 'GET', `/api/tasks/${id}`)).json<TaskDetail>();
      assert.deepEqual(
        [detail.status, detail.cancelReason, detail.actions],
        ['cancelled', 'Déjà fait par le cabinet', ['comment']],
      );
      const start = await call(colleague, 'POST', `/api/tasks/${id}/start`);
      assert.equal(start.statusCode, 409);
    });

    test('a professional outside reach gets 403 or 404 and sees nothing; every refusal is audited', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const id = await createTask(gp, {
        patientId,
        assignee: { kind: 'care-team-role', role: 'medecin_traitant' },
      });
      await settleJournal(relais);
      const tasksBefore = await countRows('tasks');
      const eventsBefore = await countRows('events');

      const refused: [string, 'GET' | 'POST', string, Record<string, unknown>?][] = [
        ['read', 'GET', `/api/tasks/${id}`],
        ['claim', 'POST', `/api/tasks/${id}/claim`],
        ['complete', 'POST', `/api/tasks/${id}/complete`],
        ['cancel', 'POST', `/api/tasks/${id}/cancel`, { reason: 'x' }],
        ['comment', 'POST', `/api/tasks/${id}/comments`, { text: 'x' }],
        [
          'reassign',
          'POST',
          `/api/tasks/${id}/reassign`,
          { assignee: { kind: 'practitioner', practitionerId: outsider.practitionerId } },
        ],
        ['patient tasks', 'GET', `/api/patients/${patientId}/tasks`],
        [
          'create',
          'POST',
          '/api/tasks',
          newTask({ patientId, assignee: { kind: 'care-team-role', role: 'nurse' } }),
        ],
      ];
      for (const [what, method, url, payload] of refused) {
        const response = await call(outsider, method, url, payload);
        assert.equal(response.statusCode, 403, `${what}: ${response.body}`);
        assert.doesNotMatch(response.body, /Rappeler/, `${what} shows nothing of the task`);
      }
      assert.equal((await worklistOf(outsider)).items.length, 0);
      assert.equal((await call(outsider, 'GET', `/api/tasks/${crypto.randomUUID()}`)).statusCode, 404);
      assert.equal((await call(outsider, 'POST', `/api/tasks/${crypto.randomUUID()}/start`)).statusCode, 404);
      await settleJournal(relais);
      assert.equal(await countRows('tasks'), tasksBefore);
      assert.equal(await countRows('events'), eventsBefore);
      const denied = await relais.database.db
        .selectFrom('audit_entries')
        .select(['resource', 'action'])
        .where('patient_id', '=', patientId)
        .where('outcome', '=', 'denied')
        .execute();
      assert.equal(denied.length, refused.length);
    });

    test('bad input gets a 400 that says what is wrong, and nothing is written', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const tasksBefore = await countRows('tasks');
      const eventsBefore = await countRows('events');
      const cases: [Record<string, unknown>, RegExp][] = [
        [newTask({ assignee: { kind: 'care-team-role', role: 'nurse' } }), /needs a patient/],
        [
          newTask({ assignee: { kind: 'practitioner', practitionerId: crypto.randomUUID() } }),
          /no practitioner with id/,
        ],
        [
          newTask({ assignee: { kind: 'service', organizationId: crypto.randomUUID() } }),
          /no hospital service with id/,
        ],
        [newTask({ patientId, assignee: { kind: 'care-team-role', role: 'surgeon' } }), /assignee/],
        [
          newTask({
            assignee: { kind: 'practitioner', practitionerId: gp.practitionerId },
            dueAt: 'tomorrow',
          }),
          /dueAt/,
        ],
        [
          newTask({ assignee: { kind: 'practitioner', practitionerId: gp.practitionerId }, title: '   ' }),
          /title must not be blank/,
        ],
        [
          newTask({ assignee: { kind: 'practitioner', practitionerId: gp.practitionerId }, colour: 'red' }),
          /additional/,
        ],
        [
          newTask({
            assignee: { kind: 'practitioner', practitionerId: gp.practitionerId },
            priority: 'asap',
          }),
          /priority/,
        ],
      ];
      for (const [payload, message] of cases) {
        const response = await call(gp, 'POST', '/api/tasks', payload);
        assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
        assert.match(response.json<{ detail: string }>().detail, message);
      }
      // A practice is not a hospital service.
      const [practice] = await relais.database.db
        .selectFrom('practitioners')
        .select('organization_id')
        .where('id', '=', gp.practitionerId)
        .execute();
      const response = await call(
        gp,
        'POST',
        '/api/tasks',
        newTask({ assignee: { kind: 'service', organizationId: practice?.organization_id } }),
      );
      assert.equal(response.statusCode, 400);
      for (const query of [
        '?limit=0',
        '?limit=101',
        '?cursor=abc',
        '?priority=asap',
        '?role=surgeon',
        '?colour=red',
      ]) {
        assert.equal((await call(gp, 'GET', `/api/worklist${query}`)).statusCode, 400, query);
      }
      assert.equal(await countRows('tasks'), tasksBefore);
      assert.equal(await countRows('events'), eventsBefore);
    });

    test('the worklist orders overdue, today, soon, later, undated; filters narrow it; pages chain', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const first = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const second = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const mine = { kind: 'practitioner', practitionerId: nurse.practitionerId };
      const role = { kind: 'care-team-role', role: 'nurse' };
      const plan: [string, Record<string, unknown>][] = [
        ['undated-low', { patientId: first, assignee: mine, priority: 'low' }],
        ['later', { patientId: first, assignee: role, dueAt: hoursFromNow(24 * 10) }],
        ['soon', { patientId: second, assignee: role, dueAt: hoursFromNow(24 * 2) }],
        ['today-normal', { patientId: first, assignee: mine, dueAt: hoursFromNow(5) }],
        ['today-urgent', { patientId: second, assignee: mine, dueAt: hoursFromNow(5), priority: 'urgent' }],
        ['overdue-older', { patientId: first, assignee: role, dueAt: hoursFromNow(-48) }],
        ['overdue', { patientId: null, assignee: mine, dueAt: hoursFromNow(-1) }],
        ['undated-urgent', { patientId: second, assignee: role, priority: 'urgent' }],
      ];
      const ids = new Map<string, string>();
      for (const [name, overrides] of plan)
        ids.set(await createTask(gp, { title: name, ...overrides }), name);
      const [systemTask] = await relais.services.tasks.createSystemTasks([
        {
          patientId: second,
          title: 'rule-soon',
          details: null,
          assignee: { kind: 'care-team-role', role: 'nurse' },
          priority: 'high',
          dueAt: new Date(hoursFromNow(24 * 3)),
          about: null,
          origin: { kind: 'rule', ref: 'weight-gain', explanation: 'Poids +2,3 kg en 3 jours' },
          idempotencyKey: `rule:weight-gain:${crypto.randomUUID()}`,
        },
      ]);
      ids.set(systemTask?.id ?? '', 'rule-soon');

      const page = await worklistOf(nurse);
      const names = page.items.map((row) => row.title);
      assert.deepEqual(names, [
        'overdue-older',
        'overdue',
        'today-urgent',
        'today-normal',
        'soon',
        'rule-soon',
        'later',
        'undated-urgent',
        'undated-low',
      ]);
      assert.deepEqual(
        page.items.map((row) => row.bucket),
        ['overdue', 'overdue', 'today', 'today', 'soon', 'soon', 'later', 'undated', 'undated'],
      );
      const rule = page.items.find((row) => row.title === 'rule-soon');
      assert.deepEqual(rule?.origin, {
        kind: 'rule',
        ref: 'weight-gain',
        explanation: 'Poids +2,3 kg en 3 jours',
      });
      assert.equal(page.nextCursor, null);
      assert.deepEqual((await call(nurse, 'GET', '/api/worklist/count')).json<WorklistCount>(), {
        count: 4,
        capped: false,
      });

      const titles = async (query: string) => (await worklistOf(nurse, query)).items.map((row) => row.title);
      assert.deepEqual(await titles('?priority=urgent'), ['today-urgent', 'undated-urgent']);
      assert.deepEqual(await titles('?origin=rule'), ['rule-soon']);
      assert.deepEqual(await titles('?role=nurse'), [
        'overdue-older',
        'soon',
        'rule-soon',
        'later',
        'undated-urgent',
      ]);
      assert.deepEqual(await titles(`?patientId=${second}`), [
        'today-urgent',
        'soon',
        'rule-soon',
        'undated-urgent',
      ]);
      assert.deepEqual(await titles(`?patientId=${second}&role=nurse&priority=urgent`), ['undated-urgent']);
      const nurseOrganization = (
        await relais.database.db
          .selectFrom('practitioners')
          .select('organization_id')
          .where('id', '=', nurse.practitionerId)
          .executeTakeFirstOrThrow()
      ).organization_id;
      assert.deepEqual(await titles(`?organizationId=${nurseOrganization ?? ''}`), [
        'overdue',
        'today-urgent',
        'today-normal',
        'undated-low',
      ]);
      assert.deepEqual(await titles(`?organizationId=${crypto.randomUUID()}`), []);

      const chained: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
        const next: WorklistPage = await worklistOf(nurse, query);
        assert.ok(next.items.length <= 2);
        chained.push(...next.items.map((row) => row.title));
        cursor = next.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(chained, names);

      const listed = await relais.database.db
        .selectFrom('audit_entries')
        .select(['patient_id', 'action', 'reason'])
        .where('resource', '=', 'worklist')
        .where('patient_id', 'in', [first, second])
        .execute();
      assert.ok(listed.length >= 2, 'each patient on a worklist page is audited');
      assert.ok(listed.every((entry) => entry.action === 'search'));
    });

    test('service members, role holders and coordinators see exactly what the policy lets them act on', async () => {
      const serviceId = await createHospitalService(relais);
      const cardiologist = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const coordinator = await createProfessional(relais, 'coordinator');
      const bystander = await createProfessional(relais, 'pharmacist');
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      for (const [member, role] of [
        [coordinator, 'coordinator'],
        [bystander, 'pharmacist'],
      ] as const) {
        const added = await call(gp, 'POST', `/api/patients/${patientId}/care-team`, {
          practitionerId: member.practitionerId,
          role,
        });
        assert.equal(added.statusCode, 201, added.body);
      }
      const tasks = new Map<string, string>([
        [
          await createTask(gp, {
            patientId,
            title: 'to the service',
            assignee: { kind: 'service', organizationId: serviceId },
          }),
          'to the service',
        ],
        [
          await createTask(gp, {
            patientId,
            title: 'to the nurses',
            assignee: { kind: 'care-team-role', role: 'nurse' },
          }),
          'to the nurses',
        ],
        [
          await createTask(gp, {
            patientId,
            title: 'to no dietitian',
            assignee: { kind: 'care-team-role', role: 'dietitian' },
          }),
          'to no dietitian',
        ],
        [
          await createTask(gp, {
            patientId,
            title: 'to the GP',
            assignee: { kind: 'practitioner', practitionerId: gp.practitionerId },
          }),
          'to the GP',
        ],
        [
          await createTask(gp, {
            patientId: null,
            title: 'GP paperwork',
            assignee: { kind: 'practitioner', practitionerId: gp.practitionerId },
          }),
          'GP paperwork',
        ],
      ]);
      const expected: [Professional, string[]][] = [
        [cardiologist, ['to the service']],
        [nurse, ['to the nurses']],
        [gp, ['to the GP', 'GP paperwork']],
        [coordinator, ['to the service', 'to the nurses', 'to no dietitian', 'to the GP']],
        [bystander, []],
      ];
      for (const [who, titles] of expected) {
        const rows = (await worklistOf(who)).items;
        assert.deepEqual(rows.map((row) => row.title).sort(), [...titles].sort(), who.login);
        // The same rule, read by the policy: each task's own page says how it reaches this person.
        for (const [id, title] of tasks) {
          const detail = await call(who, 'GET', `/api/tasks/${id}`);
          const via = detail.statusCode === 200 ? detail.json<TaskDetail>().via : null;
          const row = rows.find((r) => r.id === id);
          assert.equal(via, row?.via ?? null, `${who.login} / ${title}`);
        }
      }
      const [serviceRow] = (await worklistOf(cardiologist)).items;
      assert.deepEqual([serviceRow?.assignee.label, serviceRow?.patient?.name], ['Service cardiology', null]);
      assert.equal(
        (await call(cardiologist, 'POST', `/api/tasks/${serviceRow?.id ?? ''}/claim`)).statusCode,
        204,
      );
      const claimed = (await worklistOf(coordinator)).items.find((row) => row.id === serviceRow?.id);
      assert.equal(claimed?.claimedBy?.name, `${cardiologist.login} Testeur`);
    });

    test('the badge counts overdue and today up to 99, then says there are more', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const command = (i: number, hours: number) => ({
        patientId,
        title: `contrôle ${i}`,
        details: null,
        assignee: { kind: 'care-team-role', role: 'medecin_traitant' } as const,
        priority: 'normal' as const,
        dueAt: new Date(hoursFromNow(hours)),
        about: null,
        origin: { kind: 'pathway', ref: 'diabete', explanation: 'Étape du parcours diabète' } as const,
        idempotencyKey: `pathway:diabete:${patientId}:${i}`,
      });
      await relais.services.tasks.createSystemTasks([command(0, -2), command(1, 6), command(2, 48)]);
      assert.deepEqual((await call(gp, 'GET', '/api/worklist/count')).json<WorklistCount>(), {
        count: 2,
        capped: false,
      });
      await relais.services.tasks.createSystemTasks(
        Array.from({ length: 100 }, (_, i) => command(i + 3, -i)),
      );
      assert.deepEqual((await call(gp, 'GET', '/api/worklist/count')).json<WorklistCount>(), {
        count: 99,
        capped: true,
      });
    });
  });
}
