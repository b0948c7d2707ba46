import { DomainError } from '../shared/domain-error.ts';
import type { Urgency } from './notification.ts';

/**
 * When notifications go out by e-mail: never; urgent ones at once and the rest in a daily digest
 * (the default); all at once; or everything in the daily digest.
 */
export type EmailMode = 'off' | 'urgent-now-digest-rest' | 'all-now' | 'digest-only';
export const EMAIL_MODES: readonly EmailMode[] = ['off', 'urgent-now-digest-rest', 'all-now', 'digest-only'];

/**
 * What an e-mail may say: `minimal` (the default) only counts the new items; `titles` lists their
 * in-app titles, which never hold a patient's name or identifier.
 */
export type DetailLevel = 'minimal' | 'titles';
export const DETAIL_LEVELS: readonly DetailLevel[] = ['minimal', 'titles'];

/** One account's e-mail preferences. Without an address no e-mail is sent. */
export interface NotificationSettings {
  readonly emailAddress: string | null;
  readonly emailMode: EmailMode;
  /** The hour (0–23, in the territory's time zone) at which the daily digest leaves. */
  readonly digestHour: number;
  readonly detailLevel: DetailLevel;
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  emailAddress: null,
  emailMode: 'urgent-now-digest-rest',
  digestHour: 8,
  detailLevel: 'minimal',
};

/** How one notification goes out by e-mail, decided when it is created. */
export type EmailPlan = 'none' | 'immediate' | 'digest';

/** The e-mail plan for a notification of this urgency under these settings. */
export function emailPlanOf(settings: NotificationSettings, urgency: Urgency): EmailPlan {
  if (settings.emailAddress === null) return 'none';
  switch (settings.emailMode) {
    case 'off':
      return 'none';
    case 'all-now':
      return 'immediate';
    case 'digest-only':
      return 'digest';
    case 'urgent-now-digest-rest':
      return urgency === 'urgent' ? 'immediate' : 'digest';
  }
}

/** Whether these settings stop every e-mail, so pending ones are cancelled when they are saved. */
export function stopsAllEmail(settings: NotificationSettings): boolean {
  return settings.emailAddress === null || settings.emailMode === 'off';
}

// Deliberately loose (RFC 5321 allows much); the SMTP server has the last word.
const EMAIL_ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Checks and normalises settings (address trimmed, empty means none). Error: `invalid-input`. */
export function validateSettings(input: NotificationSettings): NotificationSettings {
  const problems: string[] = [];
  const address = input.emailAddress?.trim() ?? '';
  if (address !== '' && (address.length > 254 || !EMAIL_ADDRESS.test(address)))
    problems.push('emailAddress is not an e-mail address');
  if (!EMAIL_MODES.includes(input.emailMode))
    problems.push(`emailMode must be one of ${EMAIL_MODES.join(', ')}`);
  if (!Number.isInteger(input.digestHour) || input.digestHour < 0 || input.digestHour > 23)
    problems.push('digestHour must be a whole hour from 0 to 23');
  if (!DETAIL_LEVELS.includes(input.detailLevel))
    problems.push(`detailLevel must be one of ${DETAIL_LEVELS.join(', ')}`);
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
  return { ...input, emailAddress: address === '' ? null : address };
}
