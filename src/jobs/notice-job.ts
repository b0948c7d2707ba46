import type { Logger } from 'pino';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { JournalFeed } from '../domain/journal/journal-feed.ts';
import type { LivePublisher } from '../domain/live/live-channel.ts';
import type { NotificationRequest } from '../domain/notifications/notification.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { startJournalConsumer, type JournalConsumer } from './journal-consumer.ts';
import type { JournalSignal } from './journal-signal.ts';

/** What every notice job is given by the application. */
export interface NoticeJobDeps<Audience> {
  feed: JournalFeed;
  /** The audience of each subject (a task, a referral…) on a day; a subject may be missing. */
  audiences: (subjectIds: readonly string[], on: Date) => Promise<Audience[]>;
  notify: (requests: readonly NotificationRequest[]) => Promise<unknown>;
  live: LivePublisher;
  clock: Clock;
  logger: Logger;
  signal?: JournalSignal;
  pollMs?: number;
  leaseMs?: number;
}

/** What makes one notice job: which events, about what, who is told and who gets the live push. */
export interface NoticeRules<Audience> {
  readonly consumer: string;
  /** The events it reads, by type prefix (e.g. `task.`). */
  readonly eventPrefix: string;
  /** The payload key naming the event's subject (e.g. `taskId`). */
  readonly subjectKey: string;
  readonly subjectOf: (audience: Audience) => string;
  readonly noticesOf: (event: DomainEvent, audience: Audience) => NotificationRequest[];
  /** The accounts whose open pages show the subject. */
  readonly partiesOf: (audience: Audience) => readonly string[];
  /** The live message that tells those pages to reload. */
  readonly liveType: string;
}

/**
 * Tells people about changes, from the journal: each event becomes the notifications its rules give
 * (in the app, by e-mail as people chose), and every change pushes the live message to the subject's
 * parties and to whoever acted, so their open pages reload. Notifications are keyed by event, so a
 * replayed batch sends nothing twice; live pushes are best effort.
 */
export function startNoticeJob<Audience>(
  rules: NoticeRules<Audience>,
  deps: NoticeJobDeps<Audience>,
): JournalConsumer {
  const subjectIdOf = (event: DomainEvent) => String(event.payload[rules.subjectKey]);
  const handle = async (events: readonly DomainEvent[]) => {
    const concerning = events.filter((event) => event.type.startsWith(rules.eventPrefix));
    if (concerning.length === 0) return;
    const subjectIds = [...new Set(concerning.map(subjectIdOf))];
    const audiences = new Map(
      (await deps.audiences(subjectIds, deps.clock())).map((audience) => [
        rules.subjectOf(audience),
        audience,
      ]),
    );
    const notices = concerning.flatMap((event) => {
      const audience = audiences.get(subjectIdOf(event));
      return audience === undefined ? [] : rules.noticesOf(event, audience);
    });
    await deps.notify(notices);
    const concerned = new Set(
      concerning.flatMap((event) => {
        const audience = audiences.get(subjectIdOf(event));
        return [
          ...(audience === undefined ? [] : rules.partiesOf(audience)),
          ...(event.actorAccountId === null ? [] : [event.actorAccountId]),
        ];
      }),
    );
    if (concerned.size > 0) deps.live.publish([...concerned], { type: rules.liveType, data: {} });
  };
  return startJournalConsumer({
    name: rules.consumer,
    feed: deps.feed,
    logger: deps.logger,
    handle: (entries) => handle(entries.map((entry) => entry.event)),
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.leaseMs === undefined ? {} : { leaseMs: deps.leaseMs }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
}
