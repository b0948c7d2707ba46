import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const Urgency = Type.Union([Type.Literal('urgent'), Type.Literal('normal')]);

/**
 * A notification as the app shows it; also the data of the live `notification` event. Title and body
 * never name the patient: `link` leads to the record through the access-checked route.
 */
export const NotificationItem = Type.Object({
  id: Uuid,
  kind: Type.String({
    description: 'task-assigned, referral-answered, patient-admitted, message, rule-alert…',
  }),
  urgency: Urgency,
  patientId: Nullable(Uuid),
  link: Type.String({ description: 'An in-app path' }),
  title: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationPage = Type.Object({
  items: ReadonlyList(NotificationItem),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last' })),
});
export type NotificationPage = Static<typeof NotificationPage>;

// Query strings are text and the server does not coerce types: the limit is checked as digits.
export const NotificationListQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1 to 100, default 20' })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const NotificationIdParams = Type.Object({ notificationId: Uuid });

export const UnreadCount = Type.Object({ count: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;

const EmailMode = Type.Union([
  Type.Literal('off'),
  Type.Literal('urgent-now-digest-rest'),
  Type.Literal('all-now'),
  Type.Literal('digest-only'),
]);
const DetailLevel = Type.Union([Type.Literal('minimal'), Type.Literal('titles')]);

/** My e-mail preferences, as I save them. */
export const NotificationSettingsInput = Type.Object(
  {
    emailAddress: Nullable(Type.String({ maxLength: 254, description: 'Empty or null: no e-mail' })),
    emailMode: EmailMode,
    digestHour: Type.Integer({ minimum: 0, maximum: 23, description: 'Hour of the daily digest' }),
    detailLevel: DetailLevel,
  },
  { additionalProperties: false },
);
export type NotificationSettingsInput = Static<typeof NotificationSettingsInput>;

/** My e-mail preferences, with what the server allows. */
export const NotificationSettingsView = Type.Object({
  emailAddress: Nullable(Type.String()),
  emailMode: EmailMode,
  digestHour: Type.Integer(),
  detailLevel: DetailLevel,
  emailEnabled: Type.Boolean({ description: 'False when the server sends no e-mail (no SMTP configured)' }),
  timeZone: Type.String({ description: 'The zone of the digest hour, e.g. Europe/Paris' }),
});
export type NotificationSettingsView = Static<typeof NotificationSettingsView>;

/** The data of the live `notifications-read` event: one notification, or all (null), was marked read. */
export const NotificationsReadEvent = Type.Object({ notificationId: Nullable(Uuid) });
export type NotificationsReadEvent = Static<typeof NotificationsReadEvent>;
