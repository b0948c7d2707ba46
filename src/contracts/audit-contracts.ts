import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

export const AuditAction = Type.Union([
  Type.Literal('read'),
  Type.Literal('search'),
  Type.Literal('write'),
  Type.Literal('export'),
  Type.Literal('login'),
  Type.Literal('break-glass'),
]);
export type AuditAction = Static<typeof AuditAction>;

export const AuditOutcome = Type.Union([Type.Literal('allowed'), Type.Literal('denied')]);
export type AuditOutcome = Static<typeof AuditOutcome>;

// Query strings are text and the server does not coerce: the domain checks each value and says what is
// wrong (dates, UUIDs, known actions), so the schema only bounds their length.
const text = (description: string) => Type.Optional(Type.String({ maxLength: 200, description }));
const filterFields = {
  patientId: text('The patient (UUID)'),
  accountId: text('The account that acted (UUID)'),
  login: text('The log-in of the account that acted'),
  action: text('read, search, write, export, login or break-glass'),
  outcome: text('allowed or denied'),
  from: text(
    'From this date (YYYY-MM-DD, on the territory’s clocks, RELAIS_TIME_ZONE) or instant (ISO 8601 with offset)',
  ),
  to: text('Up to this date (included) or instant (excluded)'),
};

/** The filters of the audit log; each optional, empty meaning any. */
export const AuditLogFilterQuery = Type.Object(filterFields, { additionalProperties: false });
export type AuditLogFilterQuery = Static<typeof AuditLogFilterQuery>;

export const AuditLogListQuery = Type.Object(
  {
    ...filterFields,
    cursor: text('Pass the previous page’s nextCursor'),
    limit: text('1 to 200, default 50'),
  },
  { additionalProperties: false },
);
export type AuditLogListQuery = Static<typeof AuditLogListQuery>;

/** One audit entry, for the DPO: who (account, practitioner), role, patient, what, outcome, why, from where. */
export const AuditLogItem = Type.Object({
  seq: Type.String({ description: 'The entry’s place in the trail; newest highest' }),
  at: IsoDateTime,
  actor: Type.Object({
    kind: Type.Union([Type.Literal('professional'), Type.Literal('patient'), Type.Literal('anonymous')]),
    accountId: Nullable(Uuid),
    login: Nullable(Type.String()),
    name: Nullable(Type.String({ description: 'The practitioner’s name, for a professional' })),
    profession: Nullable(Type.String()),
  }),
  role: Nullable(
    Type.String({ description: 'Role in the patient’s care team at the time (or dpo, admin…)' }),
  ),
  /** The patients the entry is about: none, one, or several (a search's hits). */
  patientIds: ReadonlyList(Uuid),
  action: AuditAction,
  resource: Type.String(),
  outcome: AuditOutcome,
  reason: Type.String(),
  clientAddress: Nullable(Type.String()),
});
export type AuditLogItem = Static<typeof AuditLogItem>;

export const AuditLogPage = Type.Object({
  items: ReadonlyList(AuditLogItem),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last' })),
});
export type AuditLogPage = Static<typeof AuditLogPage>;

export const AccessActivity = Type.Union(
  [
    Type.Literal('viewed-record'),
    Type.Literal('viewed-results'),
    Type.Literal('viewed-document'),
    Type.Literal('viewed-questionnaires'),
    Type.Literal('found-in-list'),
    Type.Literal('added-document'),
    Type.Literal('added-result'),
    Type.Literal('changed-treatments'),
    Type.Literal('changed-record'),
    Type.Literal('wrote-referral'),
    Type.Literal('wrote-letter'),
    Type.Literal('exported'),
    Type.Literal('break-glass'),
  ],
  { description: 'What the professional did, for the portal to say in plain words' },
);
export type AccessActivity = Static<typeof AccessActivity>;

/** One line of "who accessed my record": one access, or identical ones within a few minutes. */
export const AccessLogItem = Type.Object({
  id: Type.String(),
  who: Type.Object({
    name: Nullable(Type.String()),
    profession: Nullable(Type.String()),
    specialty: Nullable(Type.String()),
  }),
  role: Nullable(Type.String({ description: 'Their role in your care team at the time' })),
  outsideTeam: Type.Boolean({ description: 'Reached your data without a place in your care team' }),
  activity: AccessActivity,
  outcome: AuditOutcome,
  breakGlass: Nullable(
    Type.Object({ reason: Nullable(Type.String({ description: 'The reason the professional gave' })) }),
  ),
  firstAt: IsoDateTime,
  lastAt: IsoDateTime,
  count: Type.Integer({ minimum: 1, description: 'Identical accesses folded into this line' }),
});
export type AccessLogItem = Static<typeof AccessLogItem>;

export const AccessLogPage = Type.Object({
  items: ReadonlyList(AccessLogItem),
  nextCursor: Nullable(Type.String()),
});
export type AccessLogPage = Static<typeof AccessLogPage>;

export const AccessLogQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
