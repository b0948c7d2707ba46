import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { PatientIdParams } from '../../contracts/common-contracts.ts';
import {
  InstrumentList,
  LanguageQuery,
  NewQuestionnaireResponse,
  QuestionnaireHistory,
  SubmittedQuestionnaire,
} from '../../contracts/questionnaire-contracts.ts';
import type { QuestionnaireService } from '../../domain/questionnaires/questionnaire-service.ts';
import { originOf, ownPatientId, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';
import { presentHistory, presentInstrument, presentSubmitted } from '../questionnaire-presenter.ts';

/** Screening questionnaires: the instruments, and completing one by a professional or by the patient. */
export const questionnaireRoutes: FastifyPluginCallbackTypebox<{ questionnaires: QuestionnaireService }> = (
  app,
  { questionnaires },
  done,
) => {
  app.get(
    '/api/questionnaires',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'The screening questionnaires (PHQ-9, GAD-7) in the requested language',
        querystring: LanguageQuery,
        response: { 200: InstrumentList, ...problemResponses(400, 401) },
      },
    },
    (request) => ({
      items: questionnaires.instruments().map((i) => presentInstrument(i, request.query.lang ?? 'fr')),
    }),
  );

  app.post(
    '/api/patients/:patientId/questionnaires',
    {
      schema: {
        tags: ['patients'],
        summary: 'Record a questionnaire completed with the patient; an urgent result raises a follow-up',
        params: PatientIdParams,
        querystring: LanguageQuery,
        body: NewQuestionnaireResponse,
        response: { 201: SubmittedQuestionnaire, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const submitted = await questionnaires.submit(
        principalOf(request),
        request.params.patientId,
        request.body,
        originOf(request),
      );
      return reply.code(201).send(presentSubmitted(submitted, request.query.lang ?? 'fr'));
    },
  );

  app.get(
    '/api/patients/:patientId/questionnaires',
    {
      schema: {
        tags: ['patients'],
        summary: "A patient's questionnaires, newest first, with scores and trends",
        params: PatientIdParams,
        querystring: LanguageQuery,
        response: { 200: QuestionnaireHistory, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      presentHistory(
        await questionnaires.history(principalOf(request), request.params.patientId, originOf(request)),
        request.query.lang ?? 'fr',
      ),
  );

  app.post(
    '/api/portal/questionnaires',
    {
      schema: {
        tags: ['portal'],
        summary: 'Fill in a questionnaire about myself',
        querystring: LanguageQuery,
        body: NewQuestionnaireResponse,
        response: { 201: SubmittedQuestionnaire, ...problemResponses(400, 401, 403) },
      },
      config: { audience: 'patient' },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const submitted = await questionnaires.submit(
        principal,
        ownPatientId(principal),
        request.body,
        originOf(request),
      );
      return reply.code(201).send(presentSubmitted(submitted, request.query.lang ?? 'fr'));
    },
  );

  app.get(
    '/api/portal/questionnaires',
    {
      schema: {
        tags: ['portal'],
        summary: 'My questionnaires and how my scores changed',
        querystring: LanguageQuery,
        response: { 200: QuestionnaireHistory, ...problemResponses(400, 401, 403) },
      },
      config: { audience: 'patient' },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentHistory(
        await questionnaires.history(principal, ownPatientId(principal), originOf(request)),
        request.query.lang ?? 'fr',
      );
    },
  );
  done();
};
