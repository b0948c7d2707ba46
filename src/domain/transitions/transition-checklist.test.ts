import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePathwayTemplate } from '../pathways/pathway-template-parser.ts';
import { DomainError } from '../shared/domain-error.ts';
import {
  addedItem,
  DEFAULT_TRANSITION_POLICY,
  openChecklist,
  type EnrolledStep,
} from './transition-checklist.ts';
import {
  cancelTransition,
  closesWith,
  completeItem,
  itemsFallingLate,
  type TransitionItem,
} from './transition.ts';

const PARIS = 'Europe/Paris';
let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`;

/** A template with a discharge-triggered GP visit (as the heart-failure pathway) and a nurse visit. */
const TEMPLATE = `
id: test-sortie
version: 1
title: { fr: Sortie, en: Discharge }
population: test
starts-with: stay.discharged
sources: [{ id: S, title: Source }]
steps:
  - id: nurse-visit
    label: { fr: Infirmière, en: Nurse }
    patient-label: { fr: Infirmière, en: Nurse }
    role: nurse
    trigger: { event: stay.discharged }
    due: { target: P3D, latest: P7D }
    evidence: [{ encounter: { role: [nurse] } }]
    confidence: { requirement: verified, timing: verified }
    sources: [S]
  - id: cardio-2m
    label: { fr: Cardiologue, en: Cardiologist }
    patient-label: { fr: Cardiologue, en: Cardiologist }
    role: specialist
    specialty: cardiology
    trigger: { event: stay.discharged }
    due: { target: P1M, latest: P2M }
    evidence: [{ encounter: { specialty: [cardiology] } }]
    confidence: { requirement: verified, timing: verified }
    sources: [S]
  - id: gp-7d
    label: { fr: Médecin traitant sous 7 jours, en: GP within 7 days }
    patient-label: { fr: Médecin, en: GP }
    role: medecin_traitant
    trigger: { event: stay.discharged }
    due: { target: P7D, latest: P7D }
    evidence: [{ encounter: { role: [medecin_traitant] } }]
    confidence: { requirement: verified, timing: verified }
    sources: [S]
`;

function steps(): EnrolledStep[] {
  const parsed = parsePathwayTemplate(TEMPLATE, 'test.yaml');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.template.steps.map((step) => ({ templateId: parsed.template.id, step }));
}

const checklist = (dischargedAt: string, enrolled: EnrolledStep[] = []) =>
  openChecklist(
    { id: 'stay', patientId: 'patient', dischargedAt: new Date(dischargedAt) },
    {
      dischargeEventId: 'event',
      steps: enrolled,
      policy: DEFAULT_TRANSITION_POLICY,
      timeZone: PARIS,
      at: new Date(dischargedAt),
      newId,
    },
  );
const itemOf = (items: readonly TransitionItem[], kind: string) => {
  const item = items.find((i) => i.kind === kind);
  assert.ok(item, kind);
  return item;
};

describe('the discharge checklist', () => {
  test('without a pathway: the letter by the end of the discharge day (Paris) and the reconciliation by default', () => {
    const { transition, items } = checklist('2026-01-15T16:00:00Z');
    assert.deepEqual(
      items.map((i) => i.kind),
      ['discharge-letter', 'medication-reconciliation'],
    );
    assert.equal(transition.status, 'open');
    const letter = itemOf(items, 'discharge-letter');
    assert.equal(letter.dueAt.toISOString(), '2026-01-15T23:00:00.000Z', 'midnight in Paris, winter');
    assert.equal(letter.deadlineSource, 'regulation');
    assert.equal(letter.responsible, 'coordination');
    const reconciliation = itemOf(items, 'medication-reconciliation');
    assert.equal(reconciliation.dueAt.toISOString(), '2026-01-22T23:00:00.000Z');
    assert.equal(reconciliation.deadlineSource, 'default');
    assert.equal(reconciliation.responsible, 'medecin_traitant');
  });

  test('a discharge late in the Paris evening is still that day, and the week crosses the change to summer time', () => {
    // 23:30 in Paris on Saturday 28 March 2026 is 22:30 UTC; the clocks go forward that night.
    const { items } = checklist('2026-03-28T22:30:00Z');
    assert.equal(itemOf(items, 'discharge-letter').dueAt.toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(
      itemOf(items, 'medication-reconciliation').dueAt.toISOString(),
      '2026-04-04T22:00:00.000Z',
      'midnight in Paris, summer time',
    );
  });

  test('across a month end and the change back to winter time', () => {
    const { items } = checklist('2026-10-30T10:00:00Z');
    assert.equal(itemOf(items, 'discharge-letter').dueAt.toISOString(), '2026-10-30T23:00:00.000Z');
    assert.equal(itemOf(items, 'medication-reconciliation').dueAt.toISOString(), '2026-11-06T23:00:00.000Z');
  });

  test('with a pathway: the follow-up visit mirrors the GP or specialist step due first, with its role', () => {
    const { items } = checklist('2026-01-31T09:00:00Z', steps());
    const visit = itemOf(items, 'follow-up-visit');
    assert.deepEqual(visit.pathwayStep, { templateId: 'test-sortie', stepId: 'gp-7d' });
    assert.equal(visit.responsible, 'medecin_traitant');
    assert.equal(visit.deadlineSource, 'pathway');
    assert.equal(visit.label?.en, 'GP within 7 days');
    assert.equal(
      visit.dueAt.toISOString(),
      '2026-02-07T23:00:00.000Z',
      'the end of the 7th day, into February',
    );
    assert.equal(items.filter((i) => i.kind === 'follow-up-visit').length, 1);
  });

  test('added home nursing is due at the end of its day; a day before the discharge or no note is refused', () => {
    const { transition } = checklist('2026-01-15T16:00:00Z');
    const context = { timeZone: PARIS, at: new Date('2026-01-15T17:00:00Z'), newId };
    const nursing = addedItem(
      transition,
      { kind: 'home-nursing', dueOn: '2026-01-17', note: ' Pansements ' },
      context,
    );
    assert.equal(nursing.dueAt.toISOString(), '2026-01-17T23:00:00.000Z');
    assert.equal(nursing.note, 'Pansements');
    assert.equal(nursing.deadlineSource, 'manual');
    for (const input of [
      { kind: 'equipment' as const, dueOn: '2026-01-14', note: 'Lit' },
      { kind: 'equipment' as const, dueOn: '2026-02-30', note: 'Lit' },
      { kind: 'equipment' as const, dueOn: '2026-01-20', note: '  ' },
    ])
      assert.throws(
        () => addedItem(transition, input, context),
        (e: DomainError) => e.code === 'invalid-input',
      );
  });
});

describe('the transition lifecycle', () => {
  const done = (status: 'done' | 'not-needed', evidence: string | null = null) => ({
    status,
    at: new Date('2026-01-16T10:00:00Z'),
    byAccountId: null,
    byName: null,
    evidence,
    evidenceRef: null,
  });

  test('closes only once every item is done or not needed', () => {
    const { transition, items } = checklist('2026-01-15T16:00:00Z');
    const [letter, reconciliation] = items as [TransitionItem, TransitionItem];
    const at = new Date('2026-01-16T10:00:00Z');
    const oneDone = [completeItem(letter, done('done')), reconciliation];
    assert.equal(closesWith(transition, oneDone, at).status, 'open');
    const allDone = [oneDone[0]!, completeItem(reconciliation, done('not-needed', 'Pas de traitement'))];
    const closed = closesWith(transition, allDone, at);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, at);
    assert.equal(cancelTransition(transition, at).status, 'cancelled');
    assert.throws(
      () => cancelTransition(closed, at),
      (e: DomainError) => e.code === 'conflict',
    );
  });

  test('not needed asks for a reason; a closed item cannot be completed again', () => {
    const [letter] = checklist('2026-01-15T16:00:00Z').items as [TransitionItem];
    assert.throws(
      () => completeItem(letter, done('not-needed', ' ')),
      (e: DomainError) => e.code === 'invalid-input',
    );
    const completed = completeItem(letter, done('done'));
    assert.throws(
      () => completeItem(completed, done('done')),
      (e: DomainError) => e.code === 'conflict',
    );
  });

  test('items fall late at their deadline, not before', () => {
    const { items } = checklist('2026-01-15T16:00:00Z');
    assert.deepEqual(itemsFallingLate(items, new Date('2026-01-15T22:59:59Z')), []);
    assert.deepEqual(
      itemsFallingLate(items, new Date('2026-01-15T23:00:00Z')).map((i) => i.kind),
      ['discharge-letter'],
    );
  });
});
