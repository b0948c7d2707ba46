import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { endEnrolment, pauseEnrolment, resumeEnrolment, type Enrolment } from './pathway-enrolment.ts';
import { stepAccepts, type Evidence } from './pathway-evidence.ts';
import {
  dueTransitions,
  firstOccurrences,
  matchEvidence,
  occurrencesForEvent,
  stepsTakingEvidence,
} from './pathway-progress.ts';
import { parsePathwayTemplate } from './pathway-template-parser.ts';
import type { PathwayTemplate } from './pathway-template.ts';
import { skipOccurrence, type StepOccurrence } from './step-occurrence.ts';

const PARIS = 'Europe/Paris';
const load = (id: string): PathwayTemplate => {
  const file = join(import.meta.dirname, '..', '..', '..', 'data', 'pathways', `${id}.yaml`);
  const parsed = parsePathwayTemplate(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.template;
};
const dt2 = load('dt2-adulte-suivi');
const heartFailure = load('ic-sortie-hospitalisation');
let counter = 0;
const context = { timeZone: PARIS, newId: () => `id-${(counter += 1)}` };

const enrolmentIn = (template: PathwayTemplate, startAt: Date, patientId = 'p1'): Enrolment => ({
  id: `enrolment-${template.id}-${patientId}`,
  patientId,
  templateId: template.id,
  templateVersion: template.version,
  status: 'active',
  startedOn: startAt.toISOString().slice(0, 10),
  startAt,
  origin: { kind: 'manual', ref: null },
  pausedAt: null,
  endedAt: null,
  endReason: null,
  version: 1,
});
const result = (loincCode: string, at: string, patientId = 'p1'): Evidence => ({
  kind: 'result',
  id: `r-${at}-${loincCode}`,
  patientId,
  at: new Date(at),
  label: loincCode,
  loincCode,
});
const match = (
  template: PathwayTemplate,
  enrolment: Enrolment,
  open: StepOccurrence[],
  evidence: Evidence[],
) => matchEvidence({ templateOf: () => template, enrolments: [enrolment], open, evidence }, context);

test('enrolment starts the steps triggered by the enrolment, each due by its own offset', () => {
  const enrolment = enrolmentIn(dt2, new Date('2026-01-30T23:00:00Z')); // 31 January in Paris
  const first = firstOccurrences(dt2, enrolment, context);
  assert.equal(first.length, dt2.steps.length);
  const hba1c = first.find((o) => o.stepId === 'hba1c')!;
  assert.equal(hba1c.dueAt.toISOString(), '2026-04-29T22:00:00.000Z'); // 30 April, Paris
  assert.equal(hba1c.lateAt.toISOString(), '2026-07-31T22:00:00.000Z'); // after 31 July
  assert.equal(hba1c.status, 'scheduled');
});

test('a matching result completes the step and schedules the next HbA1c from the day it was done', () => {
  const enrolment = enrolmentIn(dt2, new Date('2026-01-05T08:00:00Z'));
  const open = firstOccurrences(dt2, enrolment, context);
  const completions = match(dt2, enrolment, open, [result('4548-4', '2026-03-20T09:00:00Z')]);
  assert.equal(completions.length, 1);
  const completion = completions[0]!;
  assert.equal(completion.occurrence.stepId, 'hba1c');
  assert.equal(completion.occurrence.status, 'done');
  assert.equal(completion.occurrence.evidence?.kind, 'result');
  const next = completion.next.find((o) => o.stepId === 'hba1c')!;
  assert.equal(next.dueAt.toISOString(), '2026-06-19T22:00:00.000Z'); // 20 June
  assert.equal(next.causeKey, `after:${completion.occurrence.id}`);
});

test('evidence of another kind, code or patient completes nothing; one result completes one occurrence per step', () => {
  const enrolment = enrolmentIn(dt2, new Date('2026-01-05T08:00:00Z'));
  const open = firstOccurrences(dt2, enrolment, context);
  assert.deepEqual(match(dt2, enrolment, open, [result('2823-3', '2026-02-01T09:00:00Z')]), []);
  assert.deepEqual(match(dt2, enrolment, open, [result('4548-4', '2026-02-01T09:00:00Z', 'p2')]), []);
  assert.deepEqual(
    match(dt2, enrolment, open, [result('4548-4', '2025-12-01T09:00:00Z')]),
    [],
    'before the trigger',
  );
  const twice = match(dt2, enrolment, open, [
    result('4548-4', '2026-02-01T09:00:00Z'),
    result('4548-4', '2026-02-02T09:00:00Z'),
  ]);
  assert.deepEqual(
    twice.map((c) => c.occurrence.stepId),
    ['hba1c', 'hba1c'],
  );
  assert.notEqual(twice[0]?.occurrence.id, twice[1]?.occurrence.id);
});

test('encounters match by specialty or by the role the practitioner holds; documents by type; tasks only their own step', () => {
  const fundus = dt2.steps.find((s) => s.id === 'fundus')!;
  const gpReview = dt2.steps.find((s) => s.id === 'gp-review')!;
  const encounter = (specialties: string[], roles: string[]): Evidence => ({
    kind: 'encounter',
    id: 'a1',
    patientId: 'p1',
    at: new Date(),
    label: 'RDV',
    specialties,
    roles,
  });
  assert.equal(stepAccepts(fundus, encounter(['Ophthalmology'], []), 'o1'), true);
  assert.equal(stepAccepts(fundus, encounter(['cardiology'], ['medecin_traitant']), 'o1'), false);
  assert.equal(stepAccepts(gpReview, encounter(['general_practice'], ['medecin_traitant']), 'o1'), true);
  const task = (occurrenceId: string): Evidence => ({
    kind: 'task',
    id: 't1',
    patientId: 'p1',
    at: new Date(),
    label: 't',
    occurrenceId,
  });
  assert.equal(stepAccepts(fundus, task('o1'), 'o1'), true);
  assert.equal(stepAccepts(fundus, task('o2'), 'o1'), false);
  const letter = heartFailure.steps.find((s) => s.id === 'discharge-letter')!;
  const document = (typeCode: string): Evidence => ({
    kind: 'document',
    id: 'd1',
    patientId: 'p1',
    at: new Date(),
    label: 'CR',
    typeCode,
  });
  assert.equal(stepAccepts(letter, document('18842-5'), 'o1'), true);
  assert.equal(stepAccepts(letter, document('11488-4'), 'o1'), false);
});

test('only the steps some evidence could complete are worth loading: by code, and a task for any step it attests', () => {
  const steps = (evidence: Evidence[]) =>
    stepsTakingEvidence([dt2, heartFailure], evidence).map((s) => `${s.templateId}/${s.stepId}`);
  assert.deepEqual(steps([result('4548-4', '2026-03-01T10:00:00Z')]), ['dt2-adulte-suivi/hba1c']);
  assert.deepEqual(
    steps([result('2160-0', '2026-03-01T10:00:00Z'), result('0000-0', '2026-03-01T10:00:00Z')]),
    ['dt2-adulte-suivi/renal'],
  );
  const task: Evidence = {
    kind: 'task',
    id: 't1',
    patientId: 'p1',
    at: new Date(),
    label: 'x',
    occurrenceId: 'o1',
  };
  const attested = steps([task]);
  assert.ok(attested.includes('dt2-adulte-suivi/etp-offer'));
  assert.ok(!attested.includes('dt2-adulte-suivi/hba1c'));
});

test('a step done starts the steps that follow it; a discharge starts the discharge steps again', () => {
  const discharge = new Date('2026-02-10T10:00:00Z');
  const enrolment = enrolmentIn(heartFailure, discharge);
  const open = firstOccurrences(heartFailure, enrolment, context);
  assert.ok(open.every((o) => o.triggerAt.getTime() === discharge.getTime()));
  assert.equal(
    open.some((o) => o.stepId === 'nurse-weekly'),
    false,
  );
  const nurseVisit: Evidence = {
    kind: 'encounter',
    id: 'a1',
    patientId: 'p1',
    at: new Date('2026-02-12T09:00:00Z'),
    label: 'IDE',
    specialties: [],
    roles: ['nurse'],
  };
  const completion = match(heartFailure, enrolment, open, [nurseVisit])[0]!;
  assert.equal(completion.occurrence.stepId, 'nurse-first-visit');
  assert.deepEqual(
    completion.next.map((o) => o.stepId),
    ['nurse-weekly'],
  );
  const again = occurrencesForEvent(
    heartFailure,
    enrolment,
    { id: 'e2', type: 'stay.discharged', occurredAt: new Date('2026-05-01T10:00:00Z') },
    context,
  );
  assert.equal(again.length, open.length);
  assert.ok(again.every((o) => o.causeKey === 'event:e2'));
});

test('the due scan moves scheduled to due then rupture, never back, and only once the day comes', () => {
  const enrolment = enrolmentIn(dt2, new Date('2026-01-05T08:00:00Z'));
  const hba1c = firstOccurrences(dt2, enrolment, context).find((o) => o.stepId === 'hba1c')!;
  assert.deepEqual(dueTransitions([hba1c], new Date('2026-04-04T21:59:59Z')), []);
  assert.deepEqual(
    dueTransitions([hba1c], new Date('2026-04-04T22:00:00Z')).map((t) => t.to),
    ['due'],
  );
  assert.deepEqual(
    dueTransitions([hba1c], new Date('2026-07-05T22:00:00Z')).map((t) => t.to),
    ['rupture'],
  );
  assert.deepEqual(dueTransitions([{ ...hba1c, status: 'rupture' }], new Date('2027-01-01')), []);
});

test('skip needs a reason and an open step; pause, resume and end follow the lifecycle', () => {
  const enrolment = enrolmentIn(dt2, new Date('2026-01-05T08:00:00Z'));
  const occurrence = firstOccurrences(dt2, enrolment, context)[0]!;
  const by = { accountId: 'a', at: new Date('2026-02-01') };
  assert.throws(() => skipOccurrence(occurrence, '  ', by), { code: 'invalid-input' });
  const skipped = skipOccurrence(occurrence, 'patient declined', by);
  assert.equal(skipped.status, 'skipped');
  assert.throws(() => skipOccurrence(skipped, 'again', by), { code: 'conflict' });
  const paused = pauseEnrolment(enrolment, new Date('2026-02-01T00:00:00Z'));
  assert.throws(() => pauseEnrolment(paused, new Date()), { code: 'conflict' });
  const resumed = resumeEnrolment(paused, new Date('2026-02-11T00:00:00Z'));
  assert.equal(resumed.pausedMs, 10 * 86_400_000);
  assert.equal(endEnrolment(resumed.enrolment, 'moved away', new Date()).status, 'ended');
  assert.throws(() => endEnrolment(resumed.enrolment, '', new Date()), { code: 'invalid-input' });
});

test('property: occurrences are never due before their trigger and never complete without evidence that counts', () => {
  const codes = ['4548-4', '2160-0', '9318-7', '13457-7', '2823-3'];
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      fc.array(fc.record({ code: fc.constantFrom(...codes), days: fc.integer({ min: -400, max: 900 }) }), {
        maxLength: 12,
      }),
      fc.integer({ min: 0, max: 1200 }),
      (start, results, nowDays) => {
        const enrolment = enrolmentIn(dt2, start);
        const open = firstOccurrences(dt2, enrolment, context);
        const evidence = results.map((r, i) => ({
          ...result(r.code, new Date(start.getTime() + r.days * 86_400_000).toISOString()),
          id: `e${i}`,
        }));
        const completions = match(dt2, enrolment, open, evidence);
        const all = [...open, ...completions.flatMap((c) => c.next)];
        for (const o of all)
          assert.ok(o.dueAt >= o.triggerAt && o.earliestAt >= o.triggerAt && o.lateAt > o.dueAt);
        for (const c of completions) {
          assert.ok(stepAccepts(c.step, c.evidence, c.occurrence.id));
          assert.ok(c.evidence.at >= c.occurrence.earliestAt && c.evidence.at >= c.occurrence.triggerAt);
          assert.equal(c.occurrence.evidence?.id, c.evidence.id);
        }
        const now = new Date(start.getTime() + nowDays * 86_400_000);
        for (const t of dueTransitions(all, now))
          assert.ok(now >= t.occurrence.dueAt && t.occurrence.dueAt >= t.occurrence.triggerAt);
      },
    ),
    { numRuns: 300 },
  );
});
