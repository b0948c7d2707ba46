/**
 * A small deterministic pseudo-random generator (mulberry32), so the same seed always builds the
 * same demo territory. Not for anything secret: ids, tokens and passwords use node:crypto.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list. Throws RangeError on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One item, chosen in proportion to its weight. Throws RangeError when no weight is positive. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** An index of `weights`, chosen in proportion to its weight (e.g. how many of something, 0, 1 or 2). */
  weightedIndex(weights: readonly number[]): number;
  /** `count` distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** Creates a generator from a 32-bit seed. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32 (Tommy Ettinger): full 2^32 period, good enough spread for test data.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  };
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    if (total <= 0) throw new RangeError('cannot pick from a list without a positive weight');
    let target = next() * total;
    for (const [item, weight] of items) {
      target -= Math.max(0, weight);
      if (target < 0) return item;
    }
    // Rounding can leave a sliver of `target`: the last positive item takes it.
    return pick(items.filter(([, weight]) => weight > 0).slice(-1))[0];
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    weightedIndex: (weights) => weighted(weights.map((weight, index) => [index, weight] as const)),
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      const chosen: T[] = [];
      while (chosen.length < count && pool.length > 0) {
        const [item] = pool.splice(Math.floor(next() * pool.length), 1);
        if (item !== undefined) chosen.push(item);
      }
      return chosen;
    },
  };
}

/** A seed for item `index` of a run, so each item is the same whatever was built before it. */
export function deriveSeed(seed: number, index: number): number {
  // splitmix32-style mixing, so neighbouring indexes give unrelated streams.
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
