import { DATA_CATEGORIES, type DataCategory } from './data-category.ts';
import type { Principal } from './principal.ts';

/**
 * What the caller wants to do with a patient's data; `resource` names the part (e.g. "record",
 * "results"), `category` the sensitive category it belongs to, when it belongs to one.
 */
export interface AccessPurpose {
  readonly action: 'read' | 'write';
  readonly resource: string;
  readonly category?: DataCategory;
}

/** A category the patient restricted to named professionals, and whether the caller is one of them. */
export interface CategoryRestriction {
  readonly category: DataCategory;
  readonly callerNamed: boolean;
}

/** The facts the decision needs about a professional and a patient, loaded by the caller. */
export interface AccessFacts {
  /** The roles the professional holds today in the patient's care team. */
  readonly careTeamRoles: readonly string[];
  /** An open referral sends the patient to the professional or to the service they belong to. */
  readonly referredToCaller: boolean;
  /** The patient objects to sharing with this professional, or with their organisation. */
  readonly objection: 'practitioner' | 'organization' | null;
  /** The patient consents to share with this professional, outside the care team. */
  readonly sharingConsent: boolean;
  /** The end of the professional's latest break-the-glass access, if they ever had one. */
  readonly breakGlassUntil: Date | null;
  readonly restrictions: readonly CategoryRestriction[];
}

export const NO_ACCESS_FACTS: AccessFacts = {
  careTeamRoles: [],
  referredToCaller: false,
  objection: null,
  sharingConsent: false,
  breakGlassUntil: null,
  restrictions: [],
};

/** Why access was given; the record shows it, and break-the-glass is marked. */
export type AccessBasis = 'self' | 'care-team' | 'referral' | 'consent' | 'break-glass';

/** The outcome, always with a reason in words (it goes to the audit trail and to the user). */
export type AccessDecision =
  | {
      readonly allowed: true;
      readonly reason: string;
      readonly basis: AccessBasis;
      /** When a break-the-glass access ends; null for the others. */
      readonly expiresAt: Date | null;
      /** Categories the caller may not see: readers leave them out. */
      readonly hiddenCategories: readonly DataCategory[];
    }
  | { readonly allowed: false; readonly reason: string };

/** What patients report about themselves and may therefore write. */
const PATIENT_WRITES: readonly string[] = ['questionnaire', 'sharing-choices', 'rectification-request'];

/**
 * Decides whether a principal may act on a patient's data, at `now`. Pure; the one rule behind every
 * patient-data route. For a professional, in order: an objection of the patient refuses everything
 * (break-the-glass included, as the DMP does); then the care team, an open referral to them or their
 * service, the patient's consent (reading only) or a break-the-glass access still running gives
 * access; a category the patient restricted to named people stays hidden from everyone else.
 */
export function decidePatientAccess(
  principal: Principal,
  patientId: string,
  facts: AccessFacts,
  purpose: AccessPurpose,
  now: Date,
): AccessDecision {
  if (principal.kind === 'patient') {
    if (principal.patientId !== patientId) {
      return { allowed: false, reason: 'a patient may only see their own record' };
    }
    if (purpose.action === 'write' && !PATIENT_WRITES.includes(purpose.resource)) {
      return { allowed: false, reason: 'patients cannot change their coordination record here' };
    }
    return {
      allowed: true,
      reason: 'the patient themself',
      basis: 'self',
      expiresAt: null,
      hiddenCategories: [],
    };
  }
  if (facts.objection !== null) {
    const whom = facts.objection === 'practitioner' ? 'you' : 'your organisation';
    return { allowed: false, reason: `the patient objects to sharing their data with ${whom}` };
  }
  const grant = basisOf(facts, purpose, now);
  if (grant === undefined) return { allowed: false, reason: "not in the patient's care team" };
  if ('refused' in grant) return { allowed: false, reason: grant.refused };
  const hiddenCategories = DATA_CATEGORIES.filter((category) =>
    facts.restrictions.some((restriction) => restriction.category === category && !restriction.callerNamed),
  );
  if (purpose.category !== undefined && hiddenCategories.includes(purpose.category)) {
    return {
      allowed: false,
      reason: `the patient restricted ${purpose.category} data to named professionals`,
    };
  }
  return { allowed: true, ...grant, hiddenCategories };
}

function basisOf(
  facts: AccessFacts,
  purpose: AccessPurpose,
  now: Date,
): { basis: AccessBasis; reason: string; expiresAt: Date | null } | { refused: string } | undefined {
  if (facts.careTeamRoles.length > 0) {
    return {
      basis: 'care-team',
      reason: `care team member (${facts.careTeamRoles.join(', ')})`,
      expiresAt: null,
    };
  }
  if (facts.referredToCaller) {
    return { basis: 'referral', reason: 'an open referral to you or your service', expiresAt: null };
  }
  if (facts.breakGlassUntil !== null && facts.breakGlassUntil > now) {
    const until = facts.breakGlassUntil;
    return {
      basis: 'break-glass',
      reason: `break-the-glass access until ${until.toISOString()}`,
      expiresAt: until,
    };
  }
  if (facts.sharingConsent) {
    return purpose.action === 'read'
      ? { basis: 'consent', reason: "the patient's consent to share with you", expiresAt: null }
      : { refused: "the patient's consent lets you read, not write" };
  }
  return undefined;
}
