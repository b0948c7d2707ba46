import type { AdtTraits } from '../hl7/adt-event.ts';
import { nameKey } from '../identity/name-key.ts';

/**
 * Which Relais patient an ADT message is about (issue 7): by INS first, then by a local id of the
 * facility already linked, then by identity traits. Only a certain answer is acted on; anything in
 * between goes to a human (the matching queue), never guessed — an identity error puts one
 * patient's hospital stay in another's record (RNIV's identitovigilance principle).
 */

/** A Relais patient whose traits come close to the message's: what a human compares side by side. */
export interface MatchCandidate {
  readonly patientId: string;
  readonly insMatricule: string | null;
  readonly birthFamilyName: string;
  readonly firstGivenName: string;
  readonly usedFamilyName: string | null;
  readonly birthDate: string;
  readonly sex: 'male' | 'female' | 'unknown';
}

/** What the store found for the message's identifiers and traits. */
export interface MatchFacts {
  /** Patients whose INS is one of the message's valid INS. */
  readonly byIns: readonly string[];
  /** Patients already linked to one of the message's local ids (of its facility). */
  readonly byLocalId: readonly string[];
  /** Patients sharing some of the traits (see `traitCandidateQuery`). */
  readonly traitCandidates: readonly MatchCandidate[];
}

export const UNCERTAIN_REASONS = [
  'ins-and-local-id-disagree',
  'local-ids-disagree',
  'several-patients-share-the-traits',
  'partial-traits-match',
  'merge-of-two-patients',
] as const;
export type UncertainReason = (typeof UNCERTAIN_REASONS)[number];

export type MatchDecision =
  | { readonly kind: 'certain'; readonly patientId: string; readonly by: 'ins' | 'local-id' | 'traits' }
  | {
      readonly kind: 'uncertain';
      readonly reason: UncertainReason;
      readonly candidates: readonly string[];
    }
  | { readonly kind: 'none' };

/** The keys a store looks candidates up by (name keys as registration writes them, name-key.ts). */
export interface TraitQuery {
  readonly familyKey: string;
  readonly givenKey: string;
  readonly birthDate: string;
}

/** The trait lookup of a message, or null when its traits are too incomplete to look anyone up. */
export function traitCandidateQuery(traits: AdtTraits): TraitQuery | null {
  if (traits.birthFamilyName === null || traits.firstGivenName === null || traits.birthDate === null) {
    return null;
  }
  return {
    familyKey: nameKey(traits.birthFamilyName),
    givenKey: nameKey(traits.firstGivenName),
    birthDate: traits.birthDate,
  };
}

/**
 * Decides the match. A valid INS or a linked local id is certain when it names exactly one patient
 * and nothing contradicts it. Traits are certain only when exactly one candidate has all the strict
 * traits equal (birth name, first given name, birth date, sex); a candidate whose INS differs from
 * the message's is someone else, whatever the traits say.
 */
export function decideMatch(
  message: { readonly ins: readonly string[]; readonly traits: AdtTraits },
  facts: MatchFacts,
): MatchDecision {
  const byIns = [...new Set(facts.byIns)];
  const byLocalId = [...new Set(facts.byLocalId)];
  if (byIns.length > 0) {
    const all = [...new Set([...byIns, ...byLocalId])];
    const [only] = all;
    if (all.length === 1 && only !== undefined) return { kind: 'certain', patientId: only, by: 'ins' };
    return { kind: 'uncertain', reason: 'ins-and-local-id-disagree', candidates: all };
  }
  if (byLocalId.length > 1) return { kind: 'uncertain', reason: 'local-ids-disagree', candidates: byLocalId };
  const [linked] = byLocalId;
  if (linked !== undefined) return { kind: 'certain', patientId: linked, by: 'local-id' };

  const query = traitCandidateQuery(message.traits);
  if (query === null) return { kind: 'none' };
  const plausible = facts.traitCandidates.filter(
    (candidate) =>
      candidate.insMatricule === null ||
      message.ins.length === 0 ||
      message.ins.includes(candidate.insMatricule),
  );
  const strict = plausible.filter(
    (candidate) =>
      nameKey(candidate.birthFamilyName) === query.familyKey &&
      nameKey(candidate.firstGivenName) === query.givenKey &&
      candidate.birthDate === query.birthDate &&
      candidate.sex === message.traits.sex,
  );
  const [single] = strict;
  if (strict.length === 1 && single !== undefined) {
    return { kind: 'certain', patientId: single.patientId, by: 'traits' };
  }
  if (strict.length > 1) {
    return {
      kind: 'uncertain',
      reason: 'several-patients-share-the-traits',
      candidates: strict.map((c) => c.patientId),
    };
  }
  if (plausible.length > 0) {
    return {
      kind: 'uncertain',
      reason: 'partial-traits-match',
      candidates: plausible.map((c) => c.patientId),
    };
  }
  return { kind: 'none' };
}
