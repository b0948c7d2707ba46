import type { NotifyIntent } from '../rules/rule-ports.ts';
import type { NotificationRequest } from './notification.ts';

/**
 * The notifications a rule's notify action sends: one per account holding the role in the patient's
 * care team, keyed by the intent (rule, event, action) so a replay sends nothing twice. The title is
 * the rule's subject and the body its reason in words, written by the rule set without patient
 * identity; the link opens the record through the access check.
 */
export function ruleNotices(intent: NotifyIntent, accountIds: readonly string[]): NotificationRequest[] {
  return accountIds.map((accountId) => ({
    idempotencyKey: intent.key,
    recipientAccountId: accountId,
    kind: 'rule-alert',
    urgency: intent.urgent ? 'urgent' : 'normal',
    patientId: intent.patientId,
    link: `/patients/${intent.patientId}`,
    title: intent.subject.fr,
    body: intent.explanation.fr,
  }));
}
