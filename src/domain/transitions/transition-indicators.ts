import type { IndicatorFacts } from './transition-ports.ts';
import type { TransitionItem } from './transition.ts';

/** A share: how many of how many (null ratio when there are none). */
export interface Share {
  readonly count: number;
  readonly of: number;
}

/** The transition indicators of issue 7, for the analytics to come. */
export interface TransitionIndicators {
  readonly transitions: number;
  /** Hours from discharge to the letter received, over the letters received. */
  readonly letterDelayHours: {
    readonly median: number;
    readonly p90: number;
    readonly letters: number;
  } | null;
  /** Letters received by the end of the discharge day (CSP R1112-1-2), of the letters now due or received. */
  readonly lettersOnDischargeDay: Share;
  /** Pathway follow-up visits done on time, of those now due or done. */
  readonly followUpsOnTime: Share;
}

const HOUR_MS = 3_600_000;

/**
 * The percentile `p` (0–1) of sorted values, interpolated between the closest ranks (as PostgreSQL's
 * percentile_cont), so the median of an even count is the mean of the two middle values.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no values');
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (rank - below);
}

/** Whether an item's outcome is known at `now`: done, or past its deadline (not-needed ones don't count). */
const decided = (item: TransitionItem | null, now: Date): item is TransitionItem =>
  item !== null && item.status !== 'not-needed' && (item.status === 'done' || item.dueAt <= now);

const onTime = (item: TransitionItem) =>
  item.status === 'done' && item.completion !== null && item.completion.at < item.dueAt;

/** The indicators over the transitions of a period, as they stand at `now`. */
export function transitionIndicators(facts: readonly IndicatorFacts[], now: Date): TransitionIndicators {
  const delays = facts
    .flatMap(({ dischargedAt, letter }) =>
      letter?.status === 'done' && letter.completion !== null
        ? [Math.max(0, letter.completion.at.getTime() - dischargedAt.getTime()) / HOUR_MS]
        : [],
    )
    .sort((a, b) => a - b);
  const share = (items: readonly (TransitionItem | null)[]): Share => {
    const known = items.filter((item) => decided(item, now));
    return { count: known.filter(onTime).length, of: known.length };
  };
  return {
    transitions: facts.length,
    letterDelayHours:
      delays.length === 0
        ? null
        : { median: percentile(delays, 0.5), p90: percentile(delays, 0.9), letters: delays.length },
    lettersOnDischargeDay: share(facts.map((f) => f.letter)),
    followUpsOnTime: share(facts.map((f) => f.followUp)),
  };
}
