import type { Logger } from 'pino';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { JournalFeed } from '../domain/journal/journal-feed.ts';
import type { LivePublisher } from '../domain/live/live-channel.ts';
import type { NotificationRequest } from '../domain/notifications/notification.ts';
import {
  referralNotices,
  referralParties,
  type ReferralAudience,
} from '../domain/notifications/referral-notices.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { startJournalConsumer, type JournalConsumer } from './journal-consumer.ts';
import type { JournalSignal } from './journal-signal.ts';

export const REFERRAL_NOTICES_CONSUMER = 'referral-notices';
/** The live message that tells open inboxes, outboxes and referral pages to reload. */
export const REFERRALS_CHANGED = 'referrals-changed';

/**
 * Tells people about referral changes, from the journal: each event becomes a notification for the
 * party it concerns (in the app, by e-mail as they chose), and pushes "referrals changed" to every
 * party and to whoever acted, so their open pages reload. Notifications are keyed by event, so a
 * replayed batch sends nothing twice; live pushes are best effort.
 */
export function startReferralNoticeJob(deps: {
  feed: JournalFeed;
  audiences: (referralIds: readonly string[], on: Date) => Promise<ReferralAudience[]>;
  notify: (requests: readonly NotificationRequest[]) => Promise<unknown>;
  live: LivePublisher;
  clock: Clock;
  logger: Logger;
  signal?: JournalSignal;
  pollMs?: number;
  leaseMs?: number;
}): JournalConsumer {
  const referralIdOf = (event: DomainEvent) => String(event.payload['referralId']);
  const handle = async (events: readonly DomainEvent[]) => {
    const referralEvents = events.filter((event) => event.type.startsWith('referral.'));
    if (referralEvents.length === 0) return;
    const audiences = new Map(
      (await deps.audiences([...new Set(referralEvents.map(referralIdOf))], deps.clock())).map((audience) => [
        audience.referralId,
        audience,
      ]),
    );
    const notices = referralEvents.flatMap((event) => {
      const audience = audiences.get(referralIdOf(event));
      return audience === undefined ? [] : referralNotices(event, audience);
    });
    await deps.notify(notices);
    const concerned = new Set(
      referralEvents.flatMap((event) => {
        const audience = audiences.get(referralIdOf(event));
        return [
          ...(audience === undefined ? [] : referralParties(audience)),
          ...(event.actorAccountId === null ? [] : [event.actorAccountId]),
        ];
      }),
    );
    if (concerned.size > 0) deps.live.publish([...concerned], { type: REFERRALS_CHANGED, data: {} });
  };
  return startJournalConsumer({
    name: REFERRAL_NOTICES_CONSUMER,
    feed: deps.feed,
    logger: deps.logger,
    handle: (entries) => handle(entries.map((entry) => entry.event)),
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.leaseMs === undefined ? {} : { leaseMs: deps.leaseMs }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
}
