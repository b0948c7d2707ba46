import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';

/**
 * The kinds of notification Relais knows. An open list: a context that needs a new kind adds it here
 * (the store keeps the kind as text, so no migration is needed).
 */
export const NOTIFICATION_KINDS = [
  'task-assigned',
  'task-overdue',
  'referral-answered',
  'referral-received',
  'referral-updated',
  'referral-overdue',
  'patient-admitted',
  'patient-discharged',
  'message',
  'rule-alert',
  'break-glass',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Something one account should know, as shown in the app. Title and body carry no patient identity
 * (no name, INS, birth date): the link leads to the record through the access-checked route, so a
 * recipient who has left the care team sees the text but not the patient (see ADR 0005).
 */
export interface Notification {
  readonly id: string;
  readonly recipientAccountId: string;
  /** A known kind when created; kept as text, so kinds removed later still read back. */
  readonly kind: string;
  readonly urgency: Urgency;
  readonly patientId: string | null;
  /** An in-app path, e.g. `/patients/<id>`. */
  readonly link: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

/**
 * What another context asks for. `idempotencyKey` is unique per recipient: asking twice with the same
 * key creates nothing new, so a journal consumer can replay a batch safely (key it by consumer, event
 * and action, as ADR 0004 says).
 */
export interface NotificationRequest {
  readonly idempotencyKey: string;
  readonly recipientAccountId: string;
  readonly kind: NotificationKind;
  readonly urgency: Urgency;
  readonly patientId: string | null;
  readonly link: string;
  readonly title: string;
  readonly body: string;
}

// An absolute in-app path: no scheme, no `//host`, no spaces or quotes.
const APP_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/%?=&#]*$/;
const CONTROL = /\p{Cc}/u;

export const TITLE_MAX = 200;
export const BODY_MAX = 1000;

/** Checks a request; error `invalid-input` listing every problem found. */
export function validateNotificationRequest(request: NotificationRequest): void {
  const problems: string[] = [];
  const key = request.idempotencyKey;
  if (key.length === 0 || key.length > 200) problems.push('idempotencyKey must have 1 to 200 characters');
  if (!isUuid(request.recipientAccountId)) problems.push('recipientAccountId must be a UUID');
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(request.kind))
    problems.push(`kind must be one of ${NOTIFICATION_KINDS.join(', ')}`);
  if (!(URGENCIES as readonly string[]).includes(request.urgency))
    problems.push('urgency must be urgent or normal');
  if (request.patientId !== null && !isUuid(request.patientId))
    problems.push('patientId must be a UUID or null');
  if (request.link.length > 500 || !APP_PATH.test(request.link))
    problems.push('link must be an in-app path starting with a single /');
  const title = request.title.trim();
  if (title.length === 0 || title.length > TITLE_MAX || CONTROL.test(title))
    problems.push(`title must be one line of 1 to ${TITLE_MAX} characters`);
  if (request.body.length > BODY_MAX) problems.push(`body must have at most ${BODY_MAX} characters`);
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
}
