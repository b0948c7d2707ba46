import type { DomainEvent } from '../journal/domain-event.ts';
import type { NewId } from '../shared/new-id.ts';
import { alertOf } from './patient-alert.ts';
import type {
  ActionOutcome,
  ActionRecord,
  FiringRecord,
  NotifyIntent,
  SystemTaskRequest,
} from './rule-ports.ts';
import type { PlannedAction, PlannedFiring } from './rule-evaluation.ts';

/** The task each `create-task` action of the firings asks for. */
export function taskRequestsOf(firings: readonly PlannedFiring[]): SystemTaskRequest[] {
  return firings.flatMap((firing) =>
    firing.actions.flatMap((action) =>
      action.kind === 'create-task'
        ? [
            {
              key: action.key,
              patientId: firing.trigger.patientId,
              role: action.role,
              title: action.title,
              priority: action.priority,
              dueAt: action.dueAt,
              explanation: firing.explanation,
              origin: { ruleSetId: firing.ruleSetId, ruleId: firing.ruleId, eventId: firing.trigger.id },
            },
          ]
        : [],
    ),
  );
}

/** The notification each `notify` action of the firings asks for. */
export function notifyIntentsOf(firings: readonly PlannedFiring[]): NotifyIntent[] {
  return firings.flatMap((firing) =>
    firing.actions.flatMap((action) =>
      action.kind === 'notify'
        ? [
            {
              key: action.key,
              patientId: firing.trigger.patientId,
              role: action.role,
              urgent: action.urgent,
              subject: firing.ruleLabel,
              explanation: firing.explanation,
              eventId: firing.trigger.id,
            },
          ]
        : [],
    ),
  );
}

/** A firing as stored: each action with its outcome, the alerts it raises and its `rule.fired` event. */
export function firingRecordOf(
  firing: PlannedFiring,
  notified: ReadonlySet<string>,
  newId: NewId,
): FiringRecord {
  const id = newId();
  const alerts = firing.actions.flatMap(
    (action) => alertOf(action, firing, { alertId: newId(), firingId: id }) ?? [],
  );
  const actions = firing.actions.map((action) => actionRecordOf(action, notified));
  const notifyRoles = firing.actions.flatMap((a) => (a.kind === 'notify' ? [a.role] : []));
  const pathways = firing.actions.flatMap((a) => (a.kind === 'enrol-in-pathway' ? [a.templateId] : []));
  const event: DomainEvent = {
    id: newId(),
    type: 'rule.fired',
    patientId: firing.trigger.patientId,
    actorAccountId: null,
    occurredAt: firing.decidedAt,
    payload: {
      ruleSetId: firing.ruleSetId,
      ruleId: firing.ruleId,
      ruleVersion: firing.ruleVersion,
      labelFr: firing.ruleLabel.fr,
      labelEn: firing.ruleLabel.en,
      explanationFr: firing.explanation.fr,
      explanationEn: firing.explanation.en,
      triggerEventId: firing.trigger.id,
      actions: firing.actions.map((a) => a.kind).join(','),
      // For the notification fan-out, which reads the journal: who this firing wants told.
      notifyRoles: notifyRoles.join(','),
      // For the pathways consumer, which enrols the patient from the trigger's time.
      enrolIn: pathways.join(','),
      triggerAt: firing.trigger.occurredAt.toISOString(),
    },
  };
  return { id, firing, actions, alerts, event };
}

function actionRecordOf(action: PlannedAction, notified: ReadonlySet<string>): ActionRecord {
  const record = (outcome: ActionOutcome, detail: ActionRecord['detail']) => ({
    key: action.key,
    kind: action.kind,
    outcome,
    detail,
  });
  switch (action.kind) {
    case 'create-task':
      return record('task-requested', {
        role: action.role,
        priority: action.priority,
        dueAt: action.dueAt.toISOString(),
        titleFr: action.title.fr,
      });
    case 'notify':
      return record(notified.has(action.key) ? 'notified' : 'recorded', {
        role: action.role,
        urgent: action.urgent,
      });
    case 'raise-alert':
      return record('shown-on-record', { textFr: action.text.fr });
    case 'suggest-referral':
      return record('shown-on-record', { specialty: action.specialty });
    case 'enrol-in-pathway':
      return record('shown-on-record', { templateId: action.templateId });
  }
}
