import type { DomainEvent } from '../journal/domain-event.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import {
  decideAll,
  evaluationsOf,
  factRequestsOf,
  type Decision,
  type Evaluation,
} from './batch-decisions.ts';
import { firingRecordOf, notifyIntentsOf, taskRequestsOf } from './firing-record.ts';
import { isTriggerEvent, type TriggerEvent } from './patient-facts.ts';
import type {
  DeferredCheck,
  Notifier,
  RuleFactsSource,
  RuleOutcomeStore,
  RuleSetSource,
  SettledCheck,
  TaskCreator,
} from './rule-ports.ts';
import { ruleKeyOf, type ActiveRule, type PastFiring, type PlannedFiring } from './rule-evaluation.ts';
import { parseRuleSet } from './rule-set-parser.ts';
import { durationMs } from './rule-set.ts';
import { formatProblem } from './yaml-reader.ts';

/** The dependencies of the rules engine: its ports, the clock and ids. */
export interface RulesEngineDeps {
  readonly ruleSets: RuleSetSource;
  readonly facts: RuleFactsSource;
  readonly outcomes: RuleOutcomeStore;
  readonly tasks: TaskCreator;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly newId: NewId;
  /** Told when a stored rule set no longer passes validation (it is then left out). */
  readonly onInvalidRuleSet: (ruleSetId: string, problems: readonly string[]) => void;
}

/**
 * The coordination rules at run time: decides what the enabled rules do on a batch of journal events
 * and on deferred checks that fell due, then carries the actions out. Every action is keyed by rule,
 * event and position, so handing the same batch over again after a crash takes no action twice.
 */
export function createRulesEngine(deps: RulesEngineDeps) {
  const { ruleSets, facts, outcomes, clock, newId } = deps;
  let cache: { revision: string; rules: ActiveRule[] } | undefined;

  /** The enabled rules of every set, re-read only when the configuration's revision moved. */
  async function activeRules(): Promise<ActiveRule[]> {
    const revision = await ruleSets.revision();
    if (cache?.revision === revision) return cache.rules;
    const rules: ActiveRule[] = [];
    for (const stored of await ruleSets.active()) {
      const parsed = parseRuleSet(stored.source, `${stored.id} v${stored.version}`);
      if (!parsed.ok) {
        deps.onInvalidRuleSet(stored.id, parsed.problems.map(formatProblem));
        continue;
      }
      for (const rule of parsed.ruleSet.rules) {
        if (!stored.disabledRules.includes(rule.id)) {
          rules.push({ ruleSetId: stored.id, ruleSetVersion: stored.version, rule });
        }
      }
    }
    cache = { revision, rules };
    return rules;
  }

  /** Decides the evaluations on facts loaded for all of them at once. */
  async function decide(
    evaluations: readonly Evaluation[],
    past: readonly PastFiring[] | 'stored',
    decidedAt: Date,
  ): Promise<Decision[]> {
    if (evaluations.length === 0) return [];
    const [loaded, firings] = await Promise.all([
      facts.load(factRequestsOf(evaluations)),
      past === 'stored' ? storedFirings(evaluations) : past,
    ]);
    return decideAll(evaluations, loaded, firings, decidedAt);
  }

  /** Earlier firings of the rules with a cooldown, for the patients in the batch. */
  async function storedFirings(evaluations: readonly Evaluation[]): Promise<PastFiring[]> {
    const patients = new Set<string>();
    const ruleKeys = new Set<string>();
    let since = Infinity;
    for (const evaluation of evaluations) {
      for (const { ruleSetId, rule } of evaluation.rules) {
        if (rule.cooldown === null) continue;
        patients.add(evaluation.trigger.patientId);
        ruleKeys.add(ruleKeyOf(ruleSetId, rule.id));
        since = Math.min(since, evaluation.trigger.occurredAt.getTime() - durationMs(rule.cooldown));
      }
    }
    if (ruleKeys.size === 0) return [];
    return facts.pastFirings([...patients], [...ruleKeys], new Date(since));
  }

  /** Takes the actions: notifications, then tasks and the stored firings side by side (all keyed). */
  async function carryOut(
    decisions: readonly Decision[],
    settled: readonly SettledCheck[],
    at: Date,
  ): Promise<void> {
    const firings: PlannedFiring[] = [];
    const scheduled: DeferredCheck[] = [];
    for (const { evaluation, active, outcome } of decisions) {
      if (outcome.kind === 'fire') firings.push(outcome.firing);
      if (outcome.kind === 'defer') {
        scheduled.push({ id: newId(), ...active, trigger: evaluation.trigger, dueAt: outcome.dueAt });
      }
    }
    const taskRequests = taskRequestsOf(firings);
    const intents = notifyIntentsOf(firings);
    const notified = intents.length > 0 ? await deps.notifier.notify(intents) : new Set<string>();
    if (firings.length === 0 && scheduled.length === 0 && settled.length === 0) return;
    // Tasks and firings are written side by side: both are keyed, so whichever a crash interrupts is
    // written again by the replay, and the cursor moves only once both are durable.
    const written = await Promise.allSettled([
      taskRequests.length > 0 ? deps.tasks.create(taskRequests) : undefined,
      outcomes.record({
        firings: firings.map((firing) => firingRecordOf(firing, notified, newId)),
        scheduled,
        settled,
        at,
      }),
    ]);
    // Both finish before the batch fails, so a retry never races a write of the attempt before.
    for (const outcome of written) if (outcome.status === 'rejected') throw outcome.reason;
  }

  return {
    activeRules,

    /** Runs the enabled rules on a batch of journal events (the rules consumer's handler). */
    async handleEvents(events: readonly DomainEvent[]): Promise<void> {
      const triggers = events.filter(isTriggerEvent);
      if (triggers.length === 0) return;
      const evaluations = evaluationsOf(triggers, await activeRules());
      if (evaluations.length === 0) return;
      const now = clock();
      await carryOut(await decide(evaluations, 'stored', now), [], now);
    },

    /**
     * Decides the deferred checks that fell due, with the rule as scheduled, unless it was since
     * switched off or removed. Returns how many checks were settled.
     */
    async runDueChecks(limit = 500): Promise<number> {
      const now = clock();
      const checks = await outcomes.dueChecks(now, limit);
      if (checks.length === 0) return 0;
      const enabled = new Set((await activeRules()).map((a) => ruleKeyOf(a.ruleSetId, a.rule.id)));
      const live = checks.filter((c) => enabled.has(ruleKeyOf(c.ruleSetId, c.rule.id)));
      const evaluations = live.map((check) => dueEvaluation(check));
      const decisions = await decide(evaluations, 'stored', now);
      const fired = new Set(decisions.filter((d) => d.outcome.kind === 'fire').map((d) => d.evaluation.key));
      const settled = checks.map((check): SettledCheck => ({
        patientId: check.trigger.patientId,
        checkId: check.id,
        status: !live.includes(check) ? 'cancelled' : fired.has(check.id) ? 'fired' : 'not-met',
      }));
      await carryOut(decisions, settled, now);
      return checks.length;
    },

    /**
     * What `rules` would have done on past events (no writes): firings, including those of absences
     * already due by `now`, and the checks that would still be waiting. Cooldowns count only the
     * firings of this simulation.
     */
    async simulate(rules: readonly ActiveRule[], events: readonly TriggerEvent[], now: Date) {
      const decisions = await decide(evaluationsOf(events, rules), [], now);
      const deferred = decisions.flatMap(({ evaluation, active, outcome }) =>
        outcome.kind === 'defer'
          ? [
              {
                id: `${evaluation.key}/${active.rule.id}`,
                ...active,
                trigger: evaluation.trigger,
                dueAt: outcome.dueAt,
              },
            ]
          : [],
      );
      const due = deferred.filter((check) => check.dueAt <= now);
      const fired = (list: readonly Decision[]) =>
        list.flatMap((d) => (d.outcome.kind === 'fire' ? [d.outcome.firing] : []));
      const earlier = fired(decisions).map((f) => ({
        ruleKey: ruleKeyOf(f.ruleSetId, f.ruleId),
        patientId: f.trigger.patientId,
        eventId: f.trigger.id,
        triggerAt: f.trigger.occurredAt,
      }));
      const dueDecisions = await decide(due.map(dueEvaluation), earlier, now);
      const firings = [...fired(decisions), ...fired(dueDecisions)];
      return {
        firings: firings.sort((a, b) => a.trigger.occurredAt.getTime() - b.trigger.occurredAt.getTime()),
        waiting: deferred.filter((check) => check.dueAt > now),
      };
    },
  };
}

export type RulesEngine = ReturnType<typeof createRulesEngine>;

function dueEvaluation(check: DeferredCheck): Evaluation {
  return {
    key: check.id,
    trigger: check.trigger,
    asOf: check.dueAt,
    phase: 'due',
    rules: [{ ruleSetId: check.ruleSetId, ruleSetVersion: check.ruleSetVersion, rule: check.rule }],
  };
}
