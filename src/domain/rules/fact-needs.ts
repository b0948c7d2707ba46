import type { EventType } from '../journal/domain-event.ts';
import type { TriggerEvent } from './patient-facts.ts';
import { durationMs, type Condition, type Rule, type Threshold } from './rule-set.ts';

/** The results of one code a request needs: the latest `latest`, and every one within the spans. */
export interface ResultNeed {
  readonly code: string;
  readonly latest: number;
  /** Results taken within this long before the latest one (trends). */
  readonly spanBeforeLatestMs: number;
  /** Results taken within this long before `asOf` (counts). */
  readonly spanBeforeAsOfMs: number;
}

/**
 * The facts to load for one evaluation (one trigger, as of one moment), derived from the rules that
 * will run: the store loads them for a whole batch at once.
 */
export interface FactRequest {
  readonly key: string;
  readonly patientId: string;
  readonly asOf: Date;
  readonly results: readonly ResultNeed[];
  readonly conditions: boolean;
  readonly targets: readonly string[];
  /** Events of these types between `from` and `to` (counts look back, absences forward). */
  readonly events: { readonly types: readonly EventType[]; readonly from: Date; readonly to: Date } | null;
}

/** What `rules` need to be evaluated on `trigger` as of `asOf`. */
export function factRequestFor(
  key: string,
  trigger: TriggerEvent,
  asOf: Date,
  rules: readonly Rule[],
): FactRequest {
  const results = new Map<string, { latest: number; spanBeforeLatestMs: number; spanBeforeAsOfMs: number }>();
  const need = (code: string) => {
    let current = results.get(code);
    if (current === undefined) {
      current = { latest: 0, spanBeforeLatestMs: 0, spanBeforeAsOfMs: 0 };
      results.set(code, current);
    }
    return current;
  };
  const targets = new Set<string>();
  const eventTypes = new Set<EventType>();
  let from = asOf.getTime();
  let to = asOf.getTime();
  let conditions = false;
  const threshold = (t: Threshold) => {
    if (t.kind === 'target') targets.add(t.name);
  };

  const visit = (condition: Condition): void => {
    switch (condition.kind) {
      case 'all':
      case 'any':
        condition.of.forEach(visit);
        return;
      case 'not':
        visit(condition.condition);
        return;
      case 'event':
        if ('threshold' in condition.test) threshold(condition.test.threshold);
        return;
      case 'latest-results': {
        const n = need(condition.code);
        n.latest = Math.max(n.latest, condition.count);
        threshold(condition.test.threshold);
        return;
      }
      case 'trend': {
        const n = need(condition.code);
        n.latest = Math.max(n.latest, 1);
        n.spanBeforeLatestMs = Math.max(n.spanBeforeLatestMs, durationMs(condition.within));
        return;
      }
      case 'count-results': {
        const n = need(condition.code);
        n.spanBeforeAsOfMs = Math.max(n.spanBeforeAsOfMs, durationMs(condition.within));
        threshold(condition.test.threshold);
        return;
      }
      case 'count-events':
        eventTypes.add(condition.type);
        from = Math.min(from, asOf.getTime() - durationMs(condition.within));
        threshold(condition.test.threshold);
        return;
      case 'absent':
        eventTypes.add(condition.type);
        from = Math.min(from, trigger.occurredAt.getTime());
        to = Math.max(to, trigger.occurredAt.getTime() + durationMs(condition.within));
        return;
      case 'has-condition':
        conditions = true;
        return;
    }
  };
  for (const rule of rules) visit(rule.when);

  return {
    key,
    patientId: trigger.patientId,
    asOf,
    results: [...results].map(([code, n]) => ({ code, ...n })),
    conditions,
    targets: [...targets],
    events: eventTypes.size === 0 ? null : { types: [...eventTypes], from: new Date(from), to: new Date(to) },
  };
}
