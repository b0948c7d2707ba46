import type { Task as FhirTask } from '@medplum/fhirtypes';
import type { NewTask, Task, TaskAssignee, TaskPriority, TaskStatus } from '../../domain/tasks/task.ts';
import { lookup, reference, refuse, refuseUnheld } from './fhir-mapping.ts';

/** How each task status reads in FHIR: a task to do is ready to be performed, no acceptance awaited. */
const STATUS_TO_FHIR: Readonly<Record<TaskStatus, 'ready' | 'in-progress' | 'completed' | 'cancelled'>> = {
  todo: 'ready',
  in_progress: 'in-progress',
  done: 'completed',
  cancelled: 'cancelled',
};

/**
 * The priorities as the referral mapping reads them (asap: as soon as possible, short of urgent). FHIR
 * has nothing below routine, so a low task reads as routine too.
 */
const PRIORITY_TO_FHIR: Readonly<Record<TaskPriority, 'routine' | 'asap' | 'urgent'>> = {
  urgent: 'urgent',
  high: 'asap',
  normal: 'routine',
  low: 'routine',
};
const PRIORITY_FROM_FHIR: Readonly<Record<string, TaskPriority>> = {
  stat: 'urgent',
  urgent: 'urgent',
  asap: 'high',
  routine: 'normal',
};

/**
 * The elements a new coordination Task may carry; the others are refused by path, never dropped. The
 * server sets id, meta, authoredOn and lastModified: those are read and dropped, like the narrative.
 */
const KEPT = new Set([
  'resourceType',
  'id',
  'meta',
  'text',
  'authoredOn',
  'lastModified',
  'status',
  'intent',
  'priority',
  'description',
  'for',
  'owner',
  'restriction',
  'note',
]);

/**
 * A coordination task (tasks/, not a referral: that Task is task-mapper.ts) as an R4 Task: what to
 * do (`description`, the details as a note), for whom (`for`), who must do it (`owner`: the
 * practitioner or the hospital service; a care-team role as `performerType`, its holder once claimed
 * as owner), status, priority, the due instant (`restriction.period.end`), and why a system task was
 * raised (`reasonCode`).
 */
export function coordinationTaskToFhir(task: Task): FhirTask {
  const owner = ownerOf(task.assignee, task.claimedBy);
  return {
    resourceType: 'Task',
    id: task.id,
    meta: { lastUpdated: task.updatedAt.toISOString() },
    status: STATUS_TO_FHIR[task.status],
    ...(task.cancelReason === null ? {} : { statusReason: { text: task.cancelReason } }),
    intent: 'order',
    priority: PRIORITY_TO_FHIR[task.priority],
    description: task.title,
    ...(task.patientId === null ? {} : { for: reference('Patient', task.patientId) }),
    authoredOn: task.createdAt.toISOString(),
    lastModified: task.updatedAt.toISOString(),
    ...(task.assignee.kind === 'care-team-role' ? { performerType: [{ text: task.assignee.role }] } : {}),
    ...(owner === undefined ? {} : { owner }),
    ...(task.origin.explanation === null ? {} : { reasonCode: { text: task.origin.explanation } }),
    ...(task.dueAt === null ? {} : { restriction: { period: { end: task.dueAt.toISOString() } } }),
    ...(task.details === null ? {} : { note: [{ text: task.details }] }),
  };
}

function ownerOf(assignee: TaskAssignee, claimedBy: string | null): FhirTask['owner'] {
  if (assignee.kind === 'practitioner') return reference('Practitioner', assignee.practitionerId);
  if (claimedBy !== null) return reference('Practitioner', claimedBy);
  return assignee.kind === 'service' ? reference('Organization', assignee.organizationId) : undefined;
}

// A literal reference `Type/id`: the domain's ids are UUIDs, checked by the task's own rules.
const LITERAL = /^(Patient|Practitioner|Organization)\/([A-Za-z0-9.-]{1,64})$/;
// An instant with its time zone: a due time means nothing without one.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A new coordination Task (already valid against R4) as the domain's new task. Refused by path
 * (invalid-input): an intent other than order, a status other than requested or ready, no patient
 * (`for`), no description, an owner that is not a Practitioner or an Organization, a due date without
 * its time and zone, more than one note, and any element the task has no place for.
 */
export function newTaskFromFhir(resource: FhirTask): NewTask {
  refuseUnheld(
    resource,
    'Task',
    Object.keys(resource).filter((element) => !KEPT.has(element)),
  );
  if (resource.intent !== 'order') refuse('Task.intent', 'must be order (a task someone must do)');
  if (resource.status !== 'requested' && resource.status !== 'ready')
    refuse('Task.status', 'a new task is requested or ready');
  const description = resource.description?.trim() ?? '';
  if (description === '') refuse('Task.description', 'says what is to be done and is required');
  const patient = LITERAL.exec(resource.for?.reference ?? '');
  if (patient?.[1] !== 'Patient' || patient[2] === undefined)
    refuse('Task.for.reference', 'must name the patient as Patient/<id>');
  const priority = resource.priority === undefined ? 'normal' : lookup(PRIORITY_FROM_FHIR, resource.priority);
  if (priority === undefined) refuse('Task.priority', 'is not a priority');
  const notes = resource.note ?? [];
  if (notes.length > 1) refuse('Task.note', 'one note is kept (the details)');
  return {
    patientId: patient[2],
    title: description,
    details: notes[0]?.text ?? null,
    assignee: assigneeOf(resource),
    priority,
    dueAt: dueOf(resource),
    about: null,
  };
}

function assigneeOf(resource: FhirTask): TaskAssignee {
  const owner = LITERAL.exec(resource.owner?.reference ?? '');
  if (owner?.[1] === 'Practitioner' && owner[2] !== undefined)
    return { kind: 'practitioner', practitionerId: owner[2] };
  if (owner?.[1] === 'Organization' && owner[2] !== undefined)
    return { kind: 'service', organizationId: owner[2] };
  return refuse('Task.owner.reference', 'must name who does it: Practitioner/<id> or Organization/<id>');
}

function dueOf(resource: FhirTask): Date | null {
  const { restriction } = resource;
  if (restriction === undefined) return null;
  refuseUnheld(restriction, 'Task.restriction', ['repetitions', 'recipient', 'extension']);
  const end = restriction.period?.end;
  if (restriction.period?.start !== undefined)
    refuse('Task.restriction.period.start', 'Relais keeps the due instant alone (period.end)');
  if (end === undefined) refuse('Task.restriction.period.end', 'gives the due instant');
  if (!INSTANT.test(end)) refuse('Task.restriction.period.end', 'must be an instant with its time and zone');
  return new Date(end);
}
