import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CreatedId, NoContent, PatientIdParams } from '../../contracts/common-contracts.ts';
import { CareTeamMemberParams, EndMembershipRequest } from '../../contracts/care-team-contracts.ts';
import {
  DirectoryMatches,
  DirectoryQuery,
  NewSharingChoice,
  PortalSharingChoiceParams,
  SharingChoiceList,
  SharingChoiceParams,
} from '../../contracts/sharing-contracts.ts';
import type { CareTeamService } from '../../domain/care-team/care-team-service.ts';
import type { DirectoryService } from '../../domain/directory/directory-service.ts';
import type { SharingService } from '../../domain/sharing/sharing-service.ts';
import { originOf, ownPatientId, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

const tags = ['sharing'];
const patient = { audience: 'patient' } as const;

/**
 * The patient's sharing choices (objections, restrictions, consents), from the record (the patient or a
 * member of the team on their behalf) and from the portal; the directory search to pick whom; and the
 * end of a care-team membership.
 */
export const sharingRoutes: FastifyPluginCallbackTypebox<{
  sharing: SharingService;
  careTeam: CareTeamService;
  directory: DirectoryService;
}> = (app, { sharing, careTeam, directory }, done) => {
  app.get(
    '/api/patients/:patientId/sharing-choices',
    {
      schema: {
        tags,
        summary: "A patient's sharing choices: those in force, then the withdrawn ones",
        params: PatientIdParams,
        response: { 200: SharingChoiceList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: await sharing.list(principalOf(request), request.params.patientId, originOf(request)),
    }),
  );

  app.post(
    '/api/patients/:patientId/sharing-choices',
    {
      schema: {
        tags,
        summary:
          "Record a sharing choice (a professional of the team records it on the patient's behalf); " +
          "a category's restriction replaces the previous one",
        params: PatientIdParams,
        body: NewSharingChoice,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const id = await sharing.record(
        principalOf(request),
        request.params.patientId,
        request.body,
        originOf(request),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/patients/:patientId/sharing-choices/:choiceId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a sharing choice (it stays in the history)',
        params: SharingChoiceParams,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { patientId, choiceId } = request.params;
      await sharing.withdraw(principalOf(request), patientId, choiceId, originOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/portal/sharing-choices',
    {
      schema: {
        tags: ['portal'],
        summary: 'My sharing choices: those in force, then the withdrawn ones',
        response: { 200: SharingChoiceList, ...problemResponses(401, 403) },
      },
      config: patient,
    },
    async (request) => {
      const principal = principalOf(request);
      return { items: await sharing.list(principal, ownPatientId(principal), originOf(request)) };
    },
  );

  app.post(
    '/api/portal/sharing-choices',
    {
      schema: {
        tags: ['portal'],
        summary: 'Object to sharing, restrict a category to named professionals, or consent to share',
        body: NewSharingChoice,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 409) },
      },
      config: patient,
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = await sharing.record(principal, ownPatientId(principal), request.body, originOf(request));
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/portal/sharing-choices/:choiceId/withdraw',
    {
      schema: {
        tags: ['portal'],
        summary: 'Withdraw one of my sharing choices',
        params: PortalSharingChoiceParams,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: patient,
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await sharing.withdraw(principal, ownPatientId(principal), request.params.choiceId, originOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/directory',
    {
      schema: {
        tags: ['directory'],
        summary:
          'Find professionals and organisations by name (public directory data), to consent or object to sharing',
        querystring: DirectoryQuery,
        response: { 200: DirectoryMatches, ...problemResponses(400, 401) },
      },
    },
    (request) => directory.search(request.query.q),
  );

  app.post(
    '/api/patients/:patientId/care-team/:memberId/end',
    {
      schema: {
        tags: ['patients'],
        summary: 'End a care-team membership today, saying why (its access ends at once)',
        params: CareTeamMemberParams,
        body: EndMembershipRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { patientId, memberId } = request.params;
      await careTeam.endMembership(
        principalOf(request),
        patientId,
        memberId,
        request.body.reason,
        originOf(request),
      );
      return reply.code(204).send();
    },
  );
  done();
};
