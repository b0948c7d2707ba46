import type { DomainEvent } from '../domain/journal/domain-event.ts';
import { breakGlassNotices, type BreakGlassAudience } from '../domain/notifications/break-glass-notices.ts';
import type { NotificationRequest } from '../domain/notifications/notification.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { startEventConsumer, type EventConsumerDeps, type JournalConsumer } from './journal-consumer.ts';

export const BREAK_GLASS_NOTICES_CONSUMER = 'break-glass-notices';

/**
 * Tells the team's coordinator (or the médecin traitant) and the patient of each break-the-glass
 * access, within seconds of it (the journal signal wakes it). Unlike the other notice jobs it pushes
 * no "changed" message of its own: nothing but the notifications changes, and they push themselves.
 * Notifications are keyed by event, so a replayed batch sends nothing twice.
 */
export function startBreakGlassNoticeJob(
  deps: EventConsumerDeps & {
    audiences: (grantIds: readonly string[], on: Date) => Promise<BreakGlassAudience[]>;
    notify: (requests: readonly NotificationRequest[]) => Promise<unknown>;
    clock: Clock;
    /** The territory's time zone: the notices say when in its local time. */
    timeZone: string;
  },
): JournalConsumer {
  const grantIdOf = (event: DomainEvent) => String(event.payload['grantId']);
  const handle = async (events: readonly DomainEvent[]) => {
    const grants = events.filter((event) => event.type === 'access.break-glass');
    if (grants.length === 0) return;
    const audiences = new Map(
      (await deps.audiences(grants.map(grantIdOf), deps.clock())).map((audience) => [
        audience.grantId,
        audience,
      ]),
    );
    await deps.notify(
      grants.flatMap((event) => {
        const audience = audiences.get(grantIdOf(event));
        return audience === undefined ? [] : breakGlassNotices(event, audience, deps.timeZone);
      }),
    );
  };
  return startEventConsumer(BREAK_GLASS_NOTICES_CONSUMER, handle, deps);
}
