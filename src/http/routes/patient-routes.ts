import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { CreatedId, PatientIdParams, Uuid } from '../../contracts/common-contracts.ts';
import { NewPatient } from '../../contracts/entry-contracts.ts';
import {
  CoordinationRecord,
  PatientSearchQuery,
  PatientSearchResult,
} from '../../contracts/record-contracts.ts';
import type { RecordService } from '../../domain/record/record-service.ts';
import { originOf, principalOf } from '../authentication.ts';
import { sendDocument } from '../document-reply.ts';
import { problemResponses } from '../openapi.ts';

const DocumentParams = Type.Object({ patientId: Uuid, documentId: Uuid });

/** Patient search, registration, the coordination record and document content. */
export const patientRoutes: FastifyPluginCallbackTypebox<{ record: RecordService }> = (
  app,
  { record },
  done,
) => {
  app.get(
    '/api/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Search my patients by name words, birth date (DD/MM/YYYY) or INS',
        querystring: PatientSearchQuery,
        response: { 200: PatientSearchResult, ...problemResponses(400, 401, 403) },
      },
      config: { audience: 'professional' },
    },
    async (request) => ({
      items: await record.searchPatients(principalOf(request), request.query.q, originOf(request)),
    }),
  );

  app.post(
    '/api/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Register a patient with their first care team (which must include me)',
        body: NewPatient,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: { audience: 'professional' },
    },
    async (request, reply) => {
      const { careTeam, ...identity } = request.body;
      const [registered] = await record.registerPatients(
        { kind: 'principal', principal: principalOf(request) },
        [{ identity, entries: careTeam.map((member) => ({ kind: 'care-team-member' as const, ...member })) }],
        originOf(request),
      );
      return reply.code(201).send({ id: registered?.patientId ?? '' });
    },
  );

  app.get(
    '/api/patients/:patientId',
    {
      schema: {
        tags: ['patients'],
        summary: "A patient's coordination record",
        params: PatientIdParams,
        response: { 200: CoordinationRecord, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => record.readRecord(principalOf(request), request.params.patientId, originOf(request)),
  );

  // The 200 is the document's raw bytes, outside the JSON schemas: the route generic says so (Reply: Buffer).
  app.get<{ Params: Static<typeof DocumentParams>; Reply: Buffer }>(
    '/api/patients/:patientId/documents/:documentId/content',
    {
      schema: {
        tags: ['patients'],
        summary: "A document's content",
        params: DocumentParams,
        response: problemResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const { patientId, documentId } = request.params;
      const document = await record.readDocument(
        principalOf(request),
        patientId,
        documentId,
        originOf(request),
      );
      return sendDocument(reply, document);
    },
  );
  done();
};
