import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuestionnaireResponse } from './questionnaire-response.ts';
import { urgentFollowUpTask } from './urgent-follow-up-task.ts';

const completedAt = new Date('2026-11-20T10:00:00Z');
const response: QuestionnaireResponse = {
  id: '6f1c2a43-8a8e-4b8f-9d55-0f2f8f1a2b3c',
  instrument: 'PHQ-9',
  answers: [3, 3, 3, 3, 3, 3, 1, 0, 2],
  difficulty: null,
  score: 21,
  band: 'severe',
  urgentReasons: [
    { kind: 'safety-item', item: 9, answer: 2 },
    { kind: 'severe-total', total: 21, threshold: 20 },
  ],
  filledBy: 'patient',
  filledByAccountId: 'account',
  completedAt,
};
const patientId = '0b7f3a52-2c4d-4e1f-8a6b-9c0d1e2f3a4b';

/** A team holding `roles`, one professional each (`pr-<role>`), with no restriction unless `named`. */
const team = (roles: string[], named: string[] | null = null) => ({
  members: roles.map((role) => ({ practitionerId: `pr-${role}`, role })),
  mentalHealthNamed: named,
});

test('an urgent response asks the médecin traitant to follow up at once, explained in words, once', () => {
  assert.deepEqual(
    urgentFollowUpTask(response, patientId, team(['nurse', 'medecin_traitant', 'coordinator'])),
    {
      patientId,
      title: 'Suivi urgent après le questionnaire PHQ-9 : contacter le patient',
      details: 'Questionnaire rempli par le patient sur le portail.',
      assignee: { kind: 'care-team-role', role: 'medecin_traitant' },
      priority: 'urgent',
      dueAt: completedAt,
      about: { kind: 'questionnaire-response', id: response.id },
      origin: {
        kind: 'questionnaire',
        ref: response.id,
        explanation:
          'PHQ-9 : réponse 2 à la question 9 (idées de mort ou d’auto-agression) ; ' +
          'PHQ-9 : score total 21 sur 27 (Dépression sévère ; seuil d’alerte 20)',
      },
      idempotencyKey: `questionnaire:${response.id}`,
    },
  );
});

test('without a médecin traitant, the coordinator gets it', () => {
  assert.deepEqual(urgentFollowUpTask(response, patientId, team(['nurse']))?.assignee, {
    kind: 'care-team-role',
    role: 'coordinator',
  });
});

test('a response that is not urgent raises no task', () => {
  assert.equal(
    urgentFollowUpTask({ ...response, urgentReasons: [] }, patientId, team(['medecin_traitant'])),
    null,
  );
});

test('mental health kept to named professionals: the task goes by name to one of them, never to a role', () => {
  const assigneeFor = (roles: string[], named: string[]) =>
    urgentFollowUpTask(response, patientId, team(roles, named))?.assignee;
  const roles = ['medecin_traitant', 'coordinator', 'nurse', 'psychologist'];
  assert.deepEqual(assigneeFor(roles, ['pr-nurse', 'pr-medecin_traitant']), {
    kind: 'practitioner',
    practitionerId: 'pr-medecin_traitant',
  });
  assert.deepEqual(assigneeFor(roles, ['pr-psychologist', 'pr-coordinator']), {
    kind: 'practitioner',
    practitionerId: 'pr-coordinator',
  });
  assert.deepEqual(assigneeFor(roles, ['pr-psychologist']), {
    kind: 'practitioner',
    practitionerId: 'pr-psychologist',
  });
  // The named professional has left the team: still the patient's choice for this data.
  assert.deepEqual(assigneeFor(['medecin_traitant'], ['pr-former']), {
    kind: 'practitioner',
    practitionerId: 'pr-former',
  });
});
