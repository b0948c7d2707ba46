import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type {
  Bundle,
  CapabilityStatement,
  Communication,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { COMMUNICATION_CATEGORY } from '../../fhir/mappers/communication-mapper.ts';
import { bearer, createPatient } from '../../../tests/support/factories.ts';
import {
  assertValidFhir,
  startReferralWorld,
  type Professional,
  type ReferralWorld,
} from '../../../tests/support/fhir-referral-world.ts';
import { validBody } from '../../../tests/support/route-bodies.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

interface ReferralDetail {
  readonly status: string;
  readonly version: number;
  readonly messages: readonly { id: string; kind: string; text: string }[];
}

const communicationsOf = (bundle: Bundle) =>
  (bundle.entry ?? []).map((entry) => entry.resource as Communication);
const textsOf = (bundle: Bundle) => communicationsOf(bundle).map((c) => c.payload?.[0]?.contentString);
const category = (code: string) => [{ coding: [{ system: COMMUNICATION_CATEGORY, code }] }];

for (const { dialect, skip } of testDialects()) {
  describe(
    `FHIR Communication (referral questions and answers, task comments) on ${dialect}`,
    { skip },
    () => {
      let relais: Relais;
      let gp: Professional;
      let nurse: Professional;
      let specialist: Professional;
      let outsider: Professional;
      let patientId: string;
      let otherPatientId: string;
      let referralId: string;
      let taskId: string;
      let get: ReferralWorld['get'];
      before(async () => {
        ({ relais, gp, nurse, specialist, outsider, patientId, referralId, get } =
          await startReferralWorld(dialect));
        otherPatientId = await createPatient(relais, [gp.practitionerId]);
        taskId = (
          await rest('POST', '/api/tasks', gp, 201, {
            ...validBody('tasks', { practitionerId: nurse.practitionerId, patientId }),
          })
        ).id as string;
      });
      after(() => relais.close());

      async function rest(
        method: 'GET' | 'POST',
        url: string,
        who: Professional,
        status: number,
        body?: object,
      ) {
        const response = await relais.http.inject({
          method,
          url,
          headers: bearer(who.token),
          ...(body === undefined ? {} : { payload: body }),
        });
        assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
        return response.json<Record<string, unknown>>();
      }
      const post = async <R extends Resource>(body: unknown, who: Professional, status: number) => {
        const response = await relais.http.inject({
          method: 'POST',
          url: `${FHIR_PREFIX}/Communication`,
          headers: { ...bearer(who.token), 'content-type': 'application/fhir+json' },
          payload: JSON.stringify(body),
        });
        assert.equal(response.statusCode, status, response.body);
        return response.json<R>();
      };
      const referral = async () =>
        (await rest('GET', `/api/referrals/${referralId}`, gp, 200)) as unknown as ReferralDetail;
      const message = (code: string, text: string, more: Record<string, unknown> = {}) => ({
        resourceType: 'Communication',
        status: 'completed',
        basedOn: [{ reference: `ServiceRequest/${referralId}` }],
        category: category(code),
        subject: { reference: `Patient/${patientId}` },
        payload: [{ contentString: text }],
        ...more,
      });
      const written = async () => {
        const count = async (table: 'referral_messages' | 'task_comments' | 'events') =>
          Number(
            (
              await relais.database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('count'))
                .executeTakeFirstOrThrow()
            ).count,
          );
        return {
          messages: await count('referral_messages'),
          comments: await count('task_comments'),
          events: await count('events'),
        };
      };

      test('a question asked on /api is answered through FHIR; the parties see the thread, others 403', async () => {
        await rest('POST', `/api/referrals/${referralId}/actions`, specialist, 200, {
          kind: 'ask',
          version: (await referral()).version,
          question: 'Le patient est-il sous anticoagulant ?',
        });
        const [asked] = (await referral()).messages;
        assert.ok(asked !== undefined);

        const answer = await post<Communication>(
          message('answer', 'Oui, apixaban 5 mg.', {
            inResponseTo: [{ reference: `Communication/${asked.id}` }],
          }),
          gp,
          201,
        );
        assertValidFhir(answer);
        assert.equal(answer.payload?.[0]?.contentString, 'Oui, apixaban 5 mg.');
        assert.equal(answer.sender?.reference, `Practitioner/${gp.practitionerId}`);
        assert.deepEqual(answer.inResponseTo, [{ reference: `Communication/${asked.id}` }]);
        assert.deepEqual(answer.recipient?.[0]?.reference, `Practitioner/${specialist.practitionerId}`);
        // The REST detail shows the answer, and the referral left its hold.
        const answered = await referral();
        assert.equal(answered.status, 'requested');
        assert.deepEqual(
          answered.messages.map((m) => [m.id, m.kind, m.text]),
          [
            [asked.id, 'question', 'Le patient est-il sous anticoagulant ?'],
            [answer.id, 'answer', 'Oui, apixaban 5 mg.'],
          ],
        );

        // The addressee asks again through FHIR: the referral is on hold for it.
        const question = await post<Communication>(
          message('question', 'Dernière créatinine ?'),
          specialist,
          201,
        );
        assert.equal(question.recipient?.[0]?.reference, `Practitioner/${gp.practitionerId}`);
        assert.equal((await referral()).status, 'on_hold');

        for (const who of [gp, specialist]) {
          const thread = await get<Bundle>(`/Communication?based-on=ServiceRequest/${referralId}`, who);
          assert.equal(thread.total, 3);
          assert.deepEqual(textsOf(thread), [
            'Le patient est-il sous anticoagulant ?',
            'Oui, apixaban 5 mg.',
            'Dernière créatinine ?',
          ]);
          assert.ok(communicationsOf(thread).every((c) => c.subject?.reference === `Patient/${patientId}`));
        }
        const refused = await get<OperationOutcome>(
          `/Communication?based-on=ServiceRequest/${referralId}`,
          outsider,
          403,
        );
        assert.ok(!JSON.stringify(refused).includes('créatinine'));

        // Read by id: the message's referral gate decides.
        const read = await get<Communication>(`/Communication/${asked.id}`, gp);
        assert.equal(read.payload?.[0]?.contentString, 'Le patient est-il sous anticoagulant ?');
        assert.deepEqual(read.basedOn, [{ reference: `ServiceRequest/${referralId}` }]);
        await get<OperationOutcome>(`/Communication/${asked.id}`, outsider, 403);
        await get<OperationOutcome>(`/Communication/${randomUUID()}`, gp, 404);
        await get<OperationOutcome>('/Communication/not-a-uuid', gp, 404);
      });

      test('a search filters the thread by category, sender and date, and pages it', async () => {
        const today = new Date().toISOString().slice(0, 10);
        const base = `/Communication?based-on=ServiceRequest/${referralId}`;
        for (const [query, total] of [
          ['&category=question', 2],
          [`&category=${encodeURIComponent(`${COMMUNICATION_CATEGORY}|answer`)}`, 1],
          [`&sender=Practitioner/${specialist.practitionerId}`, 2],
          [`&sent=ge${today}`, 3],
          [`&sent=lt${today}`, 0],
        ] as const)
          assert.equal((await get<Bundle>(`${base}${query}`, gp)).total, total, query);
        const page = await get<Bundle>(`${base}&_count=1&_offset=1`, gp);
        assert.deepEqual([page.total, textsOf(page)], [3, ['Oui, apixaban 5 mg.']]);
      });

      test('a task’s comments are Communications based on the Task, for its parties', async () => {
        const { id: commentId } = await rest('POST', `/api/tasks/${taskId}/comments`, gp, 201, {
          text: 'Appel prévu lundi.',
        });
        const created = await post<Communication>(
          {
            resourceType: 'Communication',
            status: 'completed',
            basedOn: [{ reference: `Task/${taskId}` }],
            payload: [{ contentString: 'Rappel fait, RDV pris.' }],
          },
          nurse,
          201,
        );
        assertValidFhir(created);
        assert.equal(created.sender?.reference, `Practitioner/${nurse.practitionerId}`);
        assert.deepEqual(created.subject, { reference: `Patient/${patientId}` });
        const detail = await rest('GET', `/api/tasks/${taskId}`, nurse, 200);
        assert.deepEqual(
          (detail.comments as { text: string }[]).map((comment) => comment.text),
          ['Appel prévu lundi.', 'Rappel fait, RDV pris.'],
        );

        const thread = await get<Bundle>(`/Communication?based-on=Task/${taskId}&category=comment`, nurse);
        assert.deepEqual(textsOf(thread), ['Appel prévu lundi.', 'Rappel fait, RDV pris.']);
        const read = await get<Communication>(`/Communication/${String(commentId)}`, gp);
        assert.deepEqual(read.basedOn, [{ reference: `Task/${taskId}` }]);
        await get<OperationOutcome>(`/Communication/${String(commentId)}`, outsider, 403);
        await get<OperationOutcome>(`/Communication?based-on=Task/${taskId}`, outsider, 403);
      });

      test('the CapabilityStatement lists Communication: read, search by based-on, create', async () => {
        const response = await relais.http.inject({ url: `${FHIR_PREFIX}/metadata` });
        const served = response
          .json<CapabilityStatement>()
          .rest?.[0]?.resource?.find((resource) => resource.type === 'Communication');
        assert.ok(served !== undefined, 'Communication is not listed');
        assert.deepEqual(served.interaction?.map((interaction) => interaction.code).sort(), [
          'create',
          'read',
          'search-type',
        ]);
        assert.deepEqual(served.searchParam?.map((param) => param.name).sort(), [
          'based-on',
          'category',
          'sender',
          'sent',
        ]);
        assert.match(served.documentation ?? '', /based-on/);
      });

      test('bad searches are 400 naming the parameter', async () => {
        for (const [query, named] of [
          ['', 'based-on'],
          [`?based-on=${referralId}`, 'based-on'],
          [`?based-on=Patient/${patientId}`, 'based-on'],
          [`?based-on=ServiceRequest/${referralId}&based-on=Task/${taskId}`, 'based-on'],
          [`?based-on=ServiceRequest/${referralId}&recipient=Practitioner/${gp.practitionerId}`, 'recipient'],
        ] as const) {
          const refused = await get<OperationOutcome>(`/Communication${query}`, gp, 400);
          assert.deepEqual(refused.issue[0]?.expression, [named], query);
        }
      });

      test('bad creates are 4xx OperationOutcomes, and write nothing', async () => {
        const before = await written();
        const { version } = await referral();
        const wrongQuestion = { inResponseTo: [{ reference: `Communication/${randomUUID()}` }] };
        const cases: [unknown, Professional, number, string?][] = [
          [message('answer', 'x', { sent: 'yesterday' }), gp, 400],
          [message('answer', 'x', { payload: [{ contentString: 42 }] }), gp, 400],
          [
            { ...message('answer', 'x'), sender: { reference: `Practitioner/${gp.practitionerId}` } },
            gp,
            422,
            'Communication.sender',
          ],
          [
            {
              ...message('answer', 'x'),
              payload: [{ contentAttachment: { contentType: 'text/plain', data: 'eA==' } }],
            },
            gp,
            422,
            'Communication.payload[0].contentAttachment',
          ],
          [
            message('answer', 'x', { subject: { reference: `Patient/${otherPatientId}` } }),
            gp,
            422,
            'Communication.subject.reference',
          ],
          [message('answer', 'x', wrongQuestion), gp, 422, 'Communication.inResponseTo[0].reference'],
          [message('answer', '   '), gp, 400, 'Communication.payload[0].content[x]'],
          [message('answer', ''.padEnd(4001, 'x')), gp, 422],
          [message('answer', 'x', { basedOn: [{ reference: `ServiceRequest/${randomUUID()}` }] }), gp, 404],
          // The referral waits on the addressee's question: the referrer answers, nobody asks again.
          [message('question', 'x'), gp, 403],
          [message('question', 'x'), specialist, 409],
          [message('answer', 'x'), specialist, 403],
          [message('answer', 'x'), outsider, 403],
          [{ ...message('comment', 'x'), basedOn: [{ reference: `Task/${taskId}` }] }, outsider, 403],
          [
            { ...message('comment', ''.padEnd(2001, 'x')), basedOn: [{ reference: `Task/${taskId}` }] },
            nurse,
            422,
          ],
        ];
        for (const [body, who, status, path] of cases) {
          const refused = await post<OperationOutcome>(body, who, status);
          assert.equal(refused.resourceType, 'OperationOutcome');
          if (path !== undefined)
            assert.deepEqual(refused.issue[0]?.expression, [path], JSON.stringify(refused));
        }
        const after = await written();
        assert.deepEqual(
          [after.messages, after.comments, after.events],
          [before.messages, before.comments, before.events],
        );
        assert.equal((await referral()).version, version);
      });
    },
  );
}
