import type { DomainEvent } from '../journal/domain-event.ts';
import { shorten } from '../shared/shorten.ts';
import { TITLE_MAX, type NotificationKind, type NotificationRequest } from './notification.ts';

/** A stay as its notices need it: where, and the accounts of the patient's active care team. */
export interface StayAudience {
  readonly stayId: string;
  readonly patientId: string;
  /** The hospital's name when the directory knows it, else the facility code it sent (FINESS). */
  readonly facilityName: string;
  /** The care team's accounts, the médecin traitant's first, each with its language. */
  readonly members: readonly { readonly accountId: string; readonly locale: 'fr' | 'en' }[];
}

type Words = (place: { unit: string; fromUnit: string; facility: string }) => string;

/** What each stay event says, in both languages; never the patient's identity, only the place. */
const NOTICES: Readonly<
  Record<
    string,
    { readonly kind: NotificationKind; readonly urgent: boolean; readonly fr: Words; readonly en: Words }
  >
> = {
  'stay.admitted': {
    kind: 'patient-admitted',
    urgent: true,
    fr: ({ unit, facility }) => `Admission de votre patient${unit === '' ? '' : ` en ${unit}`} — ${facility}`,
    en: ({ unit, facility }) => `Your patient was admitted${unit === '' ? '' : ` to ${unit}`} — ${facility}`,
  },
  'stay.transferred': {
    kind: 'patient-admitted',
    urgent: false,
    fr: ({ unit, fromUnit, facility }) =>
      `Votre patient a changé d’unité${fromUnit === '' ? '' : ` : ${fromUnit} →`} ${unit} — ${facility}`,
    en: ({ unit, fromUnit, facility }) =>
      `Your patient moved${fromUnit === '' ? '' : ` from ${fromUnit}`} to ${unit} — ${facility}`,
  },
  'stay.discharged': {
    kind: 'patient-discharged',
    urgent: true,
    fr: ({ unit, facility }) =>
      `Sortie d’hospitalisation de votre patient${unit === '' ? '' : ` (${unit})`} — ${facility}`,
    en: ({ unit, facility }) =>
      `Your patient was discharged${unit === '' ? '' : ` from ${unit}`} — ${facility}`,
  },
  'stay.admission-cancelled': {
    kind: 'patient-admitted',
    urgent: false,
    fr: ({ facility }) => `Admission de votre patient annulée par l’hôpital — ${facility}`,
    en: ({ facility }) => `Your patient's admission was cancelled by the hospital — ${facility}`,
  },
  'stay.discharge-cancelled': {
    kind: 'patient-discharged',
    urgent: false,
    fr: ({ facility }) => `Sortie annulée : votre patient est toujours hospitalisé — ${facility}`,
    en: ({ facility }) => `Discharge cancelled: your patient is still in hospital — ${facility}`,
  },
};

const BODY = {
  fr: 'Ouvrez le séjour dans le dossier pour la suite (alertes, lettre de liaison, suivi de sortie).',
  en: 'Open the stay in the record for what follows (alerts, discharge letter, follow-up).',
};

/**
 * The notifications a stay event sends: one to each account of the patient's active care team, the
 * médecin traitant first (the GP is always told), in the account's language; the link opens the
 * stay, where access is checked. Keyed by event, so a replayed batch sends nothing twice.
 */
export function stayNotices(
  event: Pick<DomainEvent, 'id' | 'type' | 'payload'>,
  audience: StayAudience,
): NotificationRequest[] {
  const notice = NOTICES[event.type];
  if (notice === undefined) return [];
  const text = (key: string) => {
    const value = event.payload[key];
    return value === undefined || value === null ? '' : String(value);
  };
  const place = { unit: text('unit'), fromUnit: text('fromUnit'), facility: audience.facilityName };
  return audience.members.map(({ accountId, locale }) => ({
    idempotencyKey: `stay-notice:${event.id}`,
    recipientAccountId: accountId,
    kind: notice.kind,
    urgency: notice.urgent ? 'urgent' : 'normal',
    patientId: audience.patientId,
    link: `/patients/${audience.patientId}/stays/${audience.stayId}`,
    title: shorten(notice[locale](place), TITLE_MAX),
    body: BODY[locale],
  }));
}
