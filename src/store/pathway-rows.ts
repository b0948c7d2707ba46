import type { Insertable, Selectable } from 'kysely';
import type { CareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { Enrolment } from '../domain/pathways/pathway-enrolment.ts';
import type { EvidenceKind } from '../domain/pathways/pathway-template.ts';
import type { StepOccurrence } from '../domain/pathways/step-occurrence.ts';
import type { Database, PathwayEnrolmentsTable, PathwayOccurrencesTable } from './database-schema.ts';

/** The columns of an occurrence, in the order `occurrenceOf` reads them. */
export const OCCURRENCE_COLUMNS = [
  'patient_id',
  'id',
  'enrolment_id',
  'template_id',
  'template_version',
  'step_id',
  'cause_key',
  'role',
  'status',
  'trigger_at',
  'earliest_at',
  'due_at',
  'late_at',
  'completed_at',
  'evidence_kind',
  'evidence_id',
  'evidence_label',
  'skip_reason',
  'closed_by_account_id',
] as const;

export function occurrenceRow(o: StepOccurrence): Insertable<Database['pathway_occurrences']> {
  return {
    patient_id: o.patientId,
    id: o.id,
    enrolment_id: o.enrolmentId,
    template_id: o.templateId,
    template_version: o.templateVersion,
    step_id: o.stepId,
    cause_key: o.causeKey,
    role: o.role,
    status: o.status,
    trigger_at: o.triggerAt,
    earliest_at: o.earliestAt,
    due_at: o.dueAt,
    late_at: o.lateAt,
    completed_at: o.completedAt,
    evidence_kind: o.evidence?.kind ?? null,
    evidence_id: o.evidence?.id ?? null,
    evidence_label: o.evidence?.label ?? null,
    skip_reason: o.skipReason,
    closed_by_account_id: o.closedByAccountId,
  };
}

export function occurrenceOf(row: Selectable<PathwayOccurrencesTable>): StepOccurrence {
  return {
    id: row.id,
    patientId: row.patient_id,
    enrolmentId: row.enrolment_id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    stepId: row.step_id,
    causeKey: row.cause_key,
    role: row.role as CareTeamRole,
    status: row.status,
    triggerAt: row.trigger_at,
    earliestAt: row.earliest_at,
    dueAt: row.due_at,
    lateAt: row.late_at,
    completedAt: row.completed_at,
    // The evidence time is the completion time: a done occurrence is completed by its evidence.
    evidence:
      row.evidence_kind === null || row.completed_at === null
        ? null
        : {
            kind: row.evidence_kind as EvidenceKind,
            id: row.evidence_id ?? '',
            label: row.evidence_label ?? '',
            at: row.completed_at,
          },
    skipReason: row.skip_reason,
    closedByAccountId: row.closed_by_account_id,
  };
}

export function enrolmentRow(e: Enrolment): Insertable<Database['pathway_enrolments']> {
  return {
    patient_id: e.patientId,
    id: e.id,
    template_id: e.templateId,
    template_version: e.templateVersion,
    status: e.status,
    started_on: e.startedOn,
    start_at: e.startAt,
    origin_kind: e.origin.kind,
    origin_ref: e.origin.ref,
    paused_at: e.pausedAt,
    ended_at: e.endedAt,
    end_reason: e.endReason,
    version: e.version,
  };
}

export function enrolmentOf(row: Selectable<PathwayEnrolmentsTable>): Enrolment {
  return {
    id: row.id,
    patientId: row.patient_id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    status: row.status,
    startedOn: row.started_on,
    startAt: row.start_at,
    origin:
      row.origin_kind === 'rule'
        ? { kind: 'rule', ref: row.origin_ref ?? '' }
        : { kind: 'manual', ref: null },
    pausedAt: row.paused_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    version: row.version,
  };
}
