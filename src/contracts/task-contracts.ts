import { Type, type Static } from 'typebox';
import { CARE_TEAM_ROLE_CODES } from './care-team-role-codes.ts';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;

export const TaskPriority = Type.Union([
  Type.Literal('urgent'),
  Type.Literal('high'),
  Type.Literal('normal'),
  Type.Literal('low'),
]);
export const TaskStatus = Type.Union([
  Type.Literal('todo'),
  Type.Literal('in_progress'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
]);
export const TaskOriginKind = Type.Union([
  Type.Literal('manual'),
  Type.Literal('rule'),
  Type.Literal('pathway'),
  Type.Literal('referral'),
  Type.Literal('transition'),
  Type.Literal('questionnaire'),
]);
export const CareTeamRoleCode = Type.Enum(CARE_TEAM_ROLE_CODES);
export const WorklistBucket = Type.Union([
  Type.Literal('overdue'),
  Type.Literal('today'),
  Type.Literal('soon'),
  Type.Literal('later'),
  Type.Literal('undated'),
]);
export const TaskAction = Type.Union([
  Type.Literal('claim'),
  Type.Literal('start'),
  Type.Literal('complete'),
  Type.Literal('cancel'),
  Type.Literal('reassign'),
  Type.Literal('comment'),
]);
export const TaskRelation = Type.Union([
  Type.Literal('assignee'),
  Type.Literal('role-holder'),
  Type.Literal('service-member'),
  Type.Literal('coordinator'),
  Type.Literal('care-team'),
  Type.Literal('creator'),
]);

/** Who must do it: a practitioner, a role in the patient's care team, or a hospital service. */
export const TaskAssigneeInput = Type.Union([
  Type.Object({ kind: Type.Literal('practitioner'), practitionerId: Uuid }, closed),
  Type.Object({ kind: Type.Literal('care-team-role'), role: CareTeamRoleCode }, closed),
  Type.Object({ kind: Type.Literal('service'), organizationId: Uuid }, closed),
]);

/** POST /api/tasks: a task by hand, for a patient (I must be in the care team) or none. */
export const NewTaskRequest = Type.Object(
  {
    patientId: Nullable(Uuid),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    details: Nullable(Type.String({ maxLength: 4000 })),
    assignee: TaskAssigneeInput,
    priority: TaskPriority,
    dueAt: Nullable(IsoDateTime),
    about: Nullable(
      Type.Object(
        {
          kind: Type.String({ minLength: 2, maxLength: 40 }),
          id: Type.String({ minLength: 1, maxLength: 200 }),
        },
        closed,
      ),
    ),
  },
  closed,
);
export type NewTaskRequest = Static<typeof NewTaskRequest>;

export const CancelTaskRequest = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  closed,
);
export const ReassignTaskRequest = Type.Object({ assignee: TaskAssigneeInput }, closed);
export const CommentTaskRequest = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000 }) },
  closed,
);
export type CancelTaskRequest = Static<typeof CancelTaskRequest>;
export type ReassignTaskRequest = Static<typeof ReassignTaskRequest>;
export type CommentTaskRequest = Static<typeof CommentTaskRequest>;

export const TaskIdParams = Type.Object({ taskId: Uuid });

const summaryFields = {
  id: Uuid,
  patient: Nullable(
    Type.Object({
      id: Uuid,
      name: Nullable(Type.String({ description: 'Only when I am in the patient’s care team' })),
    }),
  ),
  title: Type.String(),
  status: TaskStatus,
  priority: TaskPriority,
  dueAt: Nullable(IsoDateTime),
  bucket: WorklistBucket,
  assignee: Type.Object({
    kind: Type.Union([Type.Literal('practitioner'), Type.Literal('care-team-role'), Type.Literal('service')]),
    practitionerId: Nullable(Uuid),
    role: Nullable(CareTeamRoleCode),
    organizationId: Nullable(Uuid),
    label: Type.String({ description: 'A name, a service name, or the role code' }),
  }),
  origin: Type.Object({
    kind: TaskOriginKind,
    ref: Nullable(Type.String()),
    explanation: Nullable(Type.String({ description: 'Why the system created it, in words' })),
  }),
  about: Nullable(Type.Object({ kind: Type.String(), id: Type.String() })),
  claimedBy: Nullable(Type.Object({ practitionerId: Uuid, name: Nullable(Type.String()) })),
  createdBy: Nullable(Type.String({ description: 'The creator’s name; null for system tasks' })),
  createdAt: IsoDateTime,
  via: Nullable(TaskRelation),
  actions: ReadonlyList(TaskAction),
};

/** A task in a list: what, for whom, why, when, and what I may do. */
export const TaskSummary = Type.Object(summaryFields);
export type TaskSummary = Static<typeof TaskSummary>;

export const TaskComment = Type.Object({
  id: Uuid,
  author: Type.String(),
  authorPractitionerId: Uuid,
  text: Type.String(),
  at: IsoDateTime,
});

/** One task with its details, comments and closing. */
export const TaskDetail = Type.Object({
  ...summaryFields,
  details: Nullable(Type.String()),
  updatedAt: IsoDateTime,
  closedAt: Nullable(IsoDateTime),
  closedBy: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  comments: ReadonlyList(TaskComment),
});
export type TaskDetail = Static<typeof TaskDetail>;

export const WorklistQuery = Type.Object(
  {
    patientId: Type.Optional(Uuid),
    origin: Type.Optional(TaskOriginKind),
    priority: Type.Optional(TaskPriority),
    role: Type.Optional(CareTeamRoleCode),
    organizationId: Type.Optional(Uuid),
    limit: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,3}$', description: 'Page size, 1 to 100 (default 50)' }),
    ),
    cursor: Type.Optional(
      Type.String({
        maxLength: 300,
        description: 'nextCursor of the previous page',
        pattern: '^[A-Za-z0-9_-]+$',
      }),
    ),
  },
  closed,
);
export type WorklistQuery = Static<typeof WorklistQuery>;

export const WorklistPage = Type.Object({
  items: ReadonlyList(TaskSummary),
  nextCursor: Nullable(Type.String()),
});
export type WorklistPage = Static<typeof WorklistPage>;

export const WorklistCount = Type.Object({
  count: Type.Integer({ description: 'Open tasks of my worklist overdue or due today, at most 99' }),
  capped: Type.Boolean({ description: 'True when there are more than count (show "99+")' }),
});
export type WorklistCount = Static<typeof WorklistCount>;

export const PatientTaskList = Type.Object({ items: ReadonlyList(TaskSummary) });
export type PatientTaskList = Static<typeof PatientTaskList>;
