import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { NewId } from '../shared/new-id.ts';
import type { Transition, TransitionItem } from './transition.ts';

/** When, by whom and how ids are made, for the events a transition write appends. */
export interface TransitionEventContext {
  readonly at: Date;
  readonly actorAccountId: string | null;
  readonly newId: NewId;
}

/**
 * The journal events of transitions. Payloads name the item's kind and dates, never free text (notes
 * stay in the transition tables: the journal feeds notifications and the timeline).
 */
export function transitionOpenedEvent(
  transition: Transition,
  items: readonly TransitionItem[],
  context: TransitionEventContext,
): DomainEvent {
  return eventOf('transition.opened', transition, context, {
    items: items.map((item) => item.kind).join(','),
  });
}

/** transition.closed or transition.cancelled. */
export function transitionEndedEvent(
  type: 'transition.closed' | 'transition.cancelled',
  transition: Transition,
  context: TransitionEventContext,
): DomainEvent {
  return eventOf(type, transition, context, {});
}

/** An item added, completed (done or not needed), or gone late (with the role asked to act). */
export function itemEvent(
  type: 'transition.item-added' | 'transition.item-completed' | 'transition.item-late',
  transition: Transition,
  item: TransitionItem,
  context: TransitionEventContext,
  extra: { readonly assignedRole?: string } = {},
): DomainEvent {
  return eventOf(type, transition, context, {
    itemId: item.id,
    kind: item.kind,
    status: item.status,
    dueAt: item.dueAt.toISOString(),
    by: item.completion?.byName ?? null,
    ...extra,
  });
}

function eventOf(
  type: EventType,
  transition: Transition,
  context: TransitionEventContext,
  payload: DomainEvent['payload'],
): DomainEvent {
  return {
    id: context.newId(),
    type,
    patientId: transition.patientId,
    actorAccountId: context.actorAccountId,
    occurredAt: context.at,
    payload: { transitionId: transition.id, stayId: transition.stayId, ...payload },
  };
}
