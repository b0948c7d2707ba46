import type { Principal } from '../access/principal.ts';
import {
  relationMayTake,
  type Referral,
  type ReferralActionKind,
  type ReferralRelation,
} from './referral.ts';

/** The facts about a professional looking at a referral, loaded by the caller. */
export interface ReferralViewer {
  readonly practitionerId: string;
  readonly organizationId: string | null;
  readonly specialty: string | null;
  /** Their active roles in the patient's care team (empty when none). */
  readonly patientRoles: readonly string[];
  /** The patient objects to sharing with them (by name or through their organisation). */
  readonly objected: boolean;
}

export type ReferralFacts = Pick<
  Referral,
  'patientId' | 'kind' | 'status' | 'target' | 'referrerPractitionerId' | 'performerPractitionerId'
>;

/**
 * Every way a professional relates to a referral, most direct first. A pool (service, specialty) is a
 * target only until someone takes the referral; then the performer acts for it.
 */
export function referralRelationsOf(referral: ReferralFacts, viewer: ReferralViewer): ReferralRelation[] {
  const relations: ReferralRelation[] = [];
  if (referral.referrerPractitionerId === viewer.practitionerId) relations.push('referrer');
  if (referral.performerPractitionerId === viewer.practitionerId) relations.push('performer');
  if (referral.performerPractitionerId === null && isTarget(referral.target, viewer))
    relations.push('target');
  if (viewer.patientRoles.length > 0) relations.push('care-team');
  return relations;
}

function isTarget(target: Referral['target'], viewer: ReferralViewer): boolean {
  switch (target.kind) {
    case 'practitioner':
      return target.practitionerId === viewer.practitionerId;
    case 'service':
      return target.organizationId === viewer.organizationId;
    case 'specialty':
      return target.specialty === viewer.specialty;
  }
}

/** The outcome of a referral access check, with its reason in words (audit trail and user). */
export interface ReferralDecision {
  readonly allowed: boolean;
  readonly reason: string;
  readonly relations: readonly ReferralRelation[];
}

/**
 * Whether a principal may read the referral (any relation; the patient their own) or take an action
 * (who may take which is the lifecycle's rule, see TRANSITIONS). Pure.
 */
export function decideReferralAccess(
  referral: ReferralFacts,
  principal: Principal,
  viewer: ReferralViewer | null,
  wanted: ReferralActionKind | 'read',
): ReferralDecision {
  if (principal.kind === 'patient') {
    const own = principal.patientId === referral.patientId;
    return {
      allowed: own && wanted === 'read',
      reason: own
        ? wanted === 'read'
          ? 'the patient themself'
          : 'patients follow their referrals, they do not act on them'
        : 'a patient may only see their own referrals',
      relations: own ? ['patient'] : [],
    };
  }
  // An objection refuses everything, as it does on the record (ADR 0012): the referral too.
  if (viewer?.objected === true)
    return { allowed: false, reason: 'the patient objects to sharing with this professional', relations: [] };
  const relations = viewer === null ? [] : referralRelationsOf(referral, viewer);
  if (relations.length === 0) {
    return { allowed: false, reason: 'not the referrer, the addressee, or in the care team', relations };
  }
  const reason = `referral ${relations.join(', ')}`;
  if (wanted === 'read') return { allowed: true, reason, relations };
  // Whether the status allows it is the lifecycle's answer (a conflict), not a refusal.
  return relationMayTake(referral, wanted, relations)
    ? { allowed: true, reason, relations }
    : { allowed: false, reason: `${reason}: not the one who may ${wanted.replace('-', ' ')} it`, relations };
}
