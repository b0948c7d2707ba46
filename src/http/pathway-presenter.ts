import type { Static } from 'typebox';
import type {
  EnrolmentView as EnrolmentContract,
  PathwayTemplateSummary,
  PathwayWorklist,
} from '../contracts/pathway-contracts.ts';
import type { EvidenceMatcher, PathwayTemplate } from '../domain/pathways/pathway-template.ts';
import { timingIsDefault } from '../domain/pathways/pathway-template.ts';
import type { PathwayWorklistItem } from '../domain/pathways/pathway-service.ts';
import type { EnrolmentView, OccurrenceView } from '../domain/pathways/pathway-views.ts';
import type { DueRule } from '../domain/pathways/step-window.ts';

const dueRule = (rule: DueRule) => ({
  earliest: rule.earliest?.text ?? null,
  target: rule.target.text,
  latest: rule.latest.text,
});

function evidenceOf(matcher: EvidenceMatcher) {
  const none = { codes: [], specialties: [], roles: [] };
  switch (matcher.kind) {
    case 'result':
      return { ...none, kind: matcher.kind, codes: matcher.loincCodes };
    case 'document':
      return { ...none, kind: matcher.kind, codes: matcher.typeCodes };
    case 'questionnaire':
      return { ...none, kind: matcher.kind, codes: matcher.instruments };
    case 'encounter':
      return { ...none, kind: matcher.kind, specialties: matcher.specialties, roles: matcher.roles };
    case 'task':
      return { ...none, kind: matcher.kind };
  }
}

export function presentTemplate(template: PathwayTemplate): Static<typeof PathwayTemplateSummary> {
  return {
    ...template,
    steps: template.steps.map((step) => ({
      id: step.id,
      label: step.label,
      patientLabel: step.patientLabel,
      role: step.role,
      specialty: step.specialty,
      referenceRoles: step.referenceRoles,
      trigger: {
        kind: step.trigger.kind,
        stepId: step.trigger.kind === 'step-done' ? step.trigger.stepId : null,
        eventType: step.trigger.kind === 'event' ? step.trigger.eventType : null,
      },
      due: dueRule(step.due),
      repeat: step.repeat === null ? null : dueRule(step.repeat),
      evidence: step.evidence.map(evidenceOf),
      confidence: step.confidence,
      timingIsDefault: timingIsDefault(step),
      sources: step.sourceRefs,
      notes: step.notes,
    })),
  };
}

function presentOccurrence(view: OccurrenceView) {
  const o = view.occurrence;
  return {
    id: o.id,
    status: view.status,
    state: view.state,
    triggerAt: o.triggerAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    lastOnTimeDay: view.lastOnTimeDay,
    completedAt: o.completedAt?.toISOString() ?? null,
    evidence:
      o.evidence === null ? null : { kind: o.evidence.kind, id: o.evidence.id, label: o.evidence.label },
    skipReason: o.skipReason,
    onTime: view.onTime,
  };
}

export function presentEnrolment(view: EnrolmentView): Static<typeof EnrolmentContract> {
  const { enrolment, template } = view;
  return {
    id: enrolment.id,
    templateId: enrolment.templateId,
    templateVersion: enrolment.templateVersion,
    title: template.title,
    status: enrolment.status,
    startedOn: enrolment.startedOn,
    enrolledBy: enrolment.origin.kind,
    endReason: enrolment.endReason,
    adherence: view.adherence,
    steps: view.steps.map((s) => ({
      stepId: s.step.id,
      label: s.step.label,
      role: s.step.role,
      specialty: s.step.specialty,
      timingIsDefault: s.timingIsDefault,
      occurrences: s.occurrences.map(presentOccurrence),
    })),
  };
}

export function presentWorklistItem(
  item: PathwayWorklistItem,
): Static<typeof PathwayWorklist>['items'][number] {
  const o = item.occurrence;
  const step = item.template.steps.find((s) => s.id === o.stepId);
  return {
    occurrenceId: o.id,
    patientId: o.patientId,
    patientName: item.patientName,
    templateId: o.templateId,
    pathwayTitle: item.template.title,
    stepId: o.stepId,
    stepLabel: step?.label ?? { fr: o.stepId, en: o.stepId },
    status: o.status,
    dueAt: o.dueAt.toISOString(),
    lastOnTimeDay: item.lastOnTimeDay,
    mustAct: {
      role: item.mustAct.role,
      vacant: item.mustAct.vacant,
      actors: item.mustAct.actors.map(({ practitionerId, name }) => ({ practitionerId, name })),
    },
    why: item.why,
  };
}
