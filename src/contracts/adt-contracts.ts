import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

/**
 * The ADT matching queue (issue 7): messages whose patient Relais could not name for certain, shown to
 * a human with the hospital's identity beside each candidate's. The reason codes repeat the domain's
 * (src/domain/stays/patient-matching.ts UNCERTAIN_REASONS); contracts hold no domain imports.
 */
const closed = { additionalProperties: false } as const;

export const MatchReason = Type.Union([
  Type.Literal('ins-and-local-id-disagree'),
  Type.Literal('local-ids-disagree'),
  Type.Literal('several-patients-share-the-traits'),
  Type.Literal('partial-traits-match'),
  Type.Literal('merge-of-two-patients'),
]);

const Sex = Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')]);

export const MatchQueueParams = Type.Object({ id: Uuid });

export const LinkMatchQueueItem = Type.Object({ patientId: Uuid }, closed);
export const DismissMatchQueueItem = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  closed,
);

/** The identity as the hospital sent it (PID). */
export const HospitalIdentity = Type.Object({
  birthFamilyName: Nullable(Type.String()),
  firstGivenName: Nullable(Type.String()),
  givenNames: Nullable(Type.String()),
  usedFamilyName: Nullable(Type.String()),
  birthDate: Nullable(IsoDate),
  sex: Sex,
  birthPlaceCode: Nullable(Type.String()),
  identityReliability: ReadonlyList(Type.String()),
});

/** A Relais patient the hospital's identity may be. */
export const MatchCandidateView = Type.Object({
  patientId: Uuid,
  birthFamilyName: Type.String(),
  firstGivenName: Type.String(),
  usedFamilyName: Nullable(Type.String()),
  birthDate: IsoDate,
  sex: Sex,
  hasIns: Type.Boolean(),
});

export const MatchQueueItemView = Type.Object({
  id: Uuid,
  facility: Type.String(),
  event: Type.String(),
  createdAt: IsoDateTime,
  reason: MatchReason,
  localIds: ReadonlyList(Type.Object({ authority: Type.String(), id: Type.String() })),
  hospitalIdentity: HospitalIdentity,
  candidates: ReadonlyList(MatchCandidateView),
  heldMessages: Type.Integer(),
});

export const MatchQueueList = Type.Object({ items: ReadonlyList(MatchQueueItemView) });

/** What resolving an item did to each message held behind it, in arrival order. */
export const MatchQueueResolution = Type.Object({
  outcomes: ReadonlyList(
    Type.Object({
      status: Type.Union([Type.Literal('applied'), Type.Literal('held'), Type.Literal('failed')]),
      patientId: Nullable(Uuid),
      detail: Nullable(Type.String()),
    }),
  ),
});

export type MatchQueueItemView = Static<typeof MatchQueueItemView>;
export type MatchQueueList = Static<typeof MatchQueueList>;
export type MatchQueueResolution = Static<typeof MatchQueueResolution>;
export type MatchReason = Static<typeof MatchReason>;
