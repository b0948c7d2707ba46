import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { SharingChoiceKind, SharingContext } from './sharing-choice.ts';
import type { SharingChoiceRow, SharingChoiceView } from './sharing-ports.ts';

const RECORDED: Readonly<Record<SharingChoiceKind, EventType>> = {
  objection: 'sharing.objection-recorded',
  restriction: 'sharing.restriction-set',
  consent: 'sharing.consent-given',
};

const WITHDRAWN: Readonly<Record<SharingChoiceKind, EventType>> = {
  objection: 'sharing.objection-withdrawn',
  restriction: 'sharing.restriction-withdrawn',
  consent: 'sharing.consent-withdrawn',
};

/**
 * What the timeline says about a choice: whom it names, in words. The category travels as
 * `restrictedCategory`, not `category`, which would hide the event itself from those it excludes.
 */
interface ChoicePayload {
  readonly choiceId: string;
  readonly practitionerId: string | null;
  readonly organizationId: string | null;
  readonly target: string | null;
  readonly restrictedCategory: string | null;
  readonly allowed: string | null;
  readonly onBehalf: boolean;
}

/** The event of a new choice, the names taken from the context it was checked against. */
export function recordedEvent(
  choice: SharingChoiceRow,
  patientId: string,
  context: SharingContext,
  id: string,
): DomainEvent {
  const nameOf = (practitionerId: string) =>
    context.practitioners.get(practitionerId)?.name ?? practitionerId;
  return eventOf(RECORDED[choice.kind], patientId, choice.recordedByAccountId, choice.recordedAt, id, {
    choiceId: choice.id,
    practitionerId: choice.practitionerId,
    organizationId: choice.organizationId,
    target: choice.practitionerId !== null ? nameOf(choice.practitionerId) : context.organizationName,
    restrictedCategory: choice.category,
    allowed:
      choice.allowedPractitionerIds.length === 0
        ? null
        : choice.allowedPractitionerIds.map(nameOf).join(', '),
    onBehalf: choice.onBehalf,
  });
}

/** The event of a withdrawal, `onBehalf` when a professional withdrew it for the patient. */
export function withdrawnEvent(
  choice: SharingChoiceView,
  patientId: string,
  by: { accountId: string; onBehalf: boolean; at: Date },
  id: string,
): DomainEvent {
  return eventOf(WITHDRAWN[choice.kind], patientId, by.accountId, by.at, id, {
    choiceId: choice.id,
    practitionerId: choice.practitioner?.id ?? null,
    organizationId: choice.organization?.id ?? null,
    target: choice.practitioner?.name ?? choice.organization?.name ?? null,
    restrictedCategory: choice.category,
    allowed:
      choice.allowedPractitioners.length === 0
        ? null
        : choice.allowedPractitioners.map((p) => p.name).join(', '),
    onBehalf: by.onBehalf,
  });
}

function eventOf(
  type: EventType,
  patientId: string,
  actorAccountId: string,
  occurredAt: Date,
  id: string,
  payload: ChoicePayload,
): DomainEvent {
  return { id, type, patientId, actorAccountId, occurredAt, payload: { ...payload } };
}
