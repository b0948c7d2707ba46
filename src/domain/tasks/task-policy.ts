import type { DataCategory } from '../access/data-category.ts';
import { changeAllowedFrom, taskCategory, type Task } from './task.ts';

/** What a professional may do with a task; `read` is implied by any relation. */
export type TaskAction = 'claim' | 'start' | 'complete' | 'cancel' | 'reassign' | 'comment';

/** The facts about the person looking at a task, loaded by the caller. */
export interface TaskViewer {
  readonly practitionerId: string;
  readonly accountId: string;
  readonly organizationId: string | null;
  /** The viewer's active roles in the care team of the task's patient (empty when none or no patient). */
  readonly patientRoles: readonly string[];
  /** The task's patient objects to sharing with the viewer (false for a task about no patient). */
  readonly objected: boolean;
  /** The categories the task's patient restricted to others than the viewer (none without a patient). */
  readonly hiddenCategories: readonly DataCategory[];
}

/**
 * Why someone sees a task. The first four make them one who must act (the worklist shows exactly
 * these); `care-team` and `creator` may follow and comment.
 */
export type TaskRelation =
  'assignee' | 'role-holder' | 'service-member' | 'coordinator' | 'care-team' | 'creator';

export const ACTOR_RELATIONS: readonly TaskRelation[] = [
  'assignee',
  'role-holder',
  'service-member',
  'coordinator',
];

/** The parts of a task the policy reads. */
export type TaskFacts = Pick<
  Task,
  'patientId' | 'assignee' | 'status' | 'claimedBy' | 'createdByAccountId' | 'origin'
>;

/**
 * Every way the viewer relates to the task, most direct first. Coordinators of the patient's care team
 * see all their caseload's tasks, which covers tasks for a role nobody holds.
 */
export function relationsTo(task: TaskFacts, viewer: TaskViewer): TaskRelation[] {
  // An objection refuses everything, as it does on the record (ADR 0012): the patient's tasks too; a
  // restricted category hides its tasks as it hides its data.
  if (viewer.objected || hiddenFrom(task, viewer)) return [];
  const relations: TaskRelation[] = [];
  const { assignee } = task;
  if (assignee.kind === 'practitioner' && assignee.practitionerId === viewer.practitionerId) {
    relations.push('assignee');
  }
  if (assignee.kind === 'care-team-role' && viewer.patientRoles.includes(assignee.role))
    relations.push('role-holder');
  if (assignee.kind === 'service' && assignee.organizationId === viewer.organizationId) {
    relations.push('service-member');
  }
  if (task.patientId !== null && viewer.patientRoles.includes('coordinator')) relations.push('coordinator');
  if (viewer.patientRoles.length > 0) relations.push('care-team');
  if (task.createdByAccountId !== null && task.createdByAccountId === viewer.accountId)
    relations.push('creator');
  return relations;
}

/**
 * The actions open to someone with these relations, given the task's state (sent to the UI with each
 * task). Actors do everything the status allows; the creator may also cancel; others may comment.
 */
export function allowedTaskActions(
  task: TaskFacts,
  relations: readonly TaskRelation[],
  practitionerId: string,
): TaskAction[] {
  if (relations.length === 0) return [];
  const actor = relations.some((relation) => ACTOR_RELATIONS.includes(relation));
  const actions: TaskAction[] = [];
  if (actor) {
    const groupTask = task.assignee.kind !== 'practitioner';
    if (groupTask && task.claimedBy !== practitionerId && changeAllowedFrom('claim', task.status)) {
      actions.push('claim');
    }
    for (const change of ['start', 'complete', 'cancel', 'reassign'] as const) {
      if (changeAllowedFrom(change, task.status)) actions.push(change);
    }
  } else if (relations.includes('creator') && changeAllowedFrom('cancel', task.status)) {
    actions.push('cancel');
  }
  actions.push('comment');
  return actions;
}

/** The outcome of a task access check, with its reason in words (for the audit trail and the user). */
export type TaskDecision = { readonly allowed: boolean; readonly reason: string };

/**
 * Decides whether the viewer may read the task or take an action on it, by relation only: whether the
 * task's status allows the change is the task's own rule (applyTaskChange answers `conflict`). Pure.
 */
export function decideTaskAccess(
  task: TaskFacts,
  viewer: TaskViewer,
  wanted: TaskAction | 'read',
): TaskDecision {
  if (viewer.objected)
    return { allowed: false, reason: 'the patient objects to sharing with this professional' };
  if (hiddenFrom(task, viewer))
    return {
      allowed: false,
      reason: `the patient restricted ${taskCategory(task) ?? ''} data to named professionals`,
    };
  const relations = relationsTo(task, viewer);
  if (relations.length === 0) {
    return { allowed: false, reason: 'not assigned to you, your roles, your service or your caseload' };
  }
  const reason = `task ${relations.join(', ')}`;
  const actor = relations.some((relation) => ACTOR_RELATIONS.includes(relation));
  const allowed =
    wanted === 'read' ||
    wanted === 'comment' ||
    actor ||
    (wanted === 'cancel' && relations.includes('creator'));
  return allowed
    ? { allowed, reason }
    : { allowed, reason: `${reason}: only those who must do it may ${wanted} it` };
}

function hiddenFrom(task: TaskFacts, viewer: TaskViewer): boolean {
  const category = taskCategory(task);
  return category !== null && viewer.hiddenCategories.includes(category);
}
