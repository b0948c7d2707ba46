import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { CreatedId, PatientIdParams, Uuid } from '../../contracts/common-contracts.ts';
import {
  ExamCheckRequest,
  ExamCheckResult,
  NewReferralRequest,
  OrganizationIdParams,
  PortalReferralList,
  ReferralActionRequest,
  ReferralBoxQuery,
  ReferralDetail,
  ReferralDraft,
  ReferralIdParams,
  ReferralPage,
  ServiceSla,
  ServiceSlaRequest,
} from '../../contracts/referral-contracts.ts';
import {
  checkReferralPageSize,
  decodeInboxCursor,
  decodeOutboxCursor,
  DEFAULT_REFERRAL_PAGE,
} from '../../domain/referrals/referral-cursor.ts';
import type { ReferralReadService } from '../../domain/referrals/referral-read-service.ts';
import type { ReferralService } from '../../domain/referrals/referral-service.ts';
import type { ReferralSlaSettings } from '../../domain/referrals/referral-sla-settings.ts';
import type { ReferralAction } from '../../domain/referrals/referral.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { originOf, principalOf } from '../authentication.ts';
import { sendDocument } from '../document-reply.ts';
import { problemResponses } from '../openapi.ts';
import {
  presentExamCheck,
  presentPortalReferrals,
  presentReferralDetail,
  presentReferralDraft,
  presentReferralSummary,
  presentServiceSla,
} from '../referral-presenter.ts';

const ReferralDocumentParams = Type.Object({ referralId: Uuid, documentId: Uuid });

/**
 * Referrals and télé-expertise: send from a patient's record, inbox and outbox, act, follow; the
 * patient's view in the portal; a service's delays. Every call goes through the patient or referral gate.
 */
export const referralRoutes: FastifyPluginCallbackTypebox<{
  referrals: ReferralService;
  reads: ReferralReadService;
  sla: ReferralSlaSettings;
}> = (app, { referrals, reads, sla }, done) => {
  const professional = { audience: 'professional' } as const;
  const tags = ['referrals'];

  app.post(
    '/api/patients/:patientId/referrals',
    {
      schema: {
        tags: ['patients', ...tags],
        summary: 'Send a referral or a télé-expertise request (I must be in the care team)',
        params: PatientIdParams,
        body: NewReferralRequest,
        response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request, reply) => {
      const id = await referrals.send(
        principalOf(request),
        { ...request.body, patientId: request.params.patientId },
        originOf(request),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/patients/:patientId/referrals/exam-check',
    {
      schema: {
        tags: ['patients', ...tags],
        summary: 'Which of these exams repeat a result still valid (the duplicate-test warning)',
        params: PatientIdParams,
        body: ExamCheckRequest,
        response: { 200: ExamCheckResult, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) =>
      presentExamCheck(
        await reads.examCheck(
          principalOf(request),
          request.params.patientId,
          request.body.codes,
          originOf(request),
        ),
        localeOf(request.account),
      ),
  );

  app.get(
    '/api/patients/:patientId/referral-draft',
    {
      schema: {
        tags: ['patients', ...tags],
        summary: 'What the referral form proposes: recent results and documents, liaison letter, exams',
        params: PatientIdParams,
        response: { 200: ReferralDraft, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) =>
      presentReferralDraft(
        await reads.draft(principalOf(request), request.params.patientId, originOf(request)),
        localeOf(request.account),
      ),
  );

  app.get(
    '/api/patients/:patientId/referrals',
    {
      schema: {
        tags: ['patients', ...tags],
        summary: "A patient's referrals, most recently changed first",
        params: PatientIdParams,
        response: { 200: ReferralPage, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) => ({
      items: (
        await reads.patientReferrals(principalOf(request), request.params.patientId, originOf(request))
      ).map(presentReferralSummary),
      nextCursor: null,
    }),
  );

  app.get(
    '/api/referrals/inbox',
    {
      schema: {
        tags,
        summary:
          'Referrals addressed to me, my service or my specialty, or taken by me: urgent, then oldest waiting first',
        querystring: ReferralBoxQuery,
        response: { 200: ReferralPage, ...problemResponses(400, 401, 403) },
      },
      config: professional,
    },
    async (request) => {
      const { state, limit, cursor } = request.query;
      if (state !== undefined && state !== 'open')
        throw new DomainError('invalid-input', 'the inbox holds open referrals only (state=open)');
      const page = await reads.inbox(
        principalOf(request),
        { limit: pageSize(limit), after: cursor === undefined ? null : decodeInboxCursor(cursor) },
        originOf(request),
      );
      return { items: page.items.map(presentReferralSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/referrals/outbox',
    {
      schema: {
        tags,
        summary: 'Referrals I sent, most recently changed first',
        querystring: ReferralBoxQuery,
        response: { 200: ReferralPage, ...problemResponses(400, 401, 403) },
      },
      config: professional,
    },
    async (request) => {
      const { state, limit, cursor } = request.query;
      const page = await reads.outbox(
        principalOf(request),
        {
          state: state ?? 'open',
          limit: pageSize(limit),
          after: cursor === undefined ? null : decodeOutboxCursor(cursor),
        },
        originOf(request),
      );
      return { items: page.items.map(presentReferralSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/referrals/:referralId',
    {
      schema: {
        tags,
        summary: 'A referral with its attachments, thread, history and what I may do with it',
        params: ReferralIdParams,
        response: { 200: ReferralDetail, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) =>
      presentReferralDetail(
        await reads.readReferral(principalOf(request), request.params.referralId, originOf(request)),
      ),
  );

  // The 200 is the document's raw bytes, outside the JSON schemas: the route generic says so (Reply: Buffer).
  app.get<{ Params: Static<typeof ReferralDocumentParams>; Reply: Buffer }>(
    '/api/referrals/:referralId/documents/:documentId/content',
    {
      schema: {
        tags,
        summary: "An attached or report document's content, for the referral's parties",
        params: ReferralDocumentParams,
        response: problemResponses(400, 401, 403, 404),
      },
      config: professional,
    },
    async (request, reply) => {
      const { referralId, documentId } = request.params;
      const document = await reads.readDocument(
        principalOf(request),
        referralId,
        documentId,
        originOf(request),
      );
      return sendDocument(reply, document);
    },
  );

  app.post(
    '/api/referrals/:referralId/actions',
    {
      schema: {
        tags,
        summary: 'Accept, decline, redirect, ask, answer, schedule, mark seen, report, acknowledge or cancel',
        params: ReferralIdParams,
        body: ReferralActionRequest,
        response: { 200: ReferralDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request) => {
      const { version, ...body } = request.body;
      const { referralId } = request.params;
      return presentReferralDetail(
        await referrals.act(principalOf(request), referralId, actionOf(body), version, originOf(request)),
      );
    },
  );

  app.get(
    '/api/portal/referrals',
    {
      schema: {
        tags: ['portal', ...tags],
        summary: 'Why I was referred, to whom, how and when, and what happened since',
        response: { 200: PortalReferralList, ...problemResponses(401, 403) },
      },
      config: { audience: 'patient' },
    },
    async (request) =>
      presentPortalReferrals(await reads.portalReferrals(principalOf(request), originOf(request))),
  );

  app.get(
    '/api/admin/services/:organizationId/referral-sla',
    {
      schema: {
        tags: ['admin', ...tags],
        summary: "A hospital service's referral delays, in working days (defaults marked)",
        params: OrganizationIdParams,
        response: { 200: ServiceSla, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) => {
      const { organizationId } = request.params;
      return presentServiceSla(organizationId, await sla.read(principalOf(request), organizationId));
    },
  );

  app.put(
    '/api/admin/services/:organizationId/referral-sla',
    {
      schema: {
        tags: ['admin', ...tags],
        summary: "Set a hospital service's changes to the default delays (what is not listed is the default)",
        params: OrganizationIdParams,
        body: ServiceSlaRequest,
        response: { 200: ServiceSla, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request) => {
      const { organizationId } = request.params;
      const entries = await sla.save(principalOf(request), organizationId, request.body.overrides);
      return presentServiceSla(organizationId, entries);
    },
  );
  done();
};

function pageSize(limit: string | undefined): number {
  return checkReferralPageSize(limit === undefined ? DEFAULT_REFERRAL_PAGE : Number(limit));
}

/** The account's language for labels (exam names); French when unknown. */
function localeOf(account: { readonly locale: 'fr' | 'en' } | undefined): 'fr' | 'en' {
  return account?.locale ?? 'fr';
}

type ActionBody =
  Static<typeof ReferralActionRequest> extends infer T
    ? T extends { version: number }
      ? Omit<T, 'version'>
      : never
    : never;

/** The request's action as the domain takes it (dates parsed). */
function actionOf(body: ActionBody): ReferralAction {
  return body.kind === 'schedule' ? { ...body, at: new Date(body.at) } : body;
}
