import type { DomainEvent } from '../journal/domain-event.ts';
import type { NotificationKind, NotificationRequest } from './notification.ts';

/** A referral as its notices need it: the accounts of each party, read when the event is handled. */
export interface ReferralAudience {
  readonly referralId: string;
  readonly patientId: string;
  readonly urgency: 'urgent' | 'soon' | 'routine';
  readonly targetKind: 'practitioner' | 'service' | 'specialty';
  readonly referrer: readonly string[];
  readonly performer: readonly string[];
  /** The named professional, the service's members, or the specialty's holders. */
  readonly targetPool: readonly string[];
  /** The coordinators of the patient's care team. */
  readonly coordinators: readonly string[];
}

type Party = 'referrer' | 'performer-or-pool' | 'pool' | 'coordinators' | 'must-act';

/** Who hears of each event, and in which words (no patient identity, no free text). */
const NOTICES: Readonly<
  Record<string, { readonly to: readonly Party[]; readonly kind: NotificationKind; readonly title: string }>
> = {
  'referral.sent': { to: ['pool'], kind: 'referral-received', title: 'Nouvelle demande d’adressage' },
  'referral.redirected': {
    to: ['referrer', 'pool'],
    kind: 'referral-received',
    title: 'Adressage réorienté vers un autre service',
  },
  'referral.accepted': { to: ['referrer'], kind: 'referral-updated', title: 'Votre adressage a été accepté' },
  'referral.declined': { to: ['referrer'], kind: 'referral-updated', title: 'Votre adressage a été refusé' },
  'referral.question-asked': {
    to: ['referrer'],
    kind: 'referral-updated',
    title: 'Une question sur votre adressage attend votre réponse',
  },
  'referral.scheduled': {
    to: ['referrer'],
    kind: 'referral-updated',
    title: 'Un rendez-vous a été fixé pour votre adressage',
  },
  'referral.reported': {
    to: ['referrer'],
    kind: 'referral-answered',
    title: 'Compte rendu reçu : à prendre en compte',
  },
  'referral.question-answered': {
    to: ['performer-or-pool'],
    kind: 'referral-updated',
    title: 'Le demandeur a répondu à votre question',
  },
  'referral.acknowledged': {
    to: ['performer-or-pool'],
    kind: 'referral-updated',
    title: 'Le demandeur a pris connaissance de votre compte rendu',
  },
  'referral.cancelled': { to: ['performer-or-pool'], kind: 'referral-updated', title: 'Adressage annulé' },
  'referral.overdue': { to: ['must-act'], kind: 'referral-overdue', title: 'Adressage en retard' },
  'referral.escalated': {
    to: ['coordinators'],
    kind: 'referral-overdue',
    title: 'Adressage toujours en retard : la coordination est sollicitée',
  },
};

/**
 * The notifications a referral event sends: to the party it concerns (the target when sent, the
 * referrer when answered, the performer when acknowledged, whoever must act when overdue, the
 * coordinators on escalation), never to whoever acted. The link opens the referral, where access is
 * checked. Keyed by event, so a replayed batch sends nothing twice.
 */
export function referralNotices(
  event: Pick<DomainEvent, 'id' | 'type' | 'actorAccountId' | 'payload'>,
  audience: ReferralAudience,
): NotificationRequest[] {
  const notice = NOTICES[event.type];
  if (notice === undefined) return [];
  const recipients = new Set(notice.to.flatMap((party) => accountsOf(party, event, audience)));
  if (event.actorAccountId !== null) recipients.delete(event.actorAccountId);
  const teleExpertise = event.payload['kind'] === 'tele-expertise';
  return [...recipients].map((recipientAccountId) => ({
    idempotencyKey: `referral-notice:${event.id}`,
    recipientAccountId,
    kind: notice.kind,
    urgency: audience.urgency === 'urgent' ? 'urgent' : 'normal',
    patientId: audience.patientId,
    link: `/referrals/${audience.referralId}`,
    title: teleExpertise ? notice.title.replace(/adressage/i, 'télé-expertise') : notice.title,
    body: teleExpertise
      ? 'Une demande de télé-expertise vous concerne : ouvrez-la pour la suite.'
      : 'Un adressage vous concerne : ouvrez-le pour la suite.',
  }));
}

/** Everyone whose open inbox or outbox shows the referral, for the live refresh. */
export function referralParties(audience: ReferralAudience): string[] {
  return [...new Set([...audience.referrer, ...audience.performer, ...audience.targetPool])];
}

function accountsOf(
  party: Party,
  event: Pick<DomainEvent, 'payload'>,
  audience: ReferralAudience,
): readonly string[] {
  switch (party) {
    case 'referrer':
      return audience.referrer;
    case 'pool':
      return audience.targetPool;
    case 'performer-or-pool':
      return audience.performer.length > 0 ? audience.performer : audience.targetPool;
    case 'coordinators':
      return audience.coordinators;
    case 'must-act':
      // As overdueAssignee decides the overdue task's assignee (referral-sla.ts).
      return mustAct(event.payload['stage'], audience);
  }
}

function mustAct(stage: unknown, audience: ReferralAudience): readonly string[] {
  if (stage === 'accept')
    return audience.targetKind === 'specialty' ? audience.referrer : audience.targetPool;
  if (stage === 'schedule' || stage === 'report')
    return audience.performer.length > 0 ? audience.performer : audience.referrer;
  return audience.referrer; // answer, acknowledge
}
