import type { DetailLevel } from './email-preferences.ts';
import type { Urgency } from './notification.ts';

/** An e-mail ready for the mailer. Plain text: nothing to render, nothing remote to load. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** What one e-mail is about: the items and how much the recipient allows it to say. */
export interface NotificationEmailInput {
  readonly to: string;
  readonly locale: 'fr' | 'en';
  readonly detailLevel: DetailLevel;
  readonly items: readonly { readonly title: string; readonly urgency: Urgency }[];
  /** Absolute links into the app: the notifications page and the e-mail settings. */
  readonly inboxUrl: string;
  readonly settingsUrl: string;
}

/** At most this many titles are listed; the rest are counted. */
export const LISTED_TITLES = 20;

const WORDING = {
  fr: {
    subject: (n: number) => (n === 1 ? 'Relais : 1 nouvel élément' : `Relais : ${n} nouveaux éléments`),
    count: (n: number) =>
      n === 1 ? 'Vous avez 1 nouvel élément dans Relais.' : `Vous avez ${n} nouveaux éléments dans Relais.`,
    hello: 'Bonjour,',
    urgent: 'urgent',
    more: (n: number) => `… et ${n} autre${n === 1 ? '' : 's'}`,
    open: 'Pour les consulter, connectez-vous à Relais :',
    privacy: 'Ce message ne contient volontairement aucune information sur vos patients.',
    settings: 'Pour changer vos préférences d’e-mail :',
  },
  en: {
    subject: (n: number) => (n === 1 ? 'Relais: 1 new item' : `Relais: ${n} new items`),
    count: (n: number) => (n === 1 ? 'You have 1 new item in Relais.' : `You have ${n} new items in Relais.`),
    hello: 'Hello,',
    urgent: 'urgent',
    more: (n: number) => `… and ${n} more`,
    open: 'Sign in to Relais to see them:',
    privacy: 'This message deliberately holds no information about your patients.',
    settings: 'To change your e-mail preferences:',
  },
} as const;

/**
 * Writes the e-mail for a batch of notifications, in the recipient's language. `minimal` says only how
 * many items wait; `titles` lists the in-app titles (which by contract carry no patient identity).
 * Bodies, patient ids and links to records are never included.
 */
export function composeNotificationEmail(input: NotificationEmailInput): EmailMessage {
  const words = WORDING[input.locale];
  const count = input.items.length;
  const lines: string[] = [words.hello, '', words.count(count)];
  if (input.detailLevel === 'titles') {
    lines.push('');
    for (const item of input.items.slice(0, LISTED_TITLES)) {
      lines.push(`- ${item.title}${item.urgency === 'urgent' ? ` (${words.urgent})` : ''}`);
    }
    if (count > LISTED_TITLES) lines.push(words.more(count - LISTED_TITLES));
  }
  lines.push('', words.open, input.inboxUrl, '', '--', words.privacy, words.settings, input.settingsUrl);
  return { to: input.to, subject: words.subject(count), text: `${lines.join('\n')}\n` };
}
