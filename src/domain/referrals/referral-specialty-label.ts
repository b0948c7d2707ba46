import { isReferralSpecialty, REFERRAL_SPECIALTIES } from '../rules/referral-specialties.ts';

/** A specialty in words (French, the journal's language), or its code when Relais has no name for it. */
export function specialtyLabel(code: string): string {
  return isReferralSpecialty(code) ? REFERRAL_SPECIALTIES[code].fr : code;
}
