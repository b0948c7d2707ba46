import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CreatedId, NoContent, PatientIdParams } from '../../contracts/common-contracts.ts';
import {
  EnrolmentParams,
  EnrolRequest,
  OccurrenceParams,
  PathwayAdherenceList,
  PathwayTemplateList,
  PathwayWorklist,
  PathwayWorklistQuery,
  PatientPathwayList,
  PortalPathwaySteps,
  ReasonRequest,
} from '../../contracts/pathway-contracts.ts';
import type { PathwayService } from '../../domain/pathways/pathway-service.ts';
import {
  DEFAULT_PATHWAY_WORKLIST_LIMIT,
  DEFAULT_WITHIN_DAYS,
} from '../../domain/pathways/pathway-worklist.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';
import { presentEnrolment, presentTemplate, presentWorklistItem } from '../pathway-presenter.ts';

/**
 * Care pathways: templates, a patient's pathways (enrol, pause, resume, end, skip a step), the
 * portal's next steps, the caseload worklist and adherence. Patient routes go through the access gate.
 */
export const pathwayRoutes: FastifyPluginCallbackTypebox<{ pathways: PathwayService }> = (
  app,
  { pathways },
  done,
) => {
  const professional = { audience: 'professional' } as const;
  const tags = ['pathways'];

  app.get(
    '/api/pathway-templates',
    {
      schema: {
        tags,
        summary: 'Pathway templates (latest versions) with their sources and which timings are defaults',
        response: { 200: PathwayTemplateList, ...problemResponses(401, 403) },
      },
      config: professional,
    },
    (request) => ({ items: pathways.listTemplates(principalOf(request)).map(presentTemplate) }),
  );

  app.get(
    '/api/pathway-worklist',
    {
      schema: {
        tags,
        summary:
          'Ruptures and steps due within N days across my caseload (as coordinator or GP), with who must act and why',
        querystring: PathwayWorklistQuery,
        response: { 200: PathwayWorklist, ...problemResponses(400, 401, 403) },
      },
      config: professional,
    },
    async (request) => {
      const { withinDays, limit, ...filters } = request.query;
      const items = await pathways.worklist(
        principalOf(request),
        {
          ...filters,
          withinDays: withinDays === undefined ? DEFAULT_WITHIN_DAYS : Number(withinDays),
          limit: limit === undefined ? DEFAULT_PATHWAY_WORKLIST_LIMIT : Number(limit),
        },
        originOf(request),
      );
      return { items: items.map(presentWorklistItem) };
    },
  );

  app.get(
    '/api/pathway-adherence',
    {
      schema: {
        tags,
        summary: 'Per template, the share of steps done on time across my caseload',
        response: { 200: PathwayAdherenceList, ...problemResponses(401, 403) },
      },
      config: professional,
    },
    async (request) => ({
      items: (await pathways.adherenceByTemplate(principalOf(request))).map(({ template, ...adherence }) => ({
        templateId: template.id,
        title: template.title,
        ...adherence,
      })),
    }),
  );

  app.get(
    '/api/portal/pathways',
    {
      schema: {
        tags: ['portal'],
        summary: 'What I should do next in my care pathways, in plain words',
        response: { 200: PortalPathwaySteps, ...problemResponses(401, 403) },
      },
      config: { audience: 'patient' },
    },
    async (request) => ({ items: await pathways.portalNextSteps(principalOf(request), originOf(request)) }),
  );

  app.get(
    '/api/patients/:patientId/pathways',
    {
      schema: {
        tags,
        summary: "The patient's pathways: each step done, next or late, with dates, and adherence",
        params: PatientIdParams,
        response: { 200: PatientPathwayList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: (
        await pathways.patientPathways(principalOf(request), request.params.patientId, originOf(request))
      ).map(presentEnrolment),
    }),
  );

  app.post(
    '/api/patients/:patientId/pathways',
    {
      schema: {
        tags,
        summary: 'Enrol the patient in a pathway (latest template version) from a start date',
        params: PatientIdParams,
        body: EnrolRequest,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const id = await pathways.enrol(
        principalOf(request),
        request.params.patientId,
        request.body,
        originOf(request),
      );
      return reply.code(201).send({ id });
    },
  );

  for (const change of ['pause', 'resume'] as const) {
    app.post(
      `/api/patients/:patientId/pathways/:enrolmentId/${change}`,
      {
        schema: {
          tags,
          summary: change === 'pause' ? 'Pause a pathway (its steps are held)' : 'Resume a paused pathway',
          params: EnrolmentParams,
          response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
        },
        config: professional,
      },
      async (request, reply) => {
        const { patientId, enrolmentId } = request.params;
        await pathways[change](principalOf(request), patientId, enrolmentId, originOf(request));
        return reply.code(204).send();
      },
    );
  }

  app.post(
    '/api/patients/:patientId/pathway-steps/:occurrenceId/skip',
    {
      schema: {
        tags,
        summary: 'Skip a step, saying why',
        params: OccurrenceParams,
        body: ReasonRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const { patientId, occurrenceId } = request.params;
      await pathways.skip(
        principalOf(request),
        patientId,
        occurrenceId,
        request.body.reason,
        originOf(request),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/patients/:patientId/pathways/:enrolmentId/end',
    {
      schema: {
        tags,
        summary: 'End a pathway, saying why (its open steps are cancelled)',
        params: EnrolmentParams,
        body: ReasonRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request, reply) => {
      const { patientId, enrolmentId } = request.params;
      await pathways.end(
        principalOf(request),
        patientId,
        enrolmentId,
        request.body.reason,
        originOf(request),
      );
      return reply.code(204).send();
    },
  );
  done();
};
