import type { LocalizedText } from './localized-text.ts';

/** The specialties a rule may suggest a referral to, with their names in words. */
export const REFERRAL_SPECIALTIES = {
  endocrinology: { fr: 'endocrinologie-diabétologie', en: 'endocrinology and diabetes' },
  cardiology: { fr: 'cardiologie', en: 'cardiology' },
  nephrology: { fr: 'néphrologie', en: 'nephrology' },
  pulmonology: { fr: 'pneumologie', en: 'pulmonology' },
  geriatrics: { fr: 'gériatrie', en: 'geriatrics' },
  psychiatry: { fr: 'psychiatrie', en: 'psychiatry' },
  ophthalmology: { fr: 'ophtalmologie', en: 'ophthalmology' },
  oncology: { fr: 'oncologie', en: 'oncology' },
} as const satisfies Record<string, LocalizedText>;

export type ReferralSpecialty = keyof typeof REFERRAL_SPECIALTIES;

export function isReferralSpecialty(value: string): value is ReferralSpecialty {
  return Object.hasOwn(REFERRAL_SPECIALTIES, value);
}
