import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowedTaskActions,
  decideTaskAccess,
  relationsTo,
  type TaskFacts,
  type TaskViewer,
} from './task-policy.ts';

const PATIENT = 'patient-1';
const ME = 'practitioner-me';
const SERVICE = 'org-cardiology';

function viewer(overrides: Partial<TaskViewer> = {}): TaskViewer {
  return {
    practitionerId: ME,
    accountId: 'account-me',
    organizationId: 'org-msp',
    patientRoles: [],
    objected: false,
    hiddenCategories: [],
    ...overrides,
  };
}

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    patientId: PATIENT,
    assignee: { kind: 'care-team-role', role: 'nurse' },
    status: 'todo',
    claimedBy: null,
    createdByAccountId: 'account-someone',
    origin: { kind: 'manual', ref: null, explanation: null },
    ...overrides,
  };
}

test('who sees a task, and why', () => {
  const cases: [string, TaskFacts, TaskViewer, string[]][] = [
    [
      'the practitioner assignee',
      task({ assignee: { kind: 'practitioner', practitionerId: ME } }),
      viewer(),
      ['assignee'],
    ],
    ['another practitioner', task({ assignee: { kind: 'practitioner', practitionerId: 'x' } }), viewer(), []],
    ['the holder of the role', task(), viewer({ patientRoles: ['nurse'] }), ['role-holder', 'care-team']],
    ['a holder of another role', task(), viewer({ patientRoles: ['pharmacist'] }), ['care-team']],
    [
      'a member of the service',
      task({ assignee: { kind: 'service', organizationId: SERVICE } }),
      viewer({ organizationId: SERVICE }),
      ['service-member'],
    ],
    [
      'a coordinator, for a role nobody holds',
      task(),
      viewer({ patientRoles: ['coordinator'] }),
      ['coordinator', 'care-team'],
    ],
    ['the creator', task({ createdByAccountId: 'account-me' }), viewer(), ['creator']],
    ['an outsider', task(), viewer(), []],
    [
      'a coordinator without a patient',
      task({ patientId: null, assignee: { kind: 'practitioner', practitionerId: 'x' } }),
      viewer({ patientRoles: [] }),
      [],
    ],
  ];
  for (const [who, facts, someone, expected] of cases)
    assert.deepEqual(relationsTo(facts, someone), expected, who);
});

test('actors may do what the status allows; others may only comment (the creator may also cancel)', () => {
  assert.deepEqual(allowedTaskActions(task(), ['role-holder'], ME), [
    'claim',
    'start',
    'complete',
    'cancel',
    'reassign',
    'comment',
  ]);
  assert.deepEqual(allowedTaskActions(task({ claimedBy: ME }), ['role-holder'], ME), [
    'start',
    'complete',
    'cancel',
    'reassign',
    'comment',
  ]);
  assert.deepEqual(allowedTaskActions(task({ status: 'in_progress' }), ['coordinator'], ME), [
    'claim',
    'complete',
    'cancel',
    'reassign',
    'comment',
  ]);
  assert.deepEqual(
    allowedTaskActions(task({ assignee: { kind: 'practitioner', practitionerId: ME } }), ['assignee'], ME),
    ['start', 'complete', 'cancel', 'reassign', 'comment'],
  );
  assert.deepEqual(allowedTaskActions(task({ status: 'done' }), ['assignee'], ME), ['comment']);
  assert.deepEqual(allowedTaskActions(task(), ['care-team'], ME), ['comment']);
  assert.deepEqual(allowedTaskActions(task(), ['creator'], ME), ['cancel', 'comment']);
  assert.deepEqual(allowedTaskActions(task(), [], ME), []);
});

test('the access decision refuses outsiders and non-actors, with the reason in words', () => {
  assert.deepEqual(decideTaskAccess(task(), viewer(), 'read'), {
    allowed: false,
    reason: 'not assigned to you, your roles, your service or your caseload',
  });
  assert.equal(decideTaskAccess(task(), viewer({ patientRoles: ['pharmacist'] }), 'read').allowed, true);
  assert.equal(decideTaskAccess(task(), viewer({ patientRoles: ['pharmacist'] }), 'comment').allowed, true);
  const refused = decideTaskAccess(task(), viewer({ patientRoles: ['pharmacist'] }), 'complete');
  assert.equal(refused.allowed, false);
  assert.match(refused.reason, /only those who must do it may complete it/);
  assert.equal(decideTaskAccess(task(), viewer({ patientRoles: ['nurse'] }), 'complete').allowed, true);
  assert.equal(
    decideTaskAccess(task({ createdByAccountId: 'account-me' }), viewer(), 'cancel').allowed,
    true,
  );
  assert.equal(
    decideTaskAccess(task({ createdByAccountId: 'account-me' }), viewer(), 'reassign').allowed,
    false,
  );
  // Whether the status allows it is the task's rule (a conflict), not an access refusal.
  assert.equal(
    decideTaskAccess(task({ status: 'done' }), viewer({ patientRoles: ['nurse'] }), 'complete').allowed,
    true,
  );
});

test("a questionnaire's follow-up is mental-health data: hidden from those the patient restricted it from", () => {
  const followUp = task({
    assignee: { kind: 'practitioner', practitionerId: 'practitioner-named' },
    origin: { kind: 'questionnaire', ref: 'response-1', explanation: 'PHQ-9 item 9' },
  });
  const coordinator = viewer({ patientRoles: ['coordinator'] });
  assert.deepEqual(relationsTo(followUp, coordinator), ['coordinator', 'care-team']);
  const restricted = { ...coordinator, hiddenCategories: ['mental-health'] as const };
  assert.deepEqual(relationsTo(followUp, restricted), []);
  assert.deepEqual(decideTaskAccess(followUp, restricted, 'read'), {
    allowed: false,
    reason: 'the patient restricted mental-health data to named professionals',
  });
  // The restriction is about the category: the coordinator's other tasks for the patient stay.
  assert.equal(decideTaskAccess(task(), restricted, 'read').allowed, true);
});
