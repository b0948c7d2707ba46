import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import { requireProfessional, type TaskGate } from './task-gate.ts';
import { ACTOR_RELATIONS, allowedTaskActions, relationsTo, type TaskRelation } from './task-policy.ts';
import type { PatientTaskSelection, TaskFactsSource, TaskReader } from './task-ports.ts';
import type { TaskDetail, TaskListItem, TaskView, WorklistCount, WorklistPage } from './task-views.ts';
import {
  BADGE_COUNT_CAP,
  bucketBounds,
  bucketOf,
  encodeWorklistCursor,
  PRIORITY_RANK,
  type BucketBounds,
  type WorklistQuery,
} from './worklist.ts';

/** Reading tasks: one task, a patient's open tasks, and each professional's worklist with its badge. */
export function createWorklistService(deps: {
  access: PatientAccess;
  gate: TaskGate;
  audit: AuditTrail;
  facts: TaskFactsSource;
  reader: TaskReader;
  clock: Clock;
}) {
  const { access, gate, audit, facts, reader, clock } = deps;

  /** One task with its comments and what the reader may do. Errors: `forbidden`, `not-found`. */
  const readTask = async (
    principal: Principal,
    taskId: string,
    origin: RequestOrigin,
  ): Promise<TaskListItem & Pick<TaskDetail, 'comments'>> => {
    const { viewer, at } = await gate.open(principal, taskId, 'read', origin);
    const detail = await reader.detail(taskId, viewer.practitionerId, at);
    if (detail === undefined) throw new DomainError('not-found', `no task with id ${taskId}`);
    return {
      ...listItem(detail, relationsTo(detail.task, viewer), viewer.practitionerId, bucketBounds(at)),
      comments: detail.comments,
    };
  };

  return {
    readTask,

    /**
     * A task's comment, by its id alone, with its task read as readTask reads it (the task gate).
     * Errors: `forbidden`, `not-found` (no such comment).
     */
    async readComment(principal: Principal, commentId: string, origin: RequestOrigin) {
      const taskId = isUuid(commentId) ? await reader.commentTask(commentId) : undefined;
      if (taskId === undefined) throw new DomainError('not-found', `no task comment with id ${commentId}`);
      const detail = await readTask(principal, taskId, origin);
      const comment = detail.comments.find((candidate) => candidate.id === commentId);
      if (comment === undefined) throw new DomainError('not-found', `no task comment with id ${commentId}`);
      return { detail, comment };
    },

    /**
     * The patient's open tasks, for the record page, or all of them (`all`). Errors: `forbidden`,
     * `not-found` (patient).
     */
    async patientTasks(
      principal: Principal,
      patientId: string,
      origin: RequestOrigin,
      which: PatientTaskSelection = 'open',
    ): Promise<TaskListItem[]> {
      const professional = requireProfessional(principal);
      const scope = await access.open(principal, patientId, { action: 'read', resource: 'tasks' }, origin);
      const at = clock();
      const [viewer, views] = await Promise.all([
        facts.viewer(professional.practitionerId, professional.accountId, patientId, at),
        reader.patientTasks(scope, professional.practitionerId, at, which),
      ]);
      const bounds = bucketBounds(at);
      return views.map((view) =>
        listItem(view, relationsTo(view.task, viewer), viewer.practitionerId, bounds),
      );
    },

    /**
     * What the professional must do now, for whom and why: open tasks, overdue first, then today, soon,
     * later, undated. Every patient listed is audited like a search hit. Error: `forbidden` (patient).
     */
    async worklist(principal: Principal, query: WorklistQuery, origin: RequestOrigin): Promise<WorklistPage> {
      const professional = requireProfessional(principal);
      const now = clock();
      const rows = await reader.worklist(professional.practitionerId, query, now);
      const page = rows.slice(0, query.limit);
      const purpose = { action: 'search', resource: 'worklist' } as const;
      const listed = new Map(
        page.flatMap((row) => (row.task.patientId === null ? [] : [[row.task.patientId, row] as const])),
      );
      await audit.append(
        [...listed].map(([patientId, row]) =>
          auditEntryFor(principal, patientId, purpose, origin, now, {
            outcome: 'allowed',
            reason:
              row.patientName === null
                ? `worklist row outside the care team (${row.via})`
                : `worklist row within care team (${row.via})`,
            role: null,
          }),
        ),
      );
      const bounds = bucketBounds(now);
      const last = page.at(-1);
      return {
        items: page.map((row) => listItem(row, [row.via], professional.practitionerId, bounds)),
        nextCursor:
          rows.length > query.limit && last !== undefined
            ? encodeWorklistCursor({
                dueAt: last.task.dueAt,
                priorityRank: PRIORITY_RANK[last.task.priority],
                id: last.task.id,
              })
            : null,
      };
    },

    /** The navigation badge: open tasks of the worklist that are overdue or due today, up to 99. */
    async worklistCount(principal: Principal): Promise<WorklistCount> {
      const professional = requireProfessional(principal);
      const now = clock();
      const dueBefore = bucketBounds(now).startOfTomorrow;
      const count = await reader.countDueBefore(professional.practitionerId, dueBefore, BADGE_COUNT_CAP, now);
      return { count: Math.min(count, BADGE_COUNT_CAP), capped: count > BADGE_COUNT_CAP };
    },
  };
}

export type WorklistService = ReturnType<typeof createWorklistService>;

function listItem(
  view: TaskView,
  relations: readonly TaskRelation[],
  practitionerId: string,
  bounds: BucketBounds,
): TaskListItem {
  return {
    ...view,
    bucket: bucketOf(view.task.dueAt, bounds),
    via: relations.find((relation) => ACTOR_RELATIONS.includes(relation)) ?? null,
    actions: allowedTaskActions(view.task, relations, practitionerId),
  };
}
