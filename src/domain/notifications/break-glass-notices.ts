import type { DomainEvent } from '../journal/domain-event.ts';
import { shorten } from '../shared/shorten.ts';
import { BODY_MAX, TITLE_MAX, type NotificationRequest } from './notification.ts';

/** An account told of a break-the-glass access, with its language. */
export interface NoticeRecipient {
  readonly accountId: string;
  readonly locale: 'fr' | 'en';
}

/** A break-the-glass grant as its notices need it, read when the event is handled. */
export interface BreakGlassAudience {
  readonly grantId: string;
  readonly patientId: string;
  /** Who opened the record: their name and, when the directory knows it, their organisation. */
  readonly holder: { readonly name: string; readonly organization: string | null };
  readonly reason: string;
  readonly grantedAt: Date;
  readonly expiresAt: Date;
  /** The care team's coordinators, or the médecin traitant when there is none. */
  readonly coordinators: readonly NoticeRecipient[];
  /** The patient's portal accounts: none when they have no portal account. */
  readonly patient: readonly NoticeRecipient[];
}

interface Facts {
  readonly who: string;
  readonly when: string;
  readonly until: string;
  readonly reason: string;
}

interface Words {
  readonly title: (who: string) => string;
  readonly body: (facts: Facts) => string;
}

const TO_COORDINATOR: Record<'fr' | 'en', Words> = {
  fr: {
    title: (who) => `Accès d’urgence (bris de glace) au dossier d’un patient que vous coordonnez — ${who}`,
    body: ({ who, when, until, reason }) =>
      `${who} a ouvert le dossier en urgence le ${when}, jusqu’au ${until}. Motif donné : « ${reason} ». ` +
      'L’accès est tracé : vérifiez qu’il était justifié.',
  },
  en: {
    title: (who) => `Emergency (break-the-glass) access to the record of a patient you coordinate — ${who}`,
    body: ({ who, when, until, reason }) =>
      `${who} opened the record in an emergency on ${when}, until ${until}. Reason given: “${reason}”. ` +
      'The access is logged: check that it was justified.',
  },
};

const TO_PATIENT: Record<'fr' | 'en', Words> = {
  fr: {
    title: (who) => `Accès d’urgence à votre dossier — ${who}`,
    body: ({ who, when, until, reason }) =>
      `${who}, qui ne fait pas partie de votre équipe de soins, a ouvert votre dossier en urgence le ${when}. ` +
      `Cet accès prend fin le ${until}. La raison donnée : « ${reason} ». ` +
      'Cet accès est enregistré. Si vous ne le comprenez pas, parlez-en à votre médecin traitant.',
  },
  en: {
    title: (who) => `Emergency access to your record — ${who}`,
    body: ({ who, when, until, reason }) =>
      `${who}, who is not in your care team, opened your record in an emergency on ${when}. ` +
      `This access ends on ${until}. The reason given: “${reason}”. ` +
      'This access is recorded. If you do not understand it, talk to your GP.',
  },
};

/**
 * The notifications of a break-the-glass access: the team's coordinators (or the médecin traitant)
 * and the patient, if they have a portal account, learn who opened the record, when, until when and
 * why, in their language and the territory's time. The coordinator's link opens the record, the
 * patient's their portal. Urgent, so e-mail leaves at once for those who chose so. Keyed by event.
 */
export function breakGlassNotices(
  event: Pick<DomainEvent, 'id'>,
  audience: BreakGlassAudience,
  timeZone: string,
): NotificationRequest[] {
  const notice = (recipient: NoticeRecipient, words: Words, link: string): NotificationRequest => {
    const { organization, name } = audience.holder;
    const facts = {
      who: organization === null ? name : `${name} (${organization})`,
      when: dateTime(audience.grantedAt, recipient.locale, timeZone),
      until: dateTime(audience.expiresAt, recipient.locale, timeZone),
    };
    // The reason is the professional's own words: cut it, not the rest, when the body would be too long.
    const room = BODY_MAX - words.body({ ...facts, reason: '' }).length;
    return {
      idempotencyKey: `break-glass-notice:${event.id}`,
      recipientAccountId: recipient.accountId,
      kind: 'break-glass',
      urgency: 'urgent',
      patientId: audience.patientId,
      link,
      title: shorten(words.title(facts.who), TITLE_MAX),
      body: words.body({ ...facts, reason: shorten(audience.reason, room) }),
    };
  };
  return [
    ...audience.coordinators.map((recipient) =>
      notice(recipient, TO_COORDINATOR[recipient.locale], `/patients/${audience.patientId}`),
    ),
    ...audience.patient.map((recipient) => notice(recipient, TO_PATIENT[recipient.locale], '/portal')),
  ];
}

function dateTime(instant: Date, locale: 'fr' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(instant);
}
