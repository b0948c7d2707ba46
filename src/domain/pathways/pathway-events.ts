import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { NewId } from '../shared/new-id.ts';
import type { Enrolment } from './pathway-enrolment.ts';
import type { PathwayStep, PathwayTemplate } from './pathway-template.ts';
import type { StepOccurrence } from './step-occurrence.ts';

/** When, by whom and how ids are made, for the events a pathway write appends. */
export interface PathwayEventContext {
  readonly at: Date;
  readonly actorAccountId: string | null;
  readonly newId: NewId;
}

/**
 * The journal events of pathways, with enough for the timeline to say them in words. Free text
 * (skip and end reasons) stays in the pathway tables: the journal feeds notifications.
 */
export function enrolledEvent(enrolment: Enrolment, template: PathwayTemplate, context: PathwayEventContext) {
  return eventOf('pathway.enrolled', enrolment.patientId, context, {
    ...enrolmentFields(enrolment, template),
    startedOn: enrolment.startedOn,
    by: enrolment.origin.kind,
    rule: enrolment.origin.ref,
  });
}

/** pathway.paused, pathway.resumed or pathway.ended. */
export function enrolmentChangedEvent(
  type: 'pathway.paused' | 'pathway.resumed' | 'pathway.ended',
  enrolment: Enrolment,
  template: PathwayTemplate,
  context: PathwayEventContext,
) {
  return eventOf(type, enrolment.patientId, context, enrolmentFields(enrolment, template));
}

/** Says which evidence completed the step, whether on time, and when the next occurrence falls due. */
export function stepCompletedEvent(
  occurrence: StepOccurrence,
  step: PathwayStep,
  next: readonly StepOccurrence[],
  context: PathwayEventContext,
) {
  const evidence = occurrence.evidence;
  const sameStep = next.find((o) => o.stepId === step.id);
  return eventOf('pathway.step-completed', occurrence.patientId, context, {
    ...stepFields(occurrence, step),
    evidenceKind: evidence?.kind ?? null,
    evidenceId: evidence?.id ?? null,
    evidence: evidence?.label ?? null,
    evidenceAt: evidence?.at.toISOString() ?? null,
    onTime: occurrence.completedAt !== null && occurrence.completedAt < occurrence.lateAt,
    nextDueAt: sameStep?.dueAt.toISOString() ?? null,
  });
}

export function stepDueEvent(occurrence: StepOccurrence, step: PathwayStep, context: PathwayEventContext) {
  return eventOf('pathway.step-due', occurrence.patientId, context, {
    ...stepFields(occurrence, step),
    dueAt: occurrence.dueAt.toISOString(),
  });
}

/** A rupture names the role asked to act (the step's, or the coordinator's when it is vacant). */
export function ruptureEvent(
  occurrence: StepOccurrence,
  step: PathwayStep,
  assignedRole: string,
  context: PathwayEventContext,
) {
  return eventOf('pathway.rupture-detected', occurrence.patientId, context, {
    ...stepFields(occurrence, step),
    lateSince: occurrence.lateAt.toISOString(),
    assignedRole,
  });
}

export function stepSkippedEvent(
  occurrence: StepOccurrence,
  step: PathwayStep,
  context: PathwayEventContext,
) {
  return eventOf('pathway.step-skipped', occurrence.patientId, context, stepFields(occurrence, step));
}

function enrolmentFields(enrolment: Enrolment, template: PathwayTemplate) {
  return {
    enrolmentId: enrolment.id,
    templateId: template.id,
    templateVersion: template.version,
    titleFr: template.title.fr,
    titleEn: template.title.en,
  };
}

function stepFields(occurrence: StepOccurrence, step: PathwayStep) {
  return {
    enrolmentId: occurrence.enrolmentId,
    templateId: occurrence.templateId,
    occurrenceId: occurrence.id,
    stepId: step.id,
    labelFr: step.label.fr,
    labelEn: step.label.en,
  };
}

function eventOf(
  type: EventType,
  patientId: string,
  context: PathwayEventContext,
  payload: DomainEvent['payload'],
): DomainEvent {
  return {
    id: context.newId(),
    type,
    patientId,
    actorAccountId: context.actorAccountId,
    occurredAt: context.at,
    payload,
  };
}
