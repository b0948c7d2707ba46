import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseRuleSet } from './rule-set-parser.ts';
import { formatProblem } from './yaml-reader.ts';

const STARTER = readFileSync(new URL('../../../data/rules/starter.yaml', import.meta.url), 'utf8');

/** The problems of a text as `file:line:column: message` strings. */
function problemsOf(text: string, file = 'test.yaml'): string[] {
  const parsed = parseRuleSet(text, file);
  if (parsed.ok) assert.fail('expected the set to be refused');
  return parsed.problems.map(formatProblem);
}

const HEADER = `id: test
label: { fr: Essai, en: Test }
rules:
`;

test('the shipped starter set is valid and holds the rules the issue asks for', () => {
  const parsed = parseRuleSet(STARTER, 'starter.yaml');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.map(formatProblem).join('\n'));
  assert.deepEqual(
    parsed.ruleSet.rules.map((rule) => rule.id),
    [
      'hba1c-above-target-twice',
      'heart-failure-weight-gain',
      'missed-appointment-reschedule',
      'repeated-missed-appointments',
      'discharge-without-follow-up',
      'heart-failure-discharge-pathway',
      'potassium-high',
    ],
  );
  assert.ok(
    parsed.ruleSet.rules.every((rule) => rule.source !== null),
    'every starter rule cites its source',
  );
});

test('each problem names the file, the line and the column, and all problems are reported at once', () => {
  const text = `${HEADER}  - id: first
    version: 1
    label: { fr: Un, en: One }
    on: [result.recorded]
    when:
      latest-result: { code: '4548-4', above: 7 }
    then:
      - create-task: { role: surgeon, title: { fr: a, en: b }, priority: urgent, due-in: 3 days }
  - id: second
    version: 0
    label: { fr: Deux, en: Two }
    on: [result.recordd]
    then:
      - notify: { role: nurse, loud: true }
`;
  assert.deepEqual(problemsOf(text, 'rules/test.yaml'), [
    'rules/test.yaml:9:7: rule first: when: unknown condition "latest-result"; expected one of all, any, not, event, latest-results, trend, count-events, count-results, has-condition, absent',
    'rules/test.yaml:11:30: rule first: then[0].create-task.role: "surgeon" is not a care-team role',
    'rules/test.yaml:11:90: rule first: then[0].create-task.due-in must be a duration such as 12h, 3d or 2w',
    'rules/test.yaml:13:14: rule second: version must be a whole number from 1 to 1000000',
    'rules/test.yaml:15:10: rule second: on[0]: "result.recordd" is not an event type of the journal',
    'rules/test.yaml:17:32: rule second: then[0].notify: unknown key "loud"; expected "role", "urgent"',
  ]);
});

test('YAML syntax errors and duplicate keys are reported with their line', () => {
  // The brace opened on line 5 is still open where the text ends, on line 6.
  const [syntax] = problemsOf(`${HEADER}  - id: a\n    label: { fr: x, en: y\n`);
  assert.match(syntax ?? '', /^test\.yaml:6:1: Flow map .* must .* end with a \}/);
  const [indent] = problemsOf(`${HEADER}  - id: a\n    version: 1\n   label: x\n`);
  assert.equal(indent, 'test.yaml:6:1: Sequence item without - indicator');
  const [duplicate] = problemsOf(`id: test\nid: again\nlabel: { fr: a, en: b }\nrules: []\n`);
  assert.match(duplicate ?? '', /^test\.yaml:2:1: Map keys must be unique/);
});

test('a rule set with one bad rule is refused whole; ids must be unique', () => {
  const rule = (id: string) => `  - id: ${id}
    version: 1
    label: { fr: R, en: R }
    on: [appointment.missed]
    then:
      - raise-alert: { text: { fr: a, en: b } }
`;
  assert.ok(parseRuleSet(`${HEADER}${rule('one')}${rule('two')}`, 'ok.yaml').ok);
  assert.deepEqual(problemsOf(`${HEADER}${rule('one')}${rule('one')}`), [
    'test.yaml:10:5: rules[1]: the id "one" is used twice',
  ]);
});

test('conditions are data, never code: an expression string is refused', () => {
  const text = `${HEADER}  - id: sneaky
    version: 1
    label: { fr: R, en: R }
    on: [result.recorded]
    when: "payload.value > 7 || process.exit()"
    then:
      - raise-alert: { text: { fr: a, en: b } }
`;
  assert.deepEqual(problemsOf(text), [
    'test.yaml:8:11: rule sneaky: when must be a mapping with exactly one key (its kind)',
  ]);
});

test('comparisons need exactly one operator, trends exactly one direction, thresholds a number or a target', () => {
  const text = `${HEADER}  - id: checks
    version: 1
    label: { fr: R, en: R }
    on: [result.recorded]
    when:
      all:
        - latest-results: { code: '4548-4', above: 7, below: 9 }
        - trend: { code: '29463-7', within: 3d }
        - event: { field: value, above: { target: Hb A1c, default: 7 } }
        - has-condition: { codes: [i50] }
    then:
      - suggest-referral: { specialty: dermatology, reason: { fr: a, en: b } }
`;
  assert.deepEqual(problemsOf(text), [
    'test.yaml:10:27: rule checks: when.all[0].latest-results: give exactly one comparison among above, at-least, below, at-most',
    'test.yaml:11:18: rule checks: when.all[1].trend: give exactly one of "rises-by-more-than" and "falls-by-more-than"',
    'test.yaml:12:51: rule checks: when.all[2].event.above.target: "Hb A1c" is not a target name such as hba1c',
    'test.yaml:13:36: rule checks: when.all[3].has-condition.codes[0]: "i50" is not an ICD-10 code or prefix such as I50',
    'test.yaml:15:40: rule checks: then[0].suggest-referral.specialty: "dermatology" is not one of endocrinology, cardiology, nephrology, pulmonology, geriatrics, psychiatry, ophthalmology, oncology',
  ]);
});
