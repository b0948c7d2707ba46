/**
 * A40 (merge patient): the hospital found that two of its identifiers name one person; the one in
 * MRG-1 is retired and the one in PID-3 survives. Relais follows when at most one Relais patient is
 * concerned. When the two identifiers lead to two different Relais patients, the hospital's merge says
 * two coordination records are one person's — merging them is a human's decision, not automatic.
 */
export type MergeDecision =
  | { readonly kind: 'relink'; readonly patientId: string }
  | { readonly kind: 'conflict'; readonly candidates: readonly string[] }
  | { readonly kind: 'unknown' };

export function decideMerge(linked: {
  /** Patients the surviving identifiers (PID-3 local ids or INS) lead to. */
  readonly surviving: readonly string[];
  /** Patients the retired identifiers (MRG-1) lead to. */
  readonly retired: readonly string[];
}): MergeDecision {
  const all = [...new Set([...linked.surviving, ...linked.retired])];
  const [only] = all;
  if (only === undefined) return { kind: 'unknown' };
  if (all.length === 1) return { kind: 'relink', patientId: only };
  return { kind: 'conflict', candidates: all };
}
