import type { NewId } from '../shared/new-id.ts';
import { localDateOf } from '../shared/wall-clock.ts';
import type { Enrolment } from './pathway-enrolment.ts';
import { evidenceRefOf, stepAccepts, stepMayAccept, type Evidence } from './pathway-evidence.ts';
import type { PathwayStep, PathwayTemplate } from './pathway-template.ts';
import {
  completeOccurrence,
  acceptsEvidenceAt,
  openStatusAt,
  type StepOccurrence,
} from './step-occurrence.ts';
import { windowFrom, type DueRule } from './step-window.ts';

/** How occurrences are made: the territory's time zone and the id maker. */
export interface PlanContext {
  readonly timeZone: string;
  readonly newId: NewId;
}

/** A new occurrence of `step`, triggered at `triggerAt` for the reason `causeKey`; the due scan moves it on. */
export function newOccurrence(
  enrolment: Enrolment,
  step: PathwayStep,
  trigger: { readonly at: Date; readonly causeKey: string; readonly rule: DueRule },
  context: PlanContext,
): StepOccurrence {
  const window = windowFrom(trigger.at, trigger.rule, context.timeZone);
  return {
    id: context.newId(),
    patientId: enrolment.patientId,
    enrolmentId: enrolment.id,
    templateId: enrolment.templateId,
    templateVersion: enrolment.templateVersion,
    stepId: step.id,
    causeKey: trigger.causeKey,
    role: step.role,
    status: 'scheduled',
    triggerAt: trigger.at,
    ...window,
    completedAt: null,
    evidence: null,
    skipReason: null,
    closedByAccountId: null,
  };
}

/**
 * The occurrences an enrolment starts with: the steps started by the enrolment, and those started by
 * the event the start date stands for (a discharge pathway's discharge).
 */
export function firstOccurrences(
  template: PathwayTemplate,
  enrolment: Enrolment,
  context: PlanContext,
): StepOccurrence[] {
  return template.steps
    .filter(
      (step) =>
        step.trigger.kind === 'enrolment' ||
        (step.trigger.kind === 'event' && step.trigger.eventType === template.startsWith),
    )
    .map((step) =>
      newOccurrence(enrolment, step, { at: enrolment.startAt, causeKey: 'start', rule: step.due }, context),
    );
}

/** The occurrences a journal event starts in an active enrolment (e.g. a new discharge). */
export function occurrencesForEvent(
  template: PathwayTemplate,
  enrolment: Enrolment,
  event: { readonly id: string; readonly type: string; readonly occurredAt: Date },
  context: PlanContext,
): StepOccurrence[] {
  if (enrolment.status !== 'active' || event.occurredAt < enrolment.startAt) return [];
  // The event the start date stands for (the discharge) is the start itself, not a new one.
  if (
    event.type === template.startsWith &&
    localDateOf(event.occurredAt, context.timeZone) <= enrolment.startedOn
  )
    return [];
  return template.steps
    .filter((step) => step.trigger.kind === 'event' && step.trigger.eventType === event.type)
    .map((step) =>
      newOccurrence(
        enrolment,
        step,
        { at: event.occurredAt, causeKey: `event:${event.id}`, rule: step.due },
        context,
      ),
    );
}

/** A completion and what it started. */
export interface Completion {
  readonly occurrence: StepOccurrence;
  readonly step: PathwayStep;
  readonly template: PathwayTemplate;
  readonly evidence: Evidence;
  /** The next occurrence of a recurring step and the first of the steps that follow this one. */
  readonly next: readonly StepOccurrence[];
}

/**
 * Matches evidence with open occurrences of active enrolments, oldest evidence first. One piece of
 * evidence completes at most one occurrence per step (the one due first), never an occurrence whose
 * window opens after it; each completion schedules the step's next occurrence (anchored on the
 * evidence) and starts the steps that follow it.
 */
export function matchEvidence(
  input: {
    readonly templateOf: (enrolment: Enrolment) => PathwayTemplate | undefined;
    readonly enrolments: readonly Enrolment[];
    readonly open: readonly StepOccurrence[];
    readonly evidence: readonly Evidence[];
  },
  context: PlanContext,
): Completion[] {
  const enrolments = new Map(input.enrolments.filter((e) => e.status === 'active').map((e) => [e.id, e]));
  const openByPatient = new Map<string, StepOccurrence[]>();
  const addOpen = (occurrence: StepOccurrence) => {
    const list = openByPatient.get(occurrence.patientId) ?? [];
    list.push(occurrence);
    openByPatient.set(occurrence.patientId, list);
  };
  for (const occurrence of input.open) addOpen(occurrence);
  const completions: Completion[] = [];
  const byTime = [...input.evidence].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const evidence of byTime) {
    const candidates = openByPatient.get(evidence.patientId) ?? [];
    const chosen = new Map<
      string,
      { occurrence: StepOccurrence; step: PathwayStep; template: PathwayTemplate }
    >();
    for (const occurrence of candidates) {
      const enrolment = enrolments.get(occurrence.enrolmentId);
      const template = enrolment === undefined ? undefined : input.templateOf(enrolment);
      const step = template?.steps.find((s) => s.id === occurrence.stepId);
      if (enrolment === undefined || template === undefined || step === undefined) continue;
      if (!acceptsEvidenceAt(occurrence, evidence.at) || !stepAccepts(step, evidence, occurrence.id))
        continue;
      const key = `${occurrence.enrolmentId}/${occurrence.stepId}`;
      const current = chosen.get(key);
      if (current === undefined || occurrence.dueAt < current.occurrence.dueAt)
        chosen.set(key, { occurrence, step, template });
    }
    for (const { occurrence, step, template } of chosen.values()) {
      const enrolment = enrolments.get(occurrence.enrolmentId);
      if (enrolment === undefined) continue;
      const done = completeOccurrence(occurrence, evidenceRefOf(evidence));
      const next = followUps(template, enrolment, done, step, context);
      openByPatient.set(
        evidence.patientId,
        (openByPatient.get(evidence.patientId) ?? []).filter((o) => o.id !== occurrence.id),
      );
      for (const occurrenceNext of next) addOpen(occurrenceNext);
      completions.push({ occurrence: done, step, template, evidence, next });
    }
  }
  return completions;
}

/**
 * The steps of the templates that some of the evidence could complete, each once: only their open
 * occurrences need loading for matchEvidence.
 */
export function stepsTakingEvidence(
  templates: readonly PathwayTemplate[],
  evidence: readonly Evidence[],
): { templateId: string; stepId: string }[] {
  const steps = new Map<string, { templateId: string; stepId: string }>();
  for (const template of templates)
    for (const step of template.steps)
      if (evidence.some((item) => stepMayAccept(step, item)))
        steps.set(`${template.id}/${step.id}`, { templateId: template.id, stepId: step.id });
  return [...steps.values()];
}

/** What a done occurrence starts: its step's next occurrence, and the steps triggered by this one. */
function followUps(
  template: PathwayTemplate,
  enrolment: Enrolment,
  done: StepOccurrence,
  step: PathwayStep,
  context: PlanContext,
): StepOccurrence[] {
  const at = done.completedAt ?? done.triggerAt;
  const causeKey = `after:${done.id}`;
  const repeat =
    step.repeat === null
      ? []
      : [newOccurrence(enrolment, step, { at, causeKey, rule: step.repeat }, context)];
  const following = template.steps
    .filter((s) => s.trigger.kind === 'step-done' && s.trigger.stepId === step.id)
    .map((s) => newOccurrence(enrolment, s, { at, causeKey, rule: s.due }, context));
  return [...repeat, ...following];
}

/** A change of an open occurrence's status that time alone causes. */
export interface DueTransition {
  readonly occurrence: StepOccurrence;
  readonly to: 'due' | 'rupture';
}

/** The occurrences whose status the clock has moved on at `now` (scheduled → due → rupture, never back). */
export function dueTransitions(open: readonly StepOccurrence[], now: Date): DueTransition[] {
  const rank = { scheduled: 0, due: 1, rupture: 2 } as const;
  return open.flatMap((occurrence) => {
    if (occurrence.status !== 'scheduled' && occurrence.status !== 'due') return [];
    const to = openStatusAt(occurrence, now);
    return rank[to] > rank[occurrence.status] && to !== 'scheduled' ? [{ occurrence, to }] : [];
  });
}
