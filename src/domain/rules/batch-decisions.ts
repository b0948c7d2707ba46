import type { PatientFacts, TriggerEvent } from './patient-facts.ts';
import { NO_FACTS } from './patient-facts.ts';
import { mayHold } from './condition-evaluation.ts';
import { factRequestFor, type FactRequest } from './fact-needs.ts';
import { absenceDelay } from './rule-set.ts';
import {
  evaluateRule,
  ruleKeyOf,
  type ActiveRule,
  type PastFiring,
  type RuleOutcome,
} from './rule-evaluation.ts';

/** The rules to run on one trigger, as of one moment. */
export interface Evaluation {
  readonly key: string;
  readonly trigger: TriggerEvent;
  readonly asOf: Date;
  readonly phase: 'event' | 'due';
  readonly rules: readonly ActiveRule[];
}

/** One rule's outcome on one trigger. */
export interface Decision {
  readonly evaluation: Evaluation;
  readonly active: ActiveRule;
  readonly outcome: RuleOutcome;
}

/**
 * For each event about a patient, the enabled rules that listen to its type and whose tests on the
 * event itself pass (each event is judged as of its own time).
 */
export function evaluationsOf(triggers: readonly TriggerEvent[], rules: readonly ActiveRule[]): Evaluation[] {
  const byType = new Map<string, ActiveRule[]>();
  for (const active of rules) {
    for (const type of active.rule.on) byType.set(type, [...(byType.get(type) ?? []), active]);
  }
  return triggers.flatMap((trigger) => {
    const listening = (byType.get(trigger.type) ?? []).filter((active) => mayHold(active.rule.when, trigger));
    return listening.length === 0
      ? []
      : [{ key: trigger.id, trigger, asOf: trigger.occurredAt, phase: 'event' as const, rules: listening }];
  });
}

/** The facts each evaluation needs; rules deferred in this phase need none yet. */
export function factRequestsOf(evaluations: readonly Evaluation[]): FactRequest[] {
  return evaluations.map((e) =>
    factRequestFor(
      e.key,
      e.trigger,
      e.asOf,
      e.rules.flatMap(({ rule }) => (e.phase === 'due' || absenceDelay(rule.when) === null ? [rule] : [])),
    ),
  );
}

/**
 * Decides every evaluation in order. Firings decided earlier in the batch count for the cooldowns of
 * later ones, so two events of one patient in one batch do not both fire a rule with a cooldown.
 */
export function decideAll(
  evaluations: readonly Evaluation[],
  facts: ReadonlyMap<string, PatientFacts>,
  pastFirings: readonly PastFiring[],
  decidedAt: Date,
): Decision[] {
  const firings = new Map<string, PastFiring[]>();
  const remember = (firing: PastFiring) => {
    const key = `${firing.ruleKey}|${firing.patientId}`;
    const known = firings.get(key);
    if (known === undefined) firings.set(key, [firing]);
    else known.push(firing);
  };
  pastFirings.forEach(remember);
  const decisions: Decision[] = [];
  for (const evaluation of evaluations) {
    const { trigger } = evaluation;
    const context = { trigger, asOf: evaluation.asOf, facts: facts.get(evaluation.key) ?? NO_FACTS };
    for (const active of evaluation.rules) {
      const ruleKey = ruleKeyOf(active.ruleSetId, active.rule.id);
      const outcome = evaluateRule(active, context, {
        phase: evaluation.phase,
        decidedAt,
        pastFirings: firings.get(`${ruleKey}|${trigger.patientId}`) ?? [],
      });
      if (outcome.kind === 'fire') {
        remember({
          ruleKey,
          patientId: trigger.patientId,
          eventId: trigger.id,
          triggerAt: trigger.occurredAt,
        });
      }
      decisions.push({ evaluation, active, outcome });
    }
  }
  return decisions;
}
