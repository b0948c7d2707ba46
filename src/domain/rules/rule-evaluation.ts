import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { evaluateCondition, type EvaluationContext } from './condition-evaluation.ts';
import { calendarDate, eventName, inWords } from './explanation-format.ts';
import type { LocalizedText } from './localized-text.ts';
import type { TriggerEvent } from './patient-facts.ts';
import type { ReferralSpecialty } from './referral-specialties.ts';
import type { TaskPriority } from '../tasks/task.ts';
import { absenceDelay, durationMs, type Rule } from './rule-set.ts';

/** A rule as the engine runs it: the rule and the version of the set it belongs to. */
export interface ActiveRule {
  readonly ruleSetId: string;
  readonly ruleSetVersion: number;
  readonly rule: Rule;
}

/** `starter/hba1c-above-target-twice`: a rule's name across sets. */
export function ruleKeyOf(ruleSetId: string, ruleId: string): string {
  return `${ruleSetId}/${ruleId}`;
}

/** An action a firing takes, with the key that makes taking it twice impossible. */
export type PlannedAction = { readonly key: string } & (
  | {
      readonly kind: 'create-task';
      readonly role: CareTeamRole;
      readonly title: LocalizedText;
      readonly priority: TaskPriority;
      readonly dueAt: Date;
    }
  | { readonly kind: 'raise-alert'; readonly text: LocalizedText }
  | {
      readonly kind: 'suggest-referral';
      readonly specialty: ReferralSpecialty;
      readonly reason: LocalizedText;
    }
  | { readonly kind: 'enrol-in-pathway'; readonly templateId: string }
  | { readonly kind: 'notify'; readonly role: CareTeamRole; readonly urgent: boolean }
);

/** A rule that fired on an event: which, why in words, and what it does. */
export interface PlannedFiring {
  readonly ruleSetId: string;
  readonly ruleSetVersion: number;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly ruleLabel: LocalizedText;
  readonly trigger: TriggerEvent;
  readonly explanation: LocalizedText;
  readonly actions: readonly PlannedAction[];
  readonly decidedAt: Date;
}

/** An earlier firing, for cooldowns. */
export interface PastFiring {
  readonly ruleKey: string;
  readonly patientId: string;
  readonly eventId: string;
  readonly triggerAt: Date;
}

export type RuleOutcome =
  | { readonly kind: 'fire'; readonly firing: PlannedFiring }
  /** The rule waits for an absence: check again at `dueAt`. */
  | { readonly kind: 'defer'; readonly dueAt: Date }
  | { readonly kind: 'quiet'; readonly reason: 'condition' | 'cooldown' };

/**
 * Decides what one rule does on one event. In the `event` phase a rule that waits for an absence is
 * deferred; in the `due` phase (its check fell due, `context.asOf` = due time) it is decided.
 */
export function evaluateRule(
  active: ActiveRule,
  context: EvaluationContext,
  options: { phase: 'event' | 'due'; decidedAt: Date; pastFirings: readonly PastFiring[] },
): RuleOutcome {
  const { rule } = active;
  const trigger = context.trigger;
  const delay = absenceDelay(rule.when);
  if (options.phase === 'event' && delay !== null) {
    return { kind: 'defer', dueAt: new Date(trigger.occurredAt.getTime() + durationMs(delay)) };
  }
  if (rule.cooldown !== null && inCooldown(active, trigger, durationMs(rule.cooldown), options.pastFirings)) {
    return { kind: 'quiet', reason: 'cooldown' };
  }
  const verdict = evaluateCondition(rule.when, context);
  if (!verdict.holds) return { kind: 'quiet', reason: 'condition' };
  const explanation =
    verdict.because.length > 0
      ? { fr: verdict.because.map((t) => t.fr).join(' ; '), en: verdict.because.map((t) => t.en).join('; ') }
      : inWords(
          (l) =>
            `${eventName(trigger.type, l)} ${l === 'fr' ? 'du' : 'of'} ${calendarDate(trigger.occurredAt, l)}`,
        );
  return {
    kind: 'fire',
    firing: {
      ruleSetId: active.ruleSetId,
      ruleSetVersion: active.ruleSetVersion,
      ruleId: rule.id,
      ruleVersion: rule.version,
      ruleLabel: rule.label,
      trigger,
      explanation,
      actions: rule.then.map((action, index): PlannedAction => {
        const key = `${ruleKeyOf(active.ruleSetId, rule.id)}/${trigger.id}/${index}`;
        if (action.kind !== 'create-task') return { key, ...action };
        const { dueIn, ...task } = action;
        return { key, ...task, dueAt: new Date(options.decidedAt.getTime() + durationMs(dueIn)) };
      }),
      decidedAt: options.decidedAt,
    },
  };
}

function inCooldown(
  active: ActiveRule,
  trigger: TriggerEvent,
  cooldownMs: number,
  pastFirings: readonly PastFiring[],
): boolean {
  const key = ruleKeyOf(active.ruleSetId, active.rule.id);
  const at = trigger.occurredAt.getTime();
  return pastFirings.some(
    (f) =>
      f.ruleKey === key &&
      f.patientId === trigger.patientId &&
      f.eventId !== trigger.id &&
      f.triggerAt.getTime() <= at &&
      f.triggerAt.getTime() > at - cooldownMs,
  );
}
