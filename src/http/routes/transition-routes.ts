import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CreatedId, NoContent, PatientIdParams } from '../../contracts/common-contracts.ts';
import {
  AddItemRequest,
  IndicatorsQuery,
  InpatientsWorklist,
  ItemParams,
  MarkItemRequest,
  StayDetail,
  StayList,
  StayParams,
  TransitionIndicatorsView,
} from '../../contracts/transition-contracts.ts';
import { localDateOf } from '../../domain/shared/wall-clock.ts';
import type { TransitionItem } from '../../domain/transitions/transition.ts';
import type { TransitionWithItems } from '../../domain/transitions/transition-ports.ts';
import type { TransitionService } from '../../domain/transitions/transition-service.ts';
import type { MustAct } from '../../domain/transitions/transition-worklist.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';
import { presentStay } from '../stay-presenter.ts';

/**
 * Hospital stays and the transitions their discharges open: a patient's stays, one stay with its
 * checklist, adding home nursing or equipment, marking an item; the hospitalisation worklist and the
 * indicators over the caller's caseload. Patient routes go through the access gate.
 */
export const transitionRoutes: FastifyPluginCallbackTypebox<{ transitions: TransitionService }> = (
  app,
  { transitions },
  done,
) => {
  const { timeZone } = transitions;
  const professional = { audience: 'professional' } as const;
  const tags = ['transitions'];
  const stayPath = '/api/patients/:patientId/stays/:stayId';

  const presentItem = (item: TransitionItem) => ({
    id: item.id,
    kind: item.kind,
    label: item.label,
    responsible: item.responsible,
    dueAt: item.dueAt.toISOString(),
    // The item is late from dueAt on: its last day on time is the day before, on the Paris calendar.
    lastOnTimeDay: localDateOf(new Date(item.dueAt.getTime() - 1), timeZone),
    deadlineSource: item.deadlineSource,
    status: item.status,
    note: item.note,
    doneAt: item.completion?.at.toISOString() ?? null,
    doneBy: item.completion?.byName ?? null,
    evidence: item.completion?.evidence ?? null,
    evidenceRef: item.completion?.evidenceRef ?? null,
    taskId: item.taskId,
  });
  const presentTransition = ({ transition, items }: TransitionWithItems) => ({
    id: transition.id,
    status: transition.status,
    openedAt: transition.openedAt.toISOString(),
    dischargedAt: transition.dischargedAt.toISOString(),
    closedAt: transition.closedAt?.toISOString() ?? null,
    version: transition.version,
    items: items.map(presentItem),
  });
  const summary = ({ transition, items }: TransitionWithItems) => {
    const open = items.filter((i) => i.status === 'pending' || i.status === 'late');
    return {
      id: transition.id,
      status: transition.status,
      total: items.length,
      closedItems: items.length - open.length,
      late: items.filter((i) => i.status === 'late').length,
      nextDueAt: open[0]?.dueAt.toISOString() ?? null,
    };
  };
  const presentMustAct = (mustAct: MustAct) => ({
    role: mustAct.role,
    names: mustAct.members.map((m) => m.name),
  });

  app.get(
    '/api/patients/:patientId/stays',
    {
      schema: {
        tags,
        summary: "The patient's hospital stays, latest first, each with its transition's progress",
        params: PatientIdParams,
        response: { 200: StayList, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) => ({
      items: (
        await transitions.staysOf(principalOf(request), request.params.patientId, originOf(request))
      ).map(({ stay, transition }) => ({
        stay: presentStay(stay),
        transition: transition === null ? null : summary(transition),
      })),
    }),
  );

  app.get(
    stayPath,
    {
      schema: {
        tags,
        summary: 'One stay with its transition checklist (deadlines, who did what and when)',
        params: StayParams,
        response: { 200: StayDetail, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) => {
      const { patientId, stayId } = request.params;
      const { stay, transition } = await transitions.stay(
        principalOf(request),
        patientId,
        stayId,
        originOf(request),
      );
      return {
        stay: presentStay(stay),
        transition: transition === null ? null : presentTransition(transition),
      };
    },
  );

  app.post(
    `${stayPath}/transition/items`,
    {
      schema: {
        tags,
        summary: 'Add home nursing or equipment to arrange, with its due day and a note',
        params: StayParams,
        body: AddItemRequest,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const { patientId, stayId } = request.params;
      const id = await transitions.addItem(
        principalOf(request),
        patientId,
        stayId,
        request.body,
        originOf(request),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    `${stayPath}/transition/items/:itemId`,
    {
      schema: {
        tags,
        summary: 'Mark an item done or not needed (with a note); 409 when the transition changed meanwhile',
        params: ItemParams,
        body: MarkItemRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const { patientId, stayId, itemId } = request.params;
      await transitions.markItem(
        principalOf(request),
        patientId,
        stayId,
        itemId,
        { status: request.body.status, note: request.body.note ?? null, version: request.body.version },
        originOf(request),
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/worklist/inpatients',
    {
      schema: {
        tags,
        summary:
          'My caseload in hospital: current inpatients, and transition items late or due, with who must act',
        response: { 200: InpatientsWorklist, ...problemResponses(401, 403) },
      },
      config: professional,
    },
    async (request) => {
      const worklist = await transitions.worklist(principalOf(request), originOf(request));
      return {
        inpatients: worklist.inpatients.map((row) => ({
          patientId: row.patientId,
          patientName: row.patientName,
          stay: presentStay(row.stay),
          mustAct: presentMustAct(row.mustAct),
        })),
        items: worklist.items.map((row) => ({
          patientId: row.patientId,
          patientName: row.patientName,
          stay: presentStay(row.stay),
          item: presentItem(row.item),
          mustAct: presentMustAct(row.mustAct),
        })),
      };
    },
  );

  app.get(
    '/api/transitions/indicators',
    {
      schema: {
        tags,
        summary:
          'Over my caseload: time from discharge to letter (median, p90), letters on the discharge day, 7-day visits on time',
        querystring: IndicatorsQuery,
        response: { 200: TransitionIndicatorsView, ...problemResponses(400, 401, 403) },
      },
      config: professional,
    },
    async (request) => ({
      ...request.query,
      ...(await transitions.indicators(principalOf(request), request.query)),
    }),
  );

  done();
};
