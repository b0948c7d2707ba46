import type { Logger } from 'pino';
import type { JournalFeed } from '../domain/journal/journal-feed.ts';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { LivePublisher } from '../domain/live/live-channel.ts';
import type { NotificationRequest } from '../domain/notifications/notification.ts';
import {
  TASK_HANDOVER_EVENTS,
  taskHandoverNotices,
  type TaskAudience,
} from '../domain/notifications/task-notices.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { startJournalConsumer, type JournalConsumer } from './journal-consumer.ts';
import type { JournalSignal } from './journal-signal.ts';

export const TASK_NOTICES_CONSUMER = 'task-notices';
/** The live message that tells open worklists, records and badges to reload their tasks. */
export const WORKLIST_CHANGED = 'worklist-changed';

/**
 * Tells people about task changes, from the journal: a task created for them or handed over to them
 * becomes a notification (in the app, by e-mail as they chose), and every task change pushes a
 * "worklist changed" to whoever must act on the task and to whoever changed it, so their open pages
 * reload without a refresh. Notifications are keyed by event, so a replayed batch sends nothing twice;
 * live pushes are best effort.
 */
export function startTaskNoticeJob(deps: {
  feed: JournalFeed;
  audiences: (taskIds: readonly string[], on: Date) => Promise<TaskAudience[]>;
  notify: (requests: readonly NotificationRequest[]) => Promise<unknown>;
  live: LivePublisher;
  clock: Clock;
  logger: Logger;
  signal?: JournalSignal;
  pollMs?: number;
  leaseMs?: number;
}): JournalConsumer {
  const handle = async (events: readonly DomainEvent[]) => {
    const taskEvents = events.filter((event) => event.type.startsWith('task.'));
    if (taskEvents.length === 0) return;
    const taskIdOf = (event: DomainEvent) => String(event.payload['taskId']);
    const audiences = new Map(
      (await deps.audiences([...new Set(taskEvents.map(taskIdOf))], deps.clock())).map((audience) => [
        audience.taskId,
        audience,
      ]),
    );
    const notices = taskEvents.flatMap((event) => {
      const audience = audiences.get(taskIdOf(event));
      return audience !== undefined && TASK_HANDOVER_EVENTS.includes(event.type)
        ? taskHandoverNotices(event, audience)
        : [];
    });
    await deps.notify(notices);
    const concerned = new Set(
      taskEvents.flatMap((event) => [
        ...(audiences.get(taskIdOf(event))?.accountIds ?? []),
        ...(event.actorAccountId === null ? [] : [event.actorAccountId]),
      ]),
    );
    if (concerned.size > 0) deps.live.publish([...concerned], { type: WORKLIST_CHANGED, data: {} });
  };
  return startJournalConsumer({
    name: TASK_NOTICES_CONSUMER,
    feed: deps.feed,
    logger: deps.logger,
    handle: (entries) => handle(entries.map((entry) => entry.event)),
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.leaseMs === undefined ? {} : { leaseMs: deps.leaseMs }),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
}
