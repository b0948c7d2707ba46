import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Static } from 'typebox';
import { PatientIdParams } from '../../contracts/common-contracts.ts';
import {
  IdentityRectificationOutcome,
  IdentityRectificationRequest,
  RectificationRequest,
  RectificationRequestCreated,
} from '../../contracts/patient-rights-contracts.ts';
import { LanguageQuery } from '../../contracts/questionnaire-contracts.ts';
import type { IdentityRectificationService } from '../../domain/patient-rights/identity-rectification-service.ts';
import {
  ownPatientId,
  type PatientExportService,
} from '../../domain/patient-rights/patient-export-service.ts';
import type { RectificationRequests } from '../../domain/patient-rights/rectification-request-service.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

/** A file to save, never cached: the browser offers to download it rather than show it. */
function sendAttachment(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

const exportName = (patientId: string, at: Date) =>
  `relais-export-${patientId}-${at.toISOString().slice(0, 10)}`;

type Lang = Static<typeof LanguageQuery>;

/**
 * Patient rights (GDPR): export of all the patient's data (JSON) and a readable summary (PDF), by a
 * care-team professional on the patient's request or by the patient in the portal; rectification of
 * the identity by the care team; a patient's request for a correction.
 */
export const patientRightsRoutes: FastifyPluginCallbackTypebox<{
  exports: PatientExportService;
  rectification: IdentityRectificationService;
  requests: RectificationRequests;
}> = (app, { exports, rectification, requests }, done) => {
  const json = async (reply: FastifyReply, file: Awaited<ReturnType<PatientExportService['exportData']>>) =>
    sendAttachment(
      reply,
      'application/json; charset=utf-8',
      `${exportName(file.patientId, new Date(file.exportedAt))}.json`,
      JSON.stringify(file, null, 2),
    );
  const pdf = (reply: FastifyReply, patientId: string, summary: { pdf: Uint8Array; generatedAt: Date }) =>
    sendAttachment(
      reply,
      'application/pdf',
      `${exportName(patientId, summary.generatedAt)}-summary.pdf`,
      Buffer.from(summary.pdf),
    );

  // The 200s are files, outside the JSON schemas: the route generics say so (Reply: Buffer | string).
  app.get<{ Params: Static<typeof PatientIdParams>; Reply: Buffer | string }>(
    '/api/patients/:patientId/export',
    {
      schema: {
        tags: ['patient rights'],
        summary: "All of a patient's data as a JSON file, on the patient's request (audited as an export)",
        params: PatientIdParams,
        response: problemResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) =>
      json(
        reply,
        await exports.exportData(principalOf(request), request.params.patientId, originOf(request)),
      ),
  );

  app.get<{ Params: Static<typeof PatientIdParams>; Querystring: Lang; Reply: Buffer | string }>(
    '/api/patients/:patientId/export/summary.pdf',
    {
      schema: {
        tags: ['patient rights'],
        summary:
          "A readable summary of a patient's data as a PDF, in French or English (audited as an export)",
        params: PatientIdParams,
        querystring: LanguageQuery,
        response: problemResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const { patientId } = request.params;
      const summary = await exports.exportSummary(
        principalOf(request),
        patientId,
        request.query.lang ?? 'fr',
        originOf(request),
      );
      return pdf(reply, patientId, summary);
    },
  );

  app.get<{ Reply: Buffer | string }>(
    '/api/portal/export',
    {
      schema: {
        tags: ['portal'],
        summary: 'All my data as a JSON file',
        response: problemResponses(401, 403),
      },
      config: { audience: 'patient' },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return json(reply, await exports.exportData(principal, ownPatientId(principal), originOf(request)));
    },
  );

  app.get<{ Querystring: Lang; Reply: Buffer | string }>(
    '/api/portal/export/summary.pdf',
    {
      schema: {
        tags: ['portal'],
        summary: 'A readable summary of my data as a PDF, in French or English',
        querystring: LanguageQuery,
        response: problemResponses(400, 401, 403),
      },
      config: { audience: 'patient' },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const patientId = ownPatientId(principal);
      const summary = await exports.exportSummary(
        principal,
        patientId,
        request.query.lang ?? 'fr',
        originOf(request),
      );
      return pdf(reply, patientId, summary);
    },
  );

  app.patch(
    '/api/patients/:patientId/identity',
    {
      schema: {
        tags: ['patient rights'],
        summary:
          "Correct a patient's identity or contact details, saying why; a strict trait changed lowers a validated status (history kept)",
        params: PatientIdParams,
        body: IdentityRectificationRequest,
        response: { 200: IdentityRectificationOutcome, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { changes, reason } = request.body;
      const outcome = await rectification.rectify(
        principalOf(request),
        request.params.patientId,
        changes,
        reason,
        originOf(request),
      );
      const { identityStatusBefore, identityStatusAfter } = outcome;
      return { changedFields: [...outcome.changedFields], identityStatusBefore, identityStatusAfter };
    },
  );

  app.post(
    '/api/portal/rectification-requests',
    {
      schema: {
        tags: ['portal'],
        summary: 'Ask my care team to correct my data: a task for my GP (or coordinator)',
        body: RectificationRequest,
        response: { 201: RectificationRequestCreated, ...problemResponses(400, 401, 403, 409) },
      },
      config: { audience: 'patient' },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await requests.request(principalOf(request), request.body.text, originOf(request))),
  );
  done();
};
