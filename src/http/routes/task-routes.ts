import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CreatedId, NoContent, PatientIdParams } from '../../contracts/common-contracts.ts';
import {
  CancelTaskRequest,
  CommentTaskRequest,
  NewTaskRequest,
  PatientTaskList,
  ReassignTaskRequest,
  TaskDetail,
  TaskIdParams,
  WorklistCount,
  WorklistPage,
  WorklistQuery,
} from '../../contracts/task-contracts.ts';
import type { TaskService } from '../../domain/tasks/task-service.ts';
import type { TaskChange } from '../../domain/tasks/task.ts';
import {
  checkWorklistLimit,
  decodeWorklistCursor,
  DEFAULT_WORKLIST_LIMIT,
  type WorklistFilters,
} from '../../domain/tasks/worklist.ts';
import type { WorklistService } from '../../domain/tasks/worklist-service.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';
import { presentTaskDetail, presentTaskSummary } from '../task-presenter.ts';

/** The state changes that need no body, each a POST /api/tasks/{taskId}/<path>. */
const SIMPLE_CHANGES = [
  { path: 'claim', summary: 'Take a role or service task for myself', change: { kind: 'claim' } },
  { path: 'start', summary: 'Start a task', change: { kind: 'start' } },
  { path: 'complete', summary: 'Complete a task', change: { kind: 'complete' } },
] as const satisfies readonly { path: string; summary: string; change: TaskChange }[];

/** Tasks, worklists and a patient's open tasks; every call goes through the task or patient gate. */
export const taskRoutes: FastifyPluginCallbackTypebox<{ tasks: TaskService; worklist: WorklistService }> = (
  app,
  { tasks, worklist },
  done,
) => {
  const professional = { audience: 'professional' } as const;

  app.post(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task, for a patient (I must be in their care team) or none',
        body: NewTaskRequest,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request, reply) => {
      const { dueAt, ...body } = request.body;
      const { id } = await tasks.createTask(
        principalOf(request),
        { ...body, dueAt: dueAt === null ? null : new Date(dueAt) },
        originOf(request),
      );
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task with its comments and what I may do with it',
        params: TaskIdParams,
        response: { 200: TaskDetail, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) =>
      presentTaskDetail(
        await worklist.readTask(principalOf(request), request.params.taskId, originOf(request)),
      ),
  );

  for (const { path, summary, change } of SIMPLE_CHANGES) {
    app.post(
      `/api/tasks/:taskId/${path}`,
      {
        schema: {
          tags: ['tasks'],
          summary,
          params: TaskIdParams,
          response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
        },
        config: professional,
      },
      async (request, reply) => {
        await tasks.changeTask(principalOf(request), request.params.taskId, change, originOf(request));
        return reply.code(204).send();
      },
    );
  }

  app.post(
    '/api/tasks/:taskId/cancel',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Cancel a task, saying why',
        params: TaskIdParams,
        body: CancelTaskRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const change = { kind: 'cancel', reason: request.body.reason } as const;
      await tasks.changeTask(principalOf(request), request.params.taskId, change, originOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/tasks/:taskId/reassign',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Give a task to another practitioner, role or service',
        params: TaskIdParams,
        body: ReassignTaskRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const change = { kind: 'reassign', assignee: request.body.assignee } as const;
      await tasks.changeTask(principalOf(request), request.params.taskId, change, originOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/tasks/:taskId/comments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Comment on a task',
        params: TaskIdParams,
        body: CommentTaskRequest,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request, reply) => {
      const id = await tasks.commentTask(
        principalOf(request),
        request.params.taskId,
        request.body.text,
        originOf(request),
      );
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/worklist',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'What I must do now, for whom and why: open tasks, overdue first, then today, soon, later, undated',
        querystring: WorklistQuery,
        response: { 200: WorklistPage, ...problemResponses(400, 401, 403) },
      },
      config: professional,
    },
    async (request) => {
      const { limit, cursor, origin, ...rest } = request.query;
      const filters: WorklistFilters = { ...rest, ...(origin === undefined ? {} : { originKind: origin }) };
      const page = await worklist.worklist(
        principalOf(request),
        {
          filters,
          limit: checkWorklistLimit(limit === undefined ? DEFAULT_WORKLIST_LIMIT : Number(limit)),
          after: cursor === undefined ? null : decodeWorklistCursor(cursor),
        },
        originOf(request),
      );
      return { items: page.items.map(presentTaskSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/worklist/count',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The navigation badge: my open tasks overdue or due today (up to 99)',
        response: { 200: WorklistCount, ...problemResponses(401, 403) },
      },
      config: professional,
    },
    (request) => worklist.worklistCount(principalOf(request)),
  );

  app.get(
    '/api/patients/:patientId/tasks',
    {
      schema: {
        tags: ['patients', 'tasks'],
        summary: "A patient's open tasks, in worklist order",
        params: PatientIdParams,
        response: { 200: PatientTaskList, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) => ({
      items: (
        await worklist.patientTasks(principalOf(request), request.params.patientId, originOf(request))
      ).map(presentTaskSummary),
    }),
  );
  done();
};
