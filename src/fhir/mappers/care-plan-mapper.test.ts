import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ENROLMENT_STATUSES, type Enrolment } from '../../domain/pathways/pathway-enrolment.ts';
import { parsePathwayTemplate } from '../../domain/pathways/pathway-template-parser.ts';
import type { PathwayTemplate } from '../../domain/pathways/pathway-template.ts';
import { enrolmentViews } from '../../domain/pathways/pathway-views.ts';
import { OCCURRENCE_STATUSES, type StepOccurrence } from '../../domain/pathways/step-occurrence.ts';
import { carePlanToFhir } from './care-plan-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const FILE = 'data/pathways/ic-sortie-hospitalisation.yaml';
const parsed = parsePathwayTemplate(readFileSync(FILE, 'utf8'), FILE);
assert.ok(parsed.ok);
const template: PathwayTemplate = parsed.template;

const NOW = new Date('2026-12-04T12:00:00Z');
const DAY = 24 * 3600 * 1000;

const enrolment: Enrolment = {
  id: 'f7a8b9c0-d1e2-4f3a-8b4c-5d6e7f809102',
  patientId: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  templateId: template.id,
  templateVersion: template.version,
  status: 'active',
  startedOn: '2026-11-27',
  startAt: new Date('2026-11-27T10:30:00Z'),
  origin: { kind: 'rule', ref: 'ic-sortie' },
  pausedAt: null,
  endedAt: null,
  endReason: null,
  version: 1,
};

function occurrence(
  stepIndex: number,
  status: StepOccurrence['status'],
  skipReason: string | null = null,
): StepOccurrence {
  const step = template.steps[stepIndex];
  assert.ok(step);
  const start = enrolment.startAt.getTime();
  return {
    id: `0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c${String(stepIndex).padStart(2, '0')}`,
    patientId: enrolment.patientId,
    enrolmentId: enrolment.id,
    templateId: template.id,
    templateVersion: template.version,
    stepId: step.id,
    causeKey: `start:${step.id}`,
    role: step.role,
    status,
    triggerAt: enrolment.startAt,
    earliestAt: enrolment.startAt,
    dueAt: new Date(start + 5 * DAY),
    lateAt: new Date(start + 8 * DAY),
    completedAt: status === 'done' ? new Date(start + DAY) : null,
    evidence: null,
    skipReason,
    closedByAccountId: null,
  };
}

function planOf(current: Enrolment, occurrences: readonly StepOccurrence[]) {
  const [view] = enrolmentViews({ enrolments: [current], occurrences }, () => template, NOW, 'Europe/Paris');
  assert.ok(view);
  return carePlanToFhir(view);
}

describe('CarePlan mapper', () => {
  it('writes an enrolment as a CarePlan with one activity per step occurrence, late ones waiting', () => {
    const plan = planOf(enrolment, [
      occurrence(0, 'done'),
      occurrence(1, 'scheduled'),
      occurrence(2, 'skipped', 'Suivi assuré par la cardiologue'),
    ]);
    assertValidR4(plan);
    assert.equal(plan.status, 'active');
    assert.equal(plan.title, template.title.fr);
    assert.deepEqual(plan.subject, { reference: `Patient/${enrolment.patientId}` });
    assert.deepEqual(plan.period, { start: '2026-11-27' });
    // The second occurrence's due day has come at NOW: the view makes it due, waiting to be done.
    const details = (plan.activity ?? []).map((activity) => activity.detail);
    assert.deepEqual(
      details.map((detail) => detail?.status),
      ['completed', 'not-started', 'cancelled'],
    );
    assert.deepEqual(details[2]?.statusReason, { text: 'Suivi assuré par la cardiologue' });
  });

  it('writes an ended enrolment as completed, with its end and the reason given', () => {
    const ended = {
      ...enrolment,
      status: 'ended' as const,
      endedAt: new Date('2026-12-01T08:00:00Z'),
      endReason: 'Patient suivi dans un autre territoire',
    };
    const plan = planOf(ended, [occurrence(0, 'cancelled')]);
    assertValidR4(plan);
    assert.equal(plan.status, 'completed');
    assert.equal(plan.period?.end, '2026-12-01T08:00:00.000Z');
    assert.deepEqual(plan.note, [{ text: 'Patient suivi dans un autre territoire' }]);
  });

  it('emits a valid R4 CarePlan for any enrolment status and occurrence statuses', () => {
    const steps = template.steps.length;
    fc.assert(
      fc.property(
        fc.constantFrom(...ENROLMENT_STATUSES),
        fc.array(fc.tuple(fc.nat({ max: steps - 1 }), fc.constantFrom(...OCCURRENCE_STATUSES)), {
          maxLength: 6,
        }),
        (status, picks) => {
          const occurrences = picks.map(([index, occurrenceStatus]) => occurrence(index, occurrenceStatus));
          assertValidR4(planOf({ ...enrolment, status }, occurrences));
        },
      ),
      { numRuns: 40 },
    );
  });
});
