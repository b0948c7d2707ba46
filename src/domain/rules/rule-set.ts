import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { EventType } from '../journal/domain-event.ts';
import type { TaskPriority } from '../tasks/task.ts';
import type { LocalizedText } from './localized-text.ts';
import type { ReferralSpecialty } from './referral-specialties.ts';

/** A length of time as written in a rule (`3d`, `12h`, `2w`). */
export interface Duration {
  readonly amount: number;
  readonly unit: 'h' | 'd' | 'w';
}

const UNIT_MS: Readonly<Record<Duration['unit'], number>> = {
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

export function durationMs(duration: Duration): number {
  return duration.amount * UNIT_MS[duration.unit];
}

/** A number to compare with: fixed in the rule, or the patient's own target (with the rule's default). */
export type Threshold =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'target'; readonly name: string; readonly default: number };

export const NUMERIC_OPERATORS = ['above', 'at-least', 'below', 'at-most'] as const;
export type NumericOperator = (typeof NUMERIC_OPERATORS)[number];

export interface NumericTest {
  readonly op: NumericOperator;
  readonly threshold: Threshold;
}

/** A test on one field of the event's payload: equality selects, numbers compare. */
export type FieldTest =
  | NumericTest
  | { readonly op: 'is' | 'is-not'; readonly value: string | number | boolean }
  | { readonly op: 'in'; readonly values: readonly (string | number)[] };

/**
 * The condition language: a closed, typed tree, evaluated by condition-evaluation.ts. No expression
 * is ever parsed into code; each node reads one kind of fact.
 */
export type Condition =
  | { readonly kind: 'all'; readonly of: readonly Condition[] }
  | { readonly kind: 'any'; readonly of: readonly Condition[] }
  | { readonly kind: 'not'; readonly condition: Condition }
  /** A field of the triggering event's payload. */
  | { readonly kind: 'event'; readonly field: string; readonly test: FieldTest }
  /** The latest `count` numeric results of a LOINC code all pass the test (and there are that many). */
  | {
      readonly kind: 'latest-results';
      readonly code: string;
      readonly count: number;
      readonly test: NumericTest;
    }
  /** The latest result differs from the lowest (rise) or highest (fall) within the window before it. */
  | {
      readonly kind: 'trend';
      readonly code: string;
      readonly within: Duration;
      readonly direction: 'rise' | 'fall';
      readonly byMoreThan: number;
    }
  /** How many events of a type the patient had in the window up to the evaluation. */
  | {
      readonly kind: 'count-events';
      readonly type: EventType;
      readonly within: Duration;
      readonly test: NumericTest;
    }
  /** How many results of a code were taken in the window up to the evaluation. */
  | {
      readonly kind: 'count-results';
      readonly code: string;
      readonly within: Duration;
      readonly test: NumericTest;
    }
  /** An active condition whose code starts with one of `codes` (ICD-10 prefixes such as I50). */
  | {
      readonly kind: 'has-condition';
      readonly codes: readonly string[];
      readonly label: LocalizedText | null;
    }
  /** No event of a type within the delay after the trigger: checked once the delay is over. */
  | { readonly kind: 'absent'; readonly type: EventType; readonly within: Duration };

/** What a rule does when it fires. */
export type Action =
  | {
      readonly kind: 'create-task';
      readonly role: CareTeamRole;
      readonly title: LocalizedText;
      readonly priority: TaskPriority;
      readonly dueIn: Duration;
    }
  | { readonly kind: 'raise-alert'; readonly text: LocalizedText }
  | {
      readonly kind: 'suggest-referral';
      readonly specialty: ReferralSpecialty;
      readonly reason: LocalizedText;
    }
  /** Shown as a suggestion on the patient, and carried out by the pathways consumer (rule.fired `enrolIn`). */
  | { readonly kind: 'enrol-in-pathway'; readonly templateId: string }
  | { readonly kind: 'notify'; readonly role: CareTeamRole; readonly urgent: boolean };

/** One coordination rule: when an event of `on` happens and `when` holds, do `then`. */
export interface Rule {
  readonly id: string;
  readonly version: number;
  readonly label: LocalizedText;
  readonly on: readonly EventType[];
  readonly when: Condition;
  readonly then: readonly Action[];
  /** After firing for a patient, stay quiet for that patient this long (no repeated suggestions). */
  readonly cooldown: Duration | null;
  /** Where the clinical threshold comes from, for the reader. */
  readonly source: string | null;
}

/** A named set of rules, shipped as a YAML file in data/rules and editable by an administrator. */
export interface RuleSet {
  readonly id: string;
  readonly label: LocalizedText;
  readonly rules: readonly Rule[];
}

/** The latest `within` of the `absent` nodes: when a rule with absences can be decided. */
export function absenceDelay(condition: Condition): Duration | null {
  const delays = absences(condition).map((node) => node.within);
  return delays.reduce<Duration | null>(
    (longest, delay) => (longest === null || durationMs(delay) > durationMs(longest) ? delay : longest),
    null,
  );
}

function absences(condition: Condition): Extract<Condition, { kind: 'absent' }>[] {
  if (condition.kind === 'all' || condition.kind === 'any') return condition.of.flatMap(absences);
  if (condition.kind === 'not') return absences(condition.condition);
  return condition.kind === 'absent' ? [condition] : [];
}
