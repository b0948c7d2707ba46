import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Communication } from '@medplum/fhirtypes';
import type { ReferralMessageView } from '../../domain/referrals/referral-views.ts';
import {
  COMMUNICATION_CATEGORY,
  newCommunicationFromFhir,
  referralThreadToFhir,
  taskCommentToFhir,
} from './communication-mapper.ts';
import { assertRefused, assertValidR4 } from './mapper-test-support.ts';

const referral = {
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  patientId: '6ed68d56-df56-4c50-8c49-1da0a80166eb',
  referrerPractitionerId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
};
const SPECIALIST = 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';

const message = (
  id: string,
  kind: 'question' | 'answer',
  author: string,
  at: string,
): ReferralMessageView => ({
  id,
  kind,
  authorPractitionerId: author,
  authorName: author === SPECIALIST ? 'Claire Cardio' : 'Jean Généraliste',
  text: kind === 'question' ? 'Le patient est-il sous anticoagulant ?' : 'Oui, apixaban 5 mg.',
  at: new Date(at),
});

const thread = [
  message('11111111-1111-4111-8111-111111111111', 'question', SPECIALIST, '2026-12-01T09:00:00Z'),
  message(
    '22222222-2222-4222-8222-222222222222',
    'answer',
    referral.referrerPractitionerId,
    '2026-12-01T10:00:00Z',
  ),
  message('33333333-3333-4333-8333-333333333333', 'question', SPECIALIST, '2026-12-02T09:00:00Z'),
  message(
    '44444444-4444-4444-8444-444444444444',
    'answer',
    referral.referrerPractitionerId,
    '2026-12-02T09:00:00Z',
  ),
];

const codes = (communication: Communication) =>
  (communication.category ?? []).flatMap((category) =>
    (category.coding ?? []).map((coding) => `${coding.system ?? ''}|${coding.code ?? ''}`),
  );

const newMessage = (overrides: Partial<Communication> = {}): Communication => ({
  resourceType: 'Communication',
  status: 'completed',
  basedOn: [{ reference: `ServiceRequest/${referral.id}` }],
  category: [{ coding: [{ system: COMMUNICATION_CATEGORY, code: 'answer' }] }],
  subject: { reference: `Patient/${referral.patientId}` },
  payload: [{ contentString: 'Oui, apixaban 5 mg.' }],
  ...overrides,
});

/** What a client sends: the server sets the sender (the caller) and knows the recipient. */
const withoutParties = (communication: Communication): Communication => {
  const sent = { ...communication };
  delete sent.sender;
  delete sent.recipient;
  return sent;
};

describe('Communication mapper', () => {
  it('writes a referral thread as valid R4 Communications based on the ServiceRequest', () => {
    const communications = referralThreadToFhir(referral, thread);
    for (const communication of communications) assertValidR4(communication);
    assert.deepEqual(
      communications.map((communication) => [communication.id, codes(communication)]),
      thread.map((m) => [m.id, [`${COMMUNICATION_CATEGORY}|${m.kind}`]]),
    );
    const [question, answer] = communications;
    assert.ok(question !== undefined && answer !== undefined);
    assert.equal(question.status, 'completed');
    assert.deepEqual(question.basedOn, [{ reference: `ServiceRequest/${referral.id}` }]);
    assert.deepEqual(question.subject, { reference: `Patient/${referral.patientId}` });
    assert.equal(question.sent, '2026-12-01T09:00:00.000Z');
    assert.deepEqual(question.sender, { reference: `Practitioner/${SPECIALIST}`, display: 'Claire Cardio' });
    assert.deepEqual(question.recipient, [{ reference: `Practitioner/${referral.referrerPractitionerId}` }]);
    assert.deepEqual(question.payload, [{ contentString: 'Le patient est-il sous anticoagulant ?' }]);
    assert.equal(question.inResponseTo, undefined);
    assert.deepEqual(answer.sender?.reference, `Practitioner/${referral.referrerPractitionerId}`);
    assert.deepEqual(answer.recipient, [
      { reference: `Practitioner/${SPECIALIST}`, display: 'Claire Cardio' },
    ]);
  });

  it('says which question each answer answers: the one before it, even at the same instant', () => {
    const answered = referralThreadToFhir(referral, thread).map(
      (c) => c.inResponseTo?.[0]?.reference ?? null,
    );
    assert.deepEqual(answered, [
      null,
      'Communication/11111111-1111-4111-8111-111111111111',
      null,
      'Communication/33333333-3333-4333-8333-333333333333',
    ]);
  });

  it('leaves an answer with no question before it unlinked and without recipient', () => {
    const [lone] = referralThreadToFhir(referral, [thread[1] as ReferralMessageView]);
    assert.ok(lone !== undefined);
    assertValidR4(lone);
    assert.equal(lone.inResponseTo, undefined);
    assert.equal(lone.recipient, undefined);
  });

  it('writes a task comment based on its Task, about its patient when it has one', () => {
    const comment = {
      id: '55555555-5555-4555-8555-555555555555',
      authorPractitionerId: SPECIALIST,
      authorName: 'Claire Cardio',
      text: 'Rappel fait, RDV pris.',
      at: new Date('2026-12-03T08:30:00Z'),
    };
    const withPatient = taskCommentToFhir({ id: referral.id, patientId: referral.patientId }, comment);
    assertValidR4(withPatient);
    assert.deepEqual(withPatient.basedOn, [{ reference: `Task/${referral.id}` }]);
    assert.deepEqual(withPatient.subject, { reference: `Patient/${referral.patientId}` });
    assert.deepEqual(codes(withPatient), [`${COMMUNICATION_CATEGORY}|comment`]);
    assert.deepEqual(withPatient.sender, {
      reference: `Practitioner/${SPECIALIST}`,
      display: 'Claire Cardio',
    });
    assert.equal(withPatient.sent, '2026-12-03T08:30:00.000Z');
    const withoutPatient = taskCommentToFhir({ id: referral.id, patientId: null }, comment);
    assertValidR4(withoutPatient);
    assert.equal(withoutPatient.subject, undefined);
  });

  it('reads back a question, an answer and a comment it writes', () => {
    const [question, answer] = referralThreadToFhir(referral, thread);
    assert.ok(question !== undefined && answer !== undefined);
    const asked = withoutParties(question);
    assert.deepEqual(newCommunicationFromFhir(asked), {
      on: 'referral',
      referralId: referral.id,
      kind: 'question',
      text: 'Le patient est-il sous anticoagulant ?',
      inResponseTo: null,
      patientId: referral.patientId,
    });
    const answering = withoutParties(answer);
    assert.deepEqual(newCommunicationFromFhir(answering), {
      on: 'referral',
      referralId: referral.id,
      kind: 'answer',
      text: 'Oui, apixaban 5 mg.',
      inResponseTo: '11111111-1111-4111-8111-111111111111',
      patientId: referral.patientId,
    });
    const taskId = '66666666-6666-4666-8666-666666666666';
    const comment = newMessage({
      basedOn: [{ reference: `Task/${taskId}` }],
      payload: [{ contentString: 'Vu.' }],
    });
    delete comment.category;
    delete comment.subject;
    assert.deepEqual(newCommunicationFromFhir(comment), { on: 'task', taskId, text: 'Vu.', patientId: null });
  });

  it('refuses by path what a message cannot be', () => {
    const cases: [Partial<Communication>, string][] = [
      [{ status: 'in-progress' }, 'Communication.status'],
      [{ basedOn: [] }, 'Communication.basedOn'],
      [
        { basedOn: [{ reference: `ServiceRequest/${referral.id}` }, { reference: 'Task/x' }] },
        'Communication.basedOn',
      ],
      [{ basedOn: [{ reference: `CarePlan/${referral.id}` }] }, 'Communication.basedOn[0].reference'],
      [{ category: [] }, 'Communication.category'],
      [
        { category: [{ coding: [{ system: COMMUNICATION_CATEGORY, code: 'comment' }] }] },
        'Communication.category[0]',
      ],
      [
        {
          category: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert' },
              ],
            },
          ],
        },
        'Communication.category[0]',
      ],
      [{ subject: { reference: 'Group/1' } }, 'Communication.subject.reference'],
      [{ payload: [] }, 'Communication.payload'],
      [{ payload: [{ contentString: 'a' }, { contentString: 'b' }] }, 'Communication.payload'],
      [
        { payload: [{ contentAttachment: { url: 'http://x' } }] },
        'Communication.payload[0].contentAttachment',
      ],
      [
        { payload: [{ contentReference: { reference: 'Patient/1' } }] },
        'Communication.payload[0].contentReference',
      ],
      [{ sender: { reference: 'Practitioner/1' } }, 'Communication.sender'],
      [{ recipient: [{ reference: 'Practitioner/1' }] }, 'Communication.recipient'],
      [{ encounter: { reference: 'Encounter/1' } }, 'Communication.encounter'],
      [{ inResponseTo: [{ reference: 'Observation/1' }] }, 'Communication.inResponseTo[0].reference'],
      [
        {
          category: [{ coding: [{ system: COMMUNICATION_CATEGORY, code: 'question' }] }],
          inResponseTo: [{ reference: 'Communication/1' }],
        },
        'Communication.inResponseTo',
      ],
      [
        {
          basedOn: [{ reference: 'Task/1' }],
          category: [{ coding: [{ system: COMMUNICATION_CATEGORY, code: 'question' }] }],
        },
        'Communication.category[0]',
      ],
      [
        {
          basedOn: [{ reference: 'Task/1' }],
          category: [{ coding: [{ system: COMMUNICATION_CATEGORY, code: 'comment' }] }],
          inResponseTo: [{ reference: 'Communication/1' }],
        },
        'Communication.inResponseTo',
      ],
    ];
    for (const [overrides, path] of cases) {
      const resource = JSON.parse(JSON.stringify(newMessage(overrides))) as Communication;
      assertRefused(() => newCommunicationFromFhir(resource), path);
    }
  });
});
