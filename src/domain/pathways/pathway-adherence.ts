/**
 * Adherence: the share of steps done on time among the steps whose outcome is known — done (on time
 * or late) or still missing past their window. Skipped steps are left out (a professional judged them
 * not to apply); steps still inside their window are not judged yet.
 */
export interface AdherenceCounts {
  readonly doneOnTime: number;
  readonly doneLate: number;
  /** Open occurrences past their window (ruptures). */
  readonly missing: number;
}

export interface Adherence extends AdherenceCounts {
  /** doneOnTime / (doneOnTime + doneLate + missing), null when nothing is judged yet. */
  readonly share: number | null;
}

export function adherenceOf(counts: AdherenceCounts): Adherence {
  const judged = counts.doneOnTime + counts.doneLate + counts.missing;
  return { ...counts, share: judged === 0 ? null : counts.doneOnTime / judged };
}

/** The counts of one patient's (or one enrolment's) occurrences at `now`. */
export function countAdherence(
  occurrences: readonly {
    readonly status: string;
    readonly completedAt: Date | null;
    readonly lateAt: Date;
  }[],
  now: Date,
): AdherenceCounts {
  let doneOnTime = 0;
  let doneLate = 0;
  let missing = 0;
  for (const o of occurrences) {
    if (o.status === 'done') {
      if (o.completedAt !== null && o.completedAt < o.lateAt) doneOnTime += 1;
      else doneLate += 1;
    } else if (['scheduled', 'due', 'rupture'].includes(o.status) && now >= o.lateAt) missing += 1;
  }
  return { doneOnTime, doneLate, missing };
}
