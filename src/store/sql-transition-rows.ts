import type { Selectable } from 'kysely';
import type { CareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { Responsible, Transition, TransitionItem } from '../domain/transitions/transition.ts';
import type { TransitionWithItems } from '../domain/transitions/transition-ports.ts';
import type { TransitionItemsTable, TransitionsTable } from './database-schema.ts';

export function transitionRow(transition: Transition): Selectable<TransitionsTable> {
  return {
    patient_id: transition.patientId,
    id: transition.id,
    stay_id: transition.stayId,
    discharge_event_id: transition.dischargeEventId,
    opened_at: transition.openedAt,
    discharged_at: transition.dischargedAt,
    status: transition.status,
    closed_at: transition.closedAt,
    version: transition.version,
  };
}

export function transitionOf(row: Selectable<TransitionsTable>): Transition {
  return {
    id: row.id,
    patientId: row.patient_id,
    stayId: row.stay_id,
    dischargeEventId: row.discharge_event_id,
    openedAt: row.opened_at,
    dischargedAt: row.discharged_at,
    status: row.status,
    closedAt: row.closed_at,
    version: row.version,
  };
}

export function itemRow(item: TransitionItem): Selectable<TransitionItemsTable> {
  const done = item.completion;
  return {
    patient_id: item.patientId,
    id: item.id,
    transition_id: item.transitionId,
    kind: item.kind,
    label_fr: item.label?.fr ?? null,
    label_en: item.label?.en ?? null,
    responsible: item.responsible,
    due_at: item.dueAt,
    deadline_source: item.deadlineSource,
    pathway_template_id: item.pathwayStep?.templateId ?? null,
    pathway_step_id: item.pathwayStep?.stepId ?? null,
    note: item.note,
    status: item.status,
    done_at: done?.at ?? null,
    done_by_account_id: done?.byAccountId ?? null,
    done_by_name: done?.byName ?? null,
    evidence: done?.evidence ?? null,
    evidence_ref: done?.evidenceRef ?? null,
    task_id: item.taskId,
    created_at: item.createdAt,
  };
}

export function itemOf(row: Selectable<TransitionItemsTable>): TransitionItem {
  return {
    id: row.id,
    patientId: row.patient_id,
    transitionId: row.transition_id,
    kind: row.kind,
    label: row.label_fr === null || row.label_en === null ? null : { fr: row.label_fr, en: row.label_en },
    responsible: row.responsible as Responsible | CareTeamRole,
    dueAt: row.due_at,
    deadlineSource: row.deadline_source,
    pathwayStep:
      row.pathway_template_id === null || row.pathway_step_id === null
        ? null
        : { templateId: row.pathway_template_id, stepId: row.pathway_step_id },
    note: row.note,
    status: row.status,
    completion:
      row.done_at === null || (row.status !== 'done' && row.status !== 'not-needed')
        ? null
        : {
            status: row.status,
            at: row.done_at,
            byAccountId: row.done_by_account_id,
            byName: row.done_by_name,
            evidence: row.evidence,
            evidenceRef: row.evidence_ref,
          },
    taskId: row.task_id,
    createdAt: row.created_at,
  };
}

/** Transitions with their items, in the order of `rows`. */
export function withItems(
  rows: readonly Selectable<TransitionsTable>[],
  items: readonly Selectable<TransitionItemsTable>[],
): TransitionWithItems[] {
  return rows.map((row) => ({
    transition: transitionOf(row),
    items: items
      .filter((item) => item.transition_id === row.id)
      .map(itemOf)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
  }));
}
