import i18next, { translateOr } from './i18n.ts';
import type { ReferralParty } from './api-types.ts';

/** Whole days from an instant to now (0 the same day), for "waiting 3 days". */
export function daysSince(isoDateTime: string, now: Date = new Date()): number {
  const start = new Date(isoDateTime);
  const startDay = Date.UTC(start.getFullYear(), start.getMonth(), start.getDate());
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.max(0, Math.round((today - startDay) / 86_400_000));
}

/** Whom a referral is addressed to: a name, a service, or a specialty said in the interface language. */
export function partyText(party: ReferralParty): string {
  return party.kind === 'specialty'
    ? i18next.t('referrals.party.specialty', {
        specialty: translateOr(`careTeam.specialties.${party.id}`, party.label),
      })
    : party.label;
}
