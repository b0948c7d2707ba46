import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { TaskViewer } from './task-policy.ts';
import type { Task, TaskAssignee, TaskOriginKind } from './task.ts';
import type { TaskDetail, TaskView, WorklistRow } from './task-views.ts';
import type { WorklistQuery } from './worklist.ts';

/** A comment to add to a task. */
export interface NewTaskComment {
  readonly id: string;
  readonly taskId: string;
  readonly authorPractitionerId: string;
  readonly text: string;
  readonly at: Date;
}

/** Port: writes tasks and their journal events, each call in one transaction. */
export interface TaskStore {
  /** Inserts a task with its event. Error: `invalid-input` when a referenced id does not exist. */
  insert(task: Task, event: DomainEvent): Promise<void>;
  /**
   * Inserts the tasks whose idempotency key is new, with their events; a known key inserts nothing and
   * gives the existing task's id. Answers in input order. Error: `invalid-input` (unknown reference).
   */
  insertIdempotent(
    entries: readonly { readonly task: Task; readonly event: DomainEvent }[],
  ): Promise<{ id: string; created: boolean }[]>;
  /** The task's current state, for a decision (never shown as is). */
  find(taskId: string): Promise<Task | undefined>;
  /** The open tasks another context created about one of its objects (origin kind and ref). */
  openByOrigin(kind: TaskOriginKind, ref: string): Promise<Task[]>;
  /**
   * Saves the new state if the stored version is still `task.version`, bumping it, with the event.
   * Returns false (and writes nothing) when someone changed the task meanwhile.
   */
  saveChange(task: Task, event: DomainEvent): Promise<boolean>;
  addComment(comment: NewTaskComment, event: DomainEvent): Promise<void>;
}

/** Port: the facts task decisions need. */
export interface TaskFactsSource {
  /**
   * The practitioner as a task viewer: their organisation and their active roles in the patient's care
   * team (none when `patientId` is null), and their name for the journal.
   */
  viewer(
    practitionerId: string,
    accountId: string,
    patientId: string | null,
    on: Date,
  ): Promise<TaskViewer & { readonly name: string }>;
  /**
   * Each assignee in words (a name, a service name, the role code), or undefined when the practitioner
   * does not exist or the organisation is not a hospital service. Answers in input order.
   */
  describeAssignees(assignees: readonly TaskAssignee[]): Promise<(string | undefined)[]>;
}

/** A patient's open tasks (the record page), or all of them, closed too (the FHIR Task search). */
export type PatientTaskSelection = 'open' | 'all';

/**
 * Port: reads tasks for display. Patient names appear only where the practitioner is in the patient's
 * care team on `on`.
 */
export interface TaskReader {
  /** The task a comment belongs to, so it is opened through the task gate. */
  commentTask(commentId: string): Promise<string | undefined>;
  detail(taskId: string, practitionerId: string, on: Date): Promise<TaskDetail | undefined>;
  /**
   * The patient's open tasks in worklist order (at most MAX_WORKLIST_LIMIT), or with `all` every task
   * whatever its status, newest first (at most MAX_PATIENT_TASKS).
   */
  patientTasks(
    scope: PatientScope,
    practitionerId: string,
    on: Date,
    which: PatientTaskSelection,
  ): Promise<TaskView[]>;
  /**
   * The open tasks the practitioner must act on (assignee, role holder, service member, coordinator),
   * in worklist order after the query's cursor: up to `query.limit + 1` rows, so the caller knows
   * whether another page follows.
   */
  worklist(practitionerId: string, query: WorklistQuery, on: Date): Promise<WorklistRow[]>;
  /** How many of those tasks are due before `before`, counting at most `cap + 1`. */
  countDueBefore(practitionerId: string, before: Date, cap: number, on: Date): Promise<number>;
}
