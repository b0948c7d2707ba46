import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { EventType } from '../journal/domain-event.ts';
import { decideAll, evaluationsOf } from './batch-decisions.ts';
import type { PatientFacts, TriggerEvent } from './patient-facts.ts';
import {
  evaluateRule,
  type ActiveRule,
  type PastFiring,
  type PlannedFiring,
  type RuleOutcome,
} from './rule-evaluation.ts';
import { parseRuleSet } from './rule-set-parser.ts';

const NOW = new Date('2026-11-20T09:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const PATIENT = '00000000-0000-4000-8000-000000000001';

const parsed = parseRuleSet(
  readFileSync(new URL('../../../data/rules/starter.yaml', import.meta.url), 'utf8'),
  'starter',
);
if (!parsed.ok) throw new Error('starter.yaml is invalid');
const STARTER = parsed.ruleSet;
const starter = (id: string): ActiveRule => {
  const rule = STARTER.rules.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no starter rule ${id}`);
  return { ruleSetId: 'starter', ruleSetVersion: 1, rule };
};

let eventCounter = 0;
function trigger(type: EventType, payload: TriggerEvent['payload'] = {}, at = NOW): TriggerEvent {
  eventCounter += 1;
  return {
    id: `event-${eventCounter}`,
    type,
    patientId: PATIENT,
    actorAccountId: null,
    occurredAt: at,
    payload,
  };
}

type ResultRow = readonly [value: number, daysAgo: number];
const DISPLAY: Readonly<Record<string, [string, string]>> = {
  '4548-4': ['HbA1c', '%'],
  '29463-7': ['Poids', 'kg'],
  '2823-3': ['Kaliémie', 'mmol/L'],
};

/** Facts as the store hands them over: results newest first. */
function facts(given: {
  results?: Record<string, readonly ResultRow[]>;
  conditions?: readonly string[];
  events?: readonly (readonly [EventType, number])[];
  targets?: Record<string, number>;
}): PatientFacts {
  return {
    results: new Map(
      Object.entries(given.results ?? {}).map(([code, rows]) => [
        code,
        rows
          .map(([value, ago], index) => ({
            id: `${code}-${index}`,
            display: DISPLAY[code]?.[0] ?? code,
            unit: DISPLAY[code]?.[1] ?? null,
            value,
            effectiveAt: daysAgo(ago),
          }))
          .sort((a, b) => b.effectiveAt.getTime() - a.effectiveAt.getTime()),
      ]),
    ),
    conditions: (given.conditions ?? []).map((code) => ({ code, display: 'Insuffisance cardiaque' })),
    events: (given.events ?? []).map(([type, ago], index) => ({
      id: `past-${index}`,
      type,
      occurredAt: daysAgo(ago),
    })),
    targets: new Map(
      Object.entries(given.targets ?? {}).map(([name, value]) => [name, { value, unit: '%' }]),
    ),
  };
}

/** The firing of an outcome; fails the test when the rule did not fire. */
function firingOf(outcome: RuleOutcome): PlannedFiring {
  if (outcome.kind !== 'fire') assert.fail(`expected a firing, got ${JSON.stringify(outcome)}`);
  return outcome.firing;
}

const hba1c = (value: number) =>
  trigger('result.recorded', { code: '4548-4', display: 'HbA1c', value, unit: '%' });
const weight = (value: number) =>
  trigger('result.recorded', { code: '29463-7', display: 'Poids', value, unit: 'kg' });

interface Case {
  readonly name: string;
  readonly rule: string;
  readonly trigger: TriggerEvent;
  readonly facts: PatientFacts;
  /** Evaluate as a deferred check that fell due at this time. */
  readonly dueAt?: Date;
  readonly expected:
    | 'quiet'
    | { readonly defer: Date }
    | { readonly actions: readonly string[]; readonly fr: string; readonly en: string };
}

const dischargedAt = daysAgo(4);
const discharge = trigger('stay.discharged', { stayId: 's1' }, dischargedAt);
const dueAfterDischarge = new Date(dischargedAt.getTime() + 3 * DAY);

const CASES: readonly Case[] = [
  {
    name: 'HbA1c above the default target on the two latest results',
    rule: 'hba1c-above-target-twice',
    trigger: hba1c(8.1),
    facts: facts({
      results: {
        '4548-4': [
          [8.4, 90],
          [8.1, 0],
        ],
      },
    }),
    expected: {
      actions: ['suggest-referral'],
      fr: 'HbA1c 8,4 % puis 8,1 % au-dessus de la cible par défaut de 7 %',
      en: 'HbA1c 8.4% then 8.1% above the default target of 7%',
    },
  },
  {
    name: "HbA1c compared to the patient's own target",
    rule: 'hba1c-above-target-twice',
    trigger: hba1c(6.9),
    facts: facts({
      results: {
        '4548-4': [
          [6.8, 100],
          [6.9, 0],
          [9.5, 400],
        ],
      },
      targets: { hba1c: 6.5 },
    }),
    expected: {
      actions: ['suggest-referral'],
      fr: 'HbA1c 6,8 % puis 6,9 % au-dessus de la cible de 6,5 %',
      en: 'HbA1c 6.8% then 6.9% above the target of 6.5%',
    },
  },
  {
    name: 'HbA1c: a looser personal target keeps the rule quiet',
    rule: 'hba1c-above-target-twice',
    trigger: hba1c(8.1),
    facts: facts({
      results: {
        '4548-4': [
          [8.4, 90],
          [8.1, 0],
        ],
      },
      targets: { hba1c: 8.5 },
    }),
    expected: 'quiet',
  },
  {
    name: 'HbA1c: one result is not two in a row',
    rule: 'hba1c-above-target-twice',
    trigger: hba1c(8.1),
    facts: facts({ results: { '4548-4': [[8.1, 0]] } }),
    expected: 'quiet',
  },
  {
    name: 'HbA1c: back under target on the latest result',
    rule: 'hba1c-above-target-twice',
    trigger: hba1c(6.9),
    facts: facts({
      results: {
        '4548-4': [
          [8.4, 90],
          [6.9, 0],
        ],
      },
    }),
    expected: 'quiet',
  },
  {
    name: 'HbA1c rule ignores other results',
    rule: 'hba1c-above-target-twice',
    trigger: weight(80),
    facts: facts({
      results: {
        '4548-4': [
          [8.4, 90],
          [8.1, 0],
        ],
      },
    }),
    expected: 'quiet',
  },
  {
    name: 'weight +2.4 kg within 3 days in heart failure',
    rule: 'heart-failure-weight-gain',
    trigger: weight(73.4),
    facts: facts({
      results: {
        '29463-7': [
          [72, 1],
          [71, 2],
          [73.4, 0],
          [70, 5],
        ],
      },
      conditions: ['I50.9'],
    }),
    expected: {
      actions: ['create-task', 'notify'],
      fr: 'insuffisance cardiaque (I50.9) ; Poids +2,4 kg en 3 jours (71 kg → 73,4 kg)',
      en: 'heart failure (I50.9); Poids +2.4 kg within 3 days (71 kg → 73.4 kg)',
    },
  },
  {
    name: 'weight gain of exactly 2 kg is not more than 2 kg',
    rule: 'heart-failure-weight-gain',
    trigger: weight(73.1),
    facts: facts({
      results: {
        '29463-7': [
          [71.1, 2],
          [73.1, 0],
        ],
      },
      conditions: ['I50.9'],
    }),
    expected: 'quiet',
  },
  {
    name: 'weight gain spread over more than the 3-day window',
    rule: 'heart-failure-weight-gain',
    trigger: weight(73.4),
    facts: facts({
      results: {
        '29463-7': [
          [71, 4],
          [73.4, 0],
        ],
      },
      conditions: ['I50'],
    }),
    expected: 'quiet',
  },
  {
    name: 'weight gain without heart failure',
    rule: 'heart-failure-weight-gain',
    trigger: weight(73.4),
    facts: facts({
      results: {
        '29463-7': [
          [71, 2],
          [73.4, 0],
        ],
      },
      conditions: ['E11.9'],
    }),
    expected: 'quiet',
  },
  {
    name: 'a missed appointment always asks for rescheduling',
    rule: 'missed-appointment-reschedule',
    trigger: trigger('appointment.missed', { appointmentId: 'a1' }),
    facts: facts({}),
    expected: {
      actions: ['create-task'],
      fr: 'rendez-vous manqué du 20/11/2026',
      en: 'missed appointment of 20/11/2026',
    },
  },
  {
    name: 'two missed appointments within 90 days',
    rule: 'repeated-missed-appointments',
    trigger: trigger('appointment.missed'),
    facts: facts({
      events: [
        ['appointment.missed', 40],
        ['appointment.missed', 0],
      ],
    }),
    expected: {
      actions: ['raise-alert', 'notify'],
      fr: '2 rendez-vous manqués en 90 jours (au moins 2)',
      en: '2 missed appointments within 90 days (at least 2)',
    },
  },
  {
    name: 'the earlier missed appointment is outside the 90-day window',
    rule: 'repeated-missed-appointments',
    trigger: trigger('appointment.missed'),
    facts: facts({
      events: [
        ['appointment.missed', 120],
        ['appointment.missed', 0],
      ],
    }),
    expected: 'quiet',
  },
  {
    name: 'a discharge is decided only when the 3-day delay is over',
    rule: 'discharge-without-follow-up',
    trigger: discharge,
    facts: facts({}),
    expected: { defer: dueAfterDischarge },
  },
  {
    name: 'no appointment booked within 3 days after discharge',
    rule: 'discharge-without-follow-up',
    trigger: discharge,
    dueAt: dueAfterDischarge,
    facts: facts({ events: [['appointment.booked', 10]] }),
    expected: {
      actions: ['create-task'],
      fr: "aucun rendez-vous pris dans les 3 jours suivant : sortie d'hospitalisation du 16/11/2026",
      en: 'no appointment booked within 3 days after the hospital discharge of 16/11/2026',
    },
  },
  {
    name: 'an appointment booked two days after discharge',
    rule: 'discharge-without-follow-up',
    trigger: discharge,
    dueAt: dueAfterDischarge,
    facts: facts({ events: [['appointment.booked', 2]] }),
    expected: 'quiet',
  },
  {
    name: 'an appointment booked too late still leaves the discharge without follow-up',
    rule: 'discharge-without-follow-up',
    trigger: discharge,
    dueAt: dueAfterDischarge,
    facts: facts({ events: [['appointment.booked', 0.5]] }),
    expected: {
      actions: ['create-task'],
      fr: "aucun rendez-vous pris dans les 3 jours suivant : sortie d'hospitalisation du 16/11/2026",
      en: 'no appointment booked within 3 days after the hospital discharge of 16/11/2026',
    },
  },
  {
    name: 'discharge of a heart-failure patient suggests the pathway',
    rule: 'heart-failure-discharge-pathway',
    trigger: trigger('stay.discharged'),
    facts: facts({ conditions: ['I50.1'] }),
    expected: {
      actions: ['enrol-in-pathway'],
      fr: 'insuffisance cardiaque (I50.1)',
      en: 'heart failure (I50.1)',
    },
  },
  {
    name: 'high potassium',
    rule: 'potassium-high',
    trigger: trigger('result.recorded', { code: '2823-3', value: 6.3 }),
    facts: facts({
      results: {
        '2823-3': [
          [6.3, 0],
          [4.1, 30],
        ],
      },
    }),
    expected: {
      actions: ['raise-alert', 'create-task', 'notify'],
      fr: 'Kaliémie 6,3 mmol/L au-dessus de 6 mmol/L',
      en: 'Kaliémie 6.3 mmol/L above 6 mmol/L',
    },
  },
];

describe('starter rules: event + facts → actions and explanation', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const outcome = evaluateRule(
        starter(c.rule),
        { trigger: c.trigger, asOf: c.dueAt ?? c.trigger.occurredAt, facts: c.facts },
        { phase: c.dueAt === undefined ? 'event' : 'due', decidedAt: NOW, pastFirings: [] },
      );
      if (c.expected === 'quiet') {
        assert.deepEqual(outcome, { kind: 'quiet', reason: 'condition' });
      } else if ('defer' in c.expected) {
        assert.deepEqual(outcome, { kind: 'defer', dueAt: c.expected.defer });
      } else {
        const firing = firingOf(outcome);
        assert.deepEqual(
          firing.actions.map((a) => a.kind),
          c.expected.actions,
        );
        assert.deepEqual(firing.explanation, { fr: c.expected.fr, en: c.expected.en });
      }
    });
  }
});

test('actions are keyed by rule set, rule, event and position; task due dates count from the decision', () => {
  const event = trigger('result.recorded', { code: '29463-7', value: 73.4 });
  const outcome = evaluateRule(
    starter('heart-failure-weight-gain'),
    {
      trigger: event,
      asOf: NOW,
      facts: facts({
        results: {
          '29463-7': [
            [71, 2],
            [73.4, 0],
          ],
        },
        conditions: ['I50'],
      }),
    },
    { phase: 'event', decidedAt: NOW, pastFirings: [] },
  );
  const firing = firingOf(outcome);
  const [task, notify] = firing.actions;
  assert.deepEqual(task, {
    key: `starter/heart-failure-weight-gain/${event.id}/0`,
    kind: 'create-task',
    role: 'nurse',
    priority: 'urgent',
    title: {
      fr: 'Appeler le patient — prise de poids rapide (insuffisance cardiaque)',
      en: 'Call the patient — rapid weight gain (heart failure)',
    },
    dueAt: new Date(NOW.getTime() + 4 * 3_600_000),
  });
  assert.deepEqual(notify, {
    key: `starter/heart-failure-weight-gain/${event.id}/1`,
    kind: 'notify',
    role: 'nurse',
    urgent: true,
  });
});

describe('cooldowns', () => {
  const rule = starter('hba1c-above-target-twice');
  const twoHigh = facts({
    results: {
      '4548-4': [
        [8.4, 90],
        [8.1, 0],
      ],
    },
  });
  const past = (days: number, patientId = PATIENT): PastFiring => ({
    ruleKey: 'starter/hba1c-above-target-twice',
    patientId,
    eventId: 'earlier',
    triggerAt: daysAgo(days),
  });
  const run = (pastFirings: PastFiring[]) =>
    evaluateRule(
      rule,
      { trigger: hba1c(8.1), asOf: NOW, facts: twoHigh },
      { phase: 'event', decidedAt: NOW, pastFirings },
    );

  test('a firing 30 days ago keeps the rule quiet for 90 days', () => {
    assert.deepEqual(run([past(30)]), { kind: 'quiet', reason: 'cooldown' });
  });
  test('a firing 100 days ago, or for another patient, does not', () => {
    assert.equal(run([past(100)]).kind, 'fire');
    assert.equal(run([past(30, 'someone-else')]).kind, 'fire');
  });
  test('two events of one patient in one batch fire the rule once', () => {
    const first = hba1c(8.4);
    const second = hba1c(8.1);
    const evaluations = evaluationsOf([first, second], [rule]);
    const decisions = decideAll(
      evaluations,
      new Map([
        [first.id, twoHigh],
        [second.id, twoHigh],
      ]),
      [],
      NOW,
    );
    assert.deepEqual(
      decisions.map((d) => d.outcome.kind),
      ['fire', 'quiet'],
    );
  });
});

describe('combinators', () => {
  const ruleOf = (when: string): ActiveRule => {
    const text = `id: t\nlabel: { fr: T, en: T }\nrules:\n  - id: r\n    version: 1\n    label: { fr: R, en: R }\n    on: [result.recorded]\n    when:\n${when}\n    then:\n      - raise-alert: { text: { fr: a, en: b } }\n`;
    const set = parseRuleSet(text, 'inline');
    if (!set.ok) throw new Error(JSON.stringify(set.problems));
    return { ruleSetId: 't', ruleSetVersion: 1, rule: set.ruleSet.rules[0]! };
  };
  const decide = (rule: ActiveRule, given: PatientFacts) =>
    evaluateRule(
      rule,
      { trigger: hba1c(8), asOf: NOW, facts: given },
      { phase: 'event', decidedAt: NOW, pastFirings: [] },
    );

  test('not: fires when the patient has no heart failure, saying so', () => {
    const rule = ruleOf('      not: { has-condition: { codes: [I50] } }');
    const fired = decide(rule, facts({ conditions: ['E11.9'] }));
    const firing = firingOf(fired);
    assert.equal(firing.explanation.fr, 'pas de problème connu : I50*');
    assert.equal(decide(rule, facts({ conditions: ['I50.9'] })).kind, 'quiet');
  });

  test('any: the first part that holds explains the firing', () => {
    const rule = ruleOf(
      "      any:\n        - has-condition: { codes: [N18] }\n        - count-results: { code: '4548-4', within: 365d, at-least: 3 }",
    );
    const fired = decide(
      rule,
      facts({
        results: {
          '4548-4': [
            [8, 0],
            [7.5, 100],
            [7.2, 200],
            [7, 400],
          ],
        },
      }),
    );
    assert.deepEqual(firingOf(fired).explanation, {
      fr: 'HbA1c : 3 résultat(s) en 365 jours (au moins 3)',
      en: 'HbA1c: 3 result(s) within 365 days (at least 3)',
    });
    assert.equal(
      decide(
        rule,
        facts({
          results: {
            '4548-4': [
              [8, 0],
              [7, 400],
            ],
          },
        }),
      ).kind,
      'quiet',
    );
  });

  test('event fields compare with numbers and select with is/in, without adding words', () => {
    const rule = ruleOf(
      "      all:\n        - event: { field: code, in: ['4548-4', '17856-6'] }\n        - event: { field: value, at-least: 8 }",
    );
    const fired = decide(rule, facts({}));
    const firing = firingOf(fired);
    assert.deepEqual(firing.explanation, { fr: 'value 8 au moins 8', en: 'value 8 at least 8' });
  });

  test('a falling trend', () => {
    const rule = ruleOf("      trend: { code: '29463-7', within: 1w, falls-by-more-than: 3 }");
    const fired = decide(
      rule,
      facts({
        results: {
          '29463-7': [
            [80, 6],
            [78, 3],
            [76.5, 0],
          ],
        },
      }),
    );
    const firing = firingOf(fired);
    assert.equal(firing.explanation.fr, 'Poids −3,5 kg en 1 semaine (80 kg → 76,5 kg)');
  });
});
