import type { TaskAction, TaskRelation } from './task-policy.ts';
import type { Task } from './task.ts';
import type { WorklistBucket } from './worklist.ts';

/** A task with the names around it; the patient's name only when the viewer is in the care team. */
export interface TaskView {
  readonly task: Task;
  /** The assignee in words: a practitioner's or service's name, or the role code. */
  readonly assigneeLabel: string;
  readonly claimedByName: string | null;
  readonly createdByName: string | null;
  readonly closedByName: string | null;
  readonly patientName: string | null;
}

export interface TaskCommentView {
  readonly id: string;
  readonly authorPractitionerId: string;
  readonly authorName: string;
  readonly text: string;
  readonly at: Date;
}

/** One task opened on its own page, with its comments oldest first. */
export interface TaskDetail extends TaskView {
  readonly comments: readonly TaskCommentView[];
}

/** A worklist row as the store finds it: why the practitioner must act on it. */
export interface WorklistRow extends TaskView {
  readonly via: TaskRelation;
}

/** A task in a list, with its bucket and what the viewer may do with it. */
export interface TaskListItem extends TaskView {
  readonly bucket: WorklistBucket;
  /** How the task reached the viewer's worklist; null in lists that are not a worklist. */
  readonly via: TaskRelation | null;
  readonly actions: readonly TaskAction[];
}

/** A page of a worklist; `nextCursor` is null on the last page. */
export interface WorklistPage {
  readonly items: readonly TaskListItem[];
  readonly nextCursor: string | null;
}

/** The navigation badge: open tasks overdue or due today, counted up to a cap. */
export interface WorklistCount {
  readonly count: number;
  /** True when there are more than `count` (the badge then says "99+"). */
  readonly capped: boolean;
}
