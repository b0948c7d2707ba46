import type { TaskDetail, TaskSummary } from '../contracts/task-contracts.ts';
import type { TaskCommentView, TaskListItem } from '../domain/tasks/task-views.ts';

/** A task in a list, as the API shows it. */
export function presentTaskSummary(item: TaskListItem): TaskSummary {
  const { task } = item;
  const { assignee } = task;
  return {
    id: task.id,
    patient: task.patientId === null ? null : { id: task.patientId, name: item.patientName },
    title: task.title,
    status: task.status,
    priority: task.priority,
    dueAt: task.dueAt?.toISOString() ?? null,
    bucket: item.bucket,
    assignee: {
      kind: assignee.kind,
      practitionerId: assignee.kind === 'practitioner' ? assignee.practitionerId : null,
      role: assignee.kind === 'care-team-role' ? assignee.role : null,
      organizationId: assignee.kind === 'service' ? assignee.organizationId : null,
      label: item.assigneeLabel,
    },
    origin: task.origin,
    about: task.about,
    claimedBy: task.claimedBy === null ? null : { practitionerId: task.claimedBy, name: item.claimedByName },
    createdBy: item.createdByName,
    createdAt: task.createdAt.toISOString(),
    via: item.via,
    actions: item.actions,
  };
}

/** One task with its comments, as the API shows it. */
export function presentTaskDetail(item: TaskListItem & { comments: readonly TaskCommentView[] }): TaskDetail {
  const { task } = item;
  return {
    ...presentTaskSummary(item),
    details: task.details,
    updatedAt: task.updatedAt.toISOString(),
    closedAt: task.closedAt?.toISOString() ?? null,
    closedBy: item.closedByName,
    cancelReason: task.cancelReason,
    comments: item.comments.map((comment) => ({
      id: comment.id,
      author: comment.authorName,
      authorPractitionerId: comment.authorPractitionerId,
      text: comment.text,
      at: comment.at.toISOString(),
    })),
  };
}
