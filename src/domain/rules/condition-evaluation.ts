import type { Language, LocalizedText } from './localized-text.ts';
import {
  calendarDate,
  compare,
  durationWords,
  eventName,
  eventWords,
  inWords,
  operatorWords,
  quantity,
} from './explanation-format.ts';
import { NO_FACTS, type PatientFacts, type ResultFact, type TriggerEvent } from './patient-facts.ts';
import { durationMs, type Condition, type FieldTest, type NumericTest } from './rule-set.ts';

/** Everything a condition may look at: the event, the moment of evaluation and the patient's facts. */
export interface EvaluationContext {
  readonly trigger: TriggerEvent;
  /** When the rule is evaluated: the event's time, or the due time of a deferred check. */
  readonly asOf: Date;
  readonly facts: PatientFacts;
}

/** Whether a condition holds, and the facts that decided it, in words (empty for mere selectors). */
export interface Verdict {
  readonly holds: boolean;
  readonly because: readonly LocalizedText[];
}

/** Evaluates a condition. Pure: the facts were loaded beforehand, as of `context.asOf`. */
export function evaluateCondition(condition: Condition, context: EvaluationContext): Verdict {
  switch (condition.kind) {
    case 'all': {
      const verdicts: Verdict[] = [];
      for (const child of condition.of) {
        const verdict = evaluateCondition(child, context);
        if (!verdict.holds) return verdict; // the first failing part is why the whole fails
        verdicts.push(verdict);
      }
      return { holds: true, because: verdicts.flatMap((v) => v.because) };
    }
    case 'any': {
      const verdicts: Verdict[] = [];
      for (const child of condition.of) {
        const verdict = evaluateCondition(child, context);
        if (verdict.holds) return verdict;
        verdicts.push(verdict);
      }
      return { holds: false, because: verdicts.flatMap((v) => v.because) };
    }
    case 'not': {
      const verdict = evaluateCondition(condition.condition, context);
      return { holds: !verdict.holds, because: verdict.because };
    }
    case 'event':
      return eventField(condition.field, condition.test, context);
    case 'latest-results':
      return latestResults(condition.code, condition.count, condition.test, context);
    case 'trend':
      return trend(condition, context);
    case 'count-events': {
      const since = context.asOf.getTime() - durationMs(condition.within);
      const count = context.facts.events.filter(
        (e) => e.type === condition.type && e.occurredAt.getTime() >= since && e.occurredAt <= context.asOf,
      ).length;
      const threshold = thresholdOf(condition.test, context, null);
      return {
        holds: compare(count, condition.test.op, threshold.value),
        because: [
          inWords(
            (l) =>
              `${eventWords(condition.type, count, l)} ${l === 'fr' ? 'en' : 'within'} ${durationWords(condition.within, l)}` +
              ` (${operatorWords(condition.test.op, l)} ${threshold.words(l)})`,
          ),
        ],
      };
    }
    case 'count-results': {
      const since = context.asOf.getTime() - durationMs(condition.within);
      const results = (context.facts.results.get(condition.code) ?? []).filter(
        (r) => r.effectiveAt.getTime() >= since && r.effectiveAt <= context.asOf,
      );
      const threshold = thresholdOf(condition.test, context, null);
      const name = results[0]?.display ?? `LOINC ${condition.code}`;
      return {
        holds: compare(results.length, condition.test.op, threshold.value),
        because: [
          inWords(
            (l) =>
              (l === 'fr'
                ? `${name} : ${results.length} résultat(s) en ${durationWords(condition.within, l)}`
                : `${name}: ${results.length} result(s) within ${durationWords(condition.within, l)}`) +
              ` (${operatorWords(condition.test.op, l)} ${threshold.words(l)})`,
          ),
        ],
      };
    }
    case 'has-condition': {
      const prefixes = condition.codes.map(normalizeCode);
      const found = context.facts.conditions.find((c) =>
        prefixes.some((prefix) => normalizeCode(c.code).startsWith(prefix)),
      );
      const named = (l: Language) => condition.label?.[l] ?? condition.codes.map((c) => `${c}*`).join(', ');
      if (found === undefined) {
        return {
          holds: false,
          because: [
            inWords((l) => (l === 'fr' ? `pas de problème connu : ${named(l)}` : `no known ${named(l)}`)),
          ],
        };
      }
      return {
        holds: true,
        because: [inWords((l) => `${condition.label?.[l] ?? found.display} (${found.code})`)],
      };
    }
    case 'absent': {
      const start = context.trigger.occurredAt.getTime();
      const end = start + durationMs(condition.within);
      const count = context.facts.events.filter(
        (e) => e.type === condition.type && e.occurredAt.getTime() > start && e.occurredAt.getTime() <= end,
      ).length;
      const after = (l: Language) =>
        `${eventName(context.trigger.type, l)} ${l === 'fr' ? 'du' : 'of'} ${calendarDate(context.trigger.occurredAt, l)}`;
      return {
        holds: count === 0,
        because: [
          inWords((l) =>
            l === 'fr'
              ? `${eventWords(condition.type, count, l)} dans les ${durationWords(condition.within, l)} suivant : ${after(l)}`
              : `${eventWords(condition.type, count, l)} within ${durationWords(condition.within, l)} after the ${after(l)}`,
          ),
        ],
      };
    }
  }
}

/**
 * Whether a condition may hold for this event, judging only by the event's own fields: false when a
 * required payload test already fails, so the rule is skipped before any fact is loaded.
 */
export function mayHold(condition: Condition, trigger: TriggerEvent): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.of.every((child) => mayHold(child, trigger));
    case 'any':
      return condition.of.some((child) => mayHold(child, trigger));
    case 'event':
      // A comparison with the patient's target needs facts: it cannot be judged yet.
      if ('threshold' in condition.test && condition.test.threshold.kind === 'target') return true;
      return eventField(condition.field, condition.test, {
        trigger,
        asOf: trigger.occurredAt,
        facts: NO_FACTS,
      }).holds;
    case 'not':
    case 'latest-results':
    case 'trend':
    case 'count-events':
    case 'count-results':
    case 'has-condition':
    case 'absent':
      return true;
  }
}

/** ICD-10 codes compare without their dot and case: I50.9 and i509 both start with I50. */
function normalizeCode(code: string): string {
  return code.replaceAll('.', '').toUpperCase();
}

/** The threshold's value and how to say it: `7 %`, or `la cible de 7 %` for the patient's target. */
function thresholdOf(test: NumericTest, context: EvaluationContext, unit: string | null) {
  const threshold = test.threshold;
  if (threshold.kind === 'value') {
    return { value: threshold.value, words: (l: Language) => quantity(threshold.value, unit, l) };
  }
  const own = context.facts.targets.get(threshold.name);
  const value = own?.value ?? threshold.default;
  return {
    value,
    words: (l: Language) => {
      const amount = quantity(value, own?.unit ?? unit, l);
      if (own !== undefined) return l === 'fr' ? `la cible de ${amount}` : `the target of ${amount}`;
      return l === 'fr' ? `la cible par défaut de ${amount}` : `the default target of ${amount}`;
    },
  };
}

function eventField(field: string, test: FieldTest, context: EvaluationContext): Verdict {
  const value = context.trigger.payload[field];
  switch (test.op) {
    case 'is':
      return { holds: value === test.value, because: [] };
    case 'is-not':
      return { holds: value !== test.value, because: [] };
    case 'in':
      return {
        holds: (typeof value === 'string' || typeof value === 'number') && test.values.includes(value),
        because: [],
      };
    case 'above':
    case 'at-least':
    case 'below':
    case 'at-most': {
      const threshold = thresholdOf(test, context, null);
      if (typeof value !== 'number') {
        return {
          holds: false,
          because: [inWords((l) => (l === 'fr' ? `${field} : pas un nombre` : `${field}: not a number`))],
        };
      }
      return {
        holds: compare(value, test.op, threshold.value),
        because: [
          inWords(
            (l) => `${field} ${quantity(value, null, l)} ${operatorWords(test.op, l)} ${threshold.words(l)}`,
          ),
        ],
      };
    }
  }
}

function latestResults(code: string, count: number, test: NumericTest, context: EvaluationContext): Verdict {
  const latest = (context.facts.results.get(code) ?? []).slice(0, count);
  const first = latest[0];
  if (first === undefined || latest.length < count) {
    return {
      holds: false,
      because: [
        inWords((l) =>
          l === 'fr'
            ? `${first?.display ?? `LOINC ${code}`} : ${latest.length} résultat(s) sur ${count} attendu(s)`
            : `${first?.display ?? `LOINC ${code}`}: ${latest.length} result(s) of ${count} needed`,
        ),
      ],
    };
  }
  const threshold = thresholdOf(test, context, first.unit);
  const holds = latest.every((result) => compare(result.value, test.op, threshold.value));
  const chronological = [...latest].reverse();
  return {
    holds,
    because: [
      inWords((l) => {
        const values = valuesInWords(chronological, l);
        const relation = `${operatorWords(test.op, l)} ${threshold.words(l)}`;
        if (holds) return `${first.display} ${values} ${relation}`;
        return l === 'fr'
          ? `${first.display} ${values}, pas toujours ${relation}`
          : `${first.display} ${values}, not all ${relation}`;
      }),
    ],
  };
}

function valuesInWords(results: readonly ResultFact[], language: Language): string {
  return results
    .map((r) => quantity(r.value, r.unit, language))
    .join(language === 'fr' ? ' puis ' : ' then ');
}

function trend(condition: Extract<Condition, { kind: 'trend' }>, context: EvaluationContext): Verdict {
  const results = context.facts.results.get(condition.code) ?? [];
  const latest = results[0];
  const since = latest === undefined ? 0 : latest.effectiveAt.getTime() - durationMs(condition.within);
  const window = results.filter((r) => r.effectiveAt.getTime() >= since);
  if (latest === undefined || window.length < 2) {
    const name = latest?.display ?? `LOINC ${condition.code}`;
    return {
      holds: false,
      because: [
        inWords((l) =>
          l === 'fr'
            ? `${name} : moins de 2 mesures en ${durationWords(condition.within, l)}`
            : `${name}: fewer than 2 measurements within ${durationWords(condition.within, l)}`,
        ),
      ],
    };
  }
  const rise = condition.direction === 'rise';
  const reference = window.reduce((best, r) =>
    (rise ? r.value < best.value : r.value > best.value) ? r : best,
  );
  // Rounded so that 73.1 − 71.1 counts as 2, not 1.9999999999999.
  const change =
    Math.round((rise ? latest.value - reference.value : reference.value - latest.value) * 1e6) / 1e6;
  const sign = rise ? '+' : '−';
  return {
    holds: change > condition.byMoreThan,
    because: [
      inWords(
        (l) =>
          `${latest.display} ${sign}${quantity(change, latest.unit, l)} ${l === 'fr' ? 'en' : 'within'} ${durationWords(condition.within, l)}` +
          ` (${quantity(reference.value, reference.unit, l)} → ${quantity(latest.value, latest.unit, l)})`,
      ),
    ],
  };
}
