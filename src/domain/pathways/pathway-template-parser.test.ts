import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem } from '../rules/yaml-reader.ts';
import { parsePathwayTemplate } from './pathway-template-parser.ts';
import { timingIsDefault } from './pathway-template.ts';

const SHIPPED = join(import.meta.dirname, '..', '..', '..', 'data', 'pathways');

const VALID = `id: test-pathway
version: 1
title: { fr: Test, en: Test }
population: Adults
sources:
  - { id: SRC-1, title: A source, year: 2020 }
steps:
  - id: first
    label: { fr: Premier, en: First }
    patient-label: { fr: Faire le premier, en: Do the first }
    role: medecin_traitant
    trigger: enrolment
    due: { target: P1M, latest: P2M }
    evidence:
      - result: { loinc: [4548-4] }
    confidence: { requirement: verified, timing: design_default }
    sources: [SRC-1]
  - id: second
    label: { fr: Second, en: Second }
    patient-label: { fr: Faire le second, en: Do the second }
    role: specialist
    specialty: ophthalmology
    trigger: { after-step: first }
    due: { target: P1Y, latest: P1Y }
    evidence:
      - encounter: { specialty: [ophthalmology] }
    confidence: { requirement: verified, timing: verified }
    sources: [SRC-1]
`;

const problemsOf = (text: string) => {
  const parsed = parsePathwayTemplate(text, 'bad.yaml');
  if (parsed.ok) throw new Error('the template was accepted');
  return parsed.problems.map(formatProblem);
};

test('the shipped templates load, name their sources, and flag default timings', () => {
  const files = readdirSync(SHIPPED).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const parsed = parsePathwayTemplate(readFileSync(join(SHIPPED, file), 'utf8'), file);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.map(formatProblem).join('\n'));
    assert.ok(parsed.template.sources.length > 0);
    for (const step of parsed.template.steps) assert.ok(step.sourceRefs.length > 0, `${file} ${step.id}`);
  }
  const dt2 = parsePathwayTemplate(readFileSync(join(SHIPPED, 'dt2-adulte-suivi.yaml'), 'utf8'), 'dt2');
  assert.ok(dt2.ok);
  const steps = new Map(dt2.template.steps.map((s) => [s.id, s]));
  assert.equal(timingIsDefault(steps.get('gp-review')!), true);
  assert.equal(timingIsDefault(steps.get('fundus')!), false);
});

test('a valid template parses', () => {
  const parsed = parsePathwayTemplate(VALID, 'ok.yaml');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.map(formatProblem).join('\n'));
  assert.deepEqual(parsed.template.steps[1]?.trigger, { kind: 'step-done', stepId: 'first' });
});

test('an unknown role is refused with its file and line', () => {
  const problems = problemsOf(VALID.replace('role: medecin_traitant', 'role: wizard'));
  assert.deepEqual(problems, ['bad.yaml:11:11: step first: role: "wizard" is not a care-team role']);
});

test('a cycle of triggers is refused', () => {
  const problems = problemsOf(VALID.replace('trigger: enrolment', 'trigger: { after-step: second }'));
  assert.equal(problems.length, 1);
  assert.match(
    problems[0] ?? '',
    /^bad\.yaml:\d+:\d+: steps (first → second → first|second → first → second) trigger each other in a cycle/,
  );
});

test('a step without evidence is refused', () => {
  const problems = problemsOf(VALID.replace(/ {4}evidence:\n {6}- result: \{ loinc: \[4548-4\] \}\n/, ''));
  assert.deepEqual(problems, ['bad.yaml:8:5: steps[0]: "evidence" is missing']);
});

test('bad durations, unknown sources and evidence kinds are refused, each with its line', () => {
  const problems = problemsOf(
    VALID.replace('latest: P2M', 'latest: P2X')
      .replace('target: P1Y, latest: P1Y', 'target: P1Y, latest: P6M')
      .replace('sources: [SRC-1]\n  - id: second', 'sources: [NOPE]\n  - id: second')
      .replace('encounter: { specialty: [ophthalmology] }', 'x-ray: { any: true }'),
  );
  assert.deepEqual(problems, [
    'bad.yaml:13:33: step first: due.latest must be an ISO 8601 duration such as P7D, P3M or P1Y',
    'bad.yaml:17:14: step first: source "NOPE" is not in the template\'s sources',
    'bad.yaml:24:33: step second: due: latest P6M is before target P1Y',
    'bad.yaml:26:9: step second: evidence[0]: unknown evidence "x-ray"; expected one of result, encounter, document, task, questionnaire',
  ]);
});

test('a trigger naming no step of the template is refused', () => {
  assert.deepEqual(problemsOf(VALID.replace('after-step: first', 'after-step: zeroth')), [
    'bad.yaml:18:5: step second: trigger after-step "zeroth" is not a step of this template',
  ]);
});
