import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { NoContent } from '../../contracts/common-contracts.ts';
import {
  LetterReceipt,
  LetterSubmission,
  LetterView,
  ReadmissionRiskView,
  ReconciliationRequest,
  ReconciliationView,
  StayDocumentParams,
} from '../../contracts/discharge-contracts.ts';
import {
  LETTER_PART_LABELS,
  letterStatus,
  type LetterPart,
} from '../../domain/discharge/discharge-letter.ts';
import type { DischargeLetterService } from '../../domain/discharge/discharge-letter-service.ts';
import type { StoredLetter } from '../../domain/discharge/discharge-ports.ts';
import type { ReadmissionRiskReads } from '../../domain/discharge/readmission-risk-reads.ts';
import type { ReconciliationService } from '../../domain/discharge/reconciliation-service.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { originOf, principalOf } from '../authentication.ts';
import { sendDocument } from '../document-reply.ts';
import { problemResponses } from '../openapi.ts';
import { decodeBase64 } from './entry-routes.ts';
import { presentStay } from '../stay-presenter.ts';

const STAY = '/api/patients/:patientId/stays/:stayId';

/**
 * What follows a discharge, per stay: the lettre de liaison (read, send structured or as a PDF, its
 * PDF, the GP's acknowledgement), the medication reconciliation (draft, confirm) and the readmission
 * risk. Every call goes through the stay gate (hospital staff for the letter, else the care team).
 */
export const dischargeRoutes: FastifyPluginCallbackTypebox<{
  letters: DischargeLetterService;
  reconciliations: ReconciliationService;
  risks: ReadmissionRiskReads;
}> = (app, { letters, reconciliations, risks }, done) => {
  const tags = ['discharge'];
  const professional = { audience: 'professional' } as const;

  app.get(
    `${STAY}/letter`,
    {
      schema: {
        tags,
        summary: "The stay's lettre de liaison, its status and missing parts",
        params: StayDocumentParams,
        response: { 200: LetterView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { patientId, stayId } = request.params;
      const view = await letters.read(principalOf(request), patientId, stayId, originOf(request));
      return {
        stay: presentStay(view.stay),
        status: view.status,
        letter: view.letter === null ? null : presentLetter(view.letter),
        canWrite: view.canWrite,
        canAcknowledge: view.canAcknowledge,
      };
    },
  );

  app.post(
    `${STAY}/letter`,
    {
      schema: {
        tags,
        summary:
          'Send the lettre de liaison: structured (rendered to PDF here) or a PDF in base64 (≤ 10 MiB)',
        params: StayDocumentParams,
        body: LetterSubmission,
        response: { 201: LetterReceipt, ...problemResponses(400, 401, 403, 404, 409, 413) },
      },
      config: professional,
      bodyLimit: 15 * 1024 * 1024,
    },
    async (request, reply) => {
      const { patientId, stayId } = request.params;
      const body = request.body;
      const principal = principalOf(request);
      const origin = originOf(request);
      let letter: StoredLetter;
      if (body.kind === 'structured') {
        if (body.structured === undefined || body.contentBase64 !== undefined)
          throw new DomainError(
            'invalid-input',
            'a structured letter comes in `structured`, without contentBase64',
          );
        letter = await letters.submitStructured(principal, patientId, stayId, body.structured, origin);
      } else {
        if (body.contentBase64 === undefined || body.structured !== undefined)
          throw new DomainError('invalid-input', 'a PDF letter comes in `contentBase64`, without structured');
        letter = await letters.uploadPdf(
          principal,
          patientId,
          stayId,
          decodeBase64(body.contentBase64),
          origin,
        );
      }
      return reply.code(201).send({
        id: letter.id,
        documentId: letter.documentId,
        version: letter.version,
        status: letterStatus(letter),
        missingParts: missingParts(letter.missingParts),
      });
    },
  );

  app.get(
    `${STAY}/letter/pdf`,
    {
      schema: {
        tags,
        summary: "The letter's PDF",
        params: StayDocumentParams,
        response: problemResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const { patientId, stayId } = request.params;
      const pdf = await letters.readPdf(principalOf(request), patientId, stayId, originOf(request));
      return sendDocument(reply, pdf);
    },
  );

  app.post(
    `${STAY}/letter/acknowledge`,
    {
      schema: {
        tags,
        summary: 'The GP (a care-team member) acknowledges the letter',
        params: StayDocumentParams,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404) },
      },
      config: professional,
    },
    async (request, reply) => {
      const { patientId, stayId } = request.params;
      await letters.acknowledge(principalOf(request), patientId, stayId, originOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    `${STAY}/reconciliation`,
    {
      schema: {
        tags,
        summary: 'The medication reconciliation of the stay (a proposal until saved)',
        params: StayDocumentParams,
        response: { 200: ReconciliationView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { patientId, stayId } = request.params;
      return presentReconciliation(
        await reconciliations.read(principalOf(request), patientId, stayId, originOf(request)),
      );
    },
  );

  app.put(
    `${STAY}/reconciliation`,
    {
      schema: {
        tags,
        summary: "Save the draft's reasons (and the discharge lines when the letter is a PDF)",
        params: StayDocumentParams,
        body: ReconciliationRequest,
        response: { 200: ReconciliationView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request) => {
      const { patientId, stayId } = request.params;
      return presentReconciliation(
        await reconciliations.saveDraft(
          principalOf(request),
          patientId,
          stayId,
          request.body,
          originOf(request),
        ),
      );
    },
  );

  app.post(
    `${STAY}/reconciliation/confirm`,
    {
      schema: {
        tags,
        summary: 'Confirm the reconciliation: the shared medication list is updated, with provenance',
        params: StayDocumentParams,
        body: ReconciliationRequest,
        response: { 200: ReconciliationView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config: professional,
    },
    async (request) => {
      const { patientId, stayId } = request.params;
      return presentReconciliation(
        await reconciliations.confirm(
          principalOf(request),
          patientId,
          stayId,
          request.body,
          originOf(request),
        ),
      );
    },
  );

  app.get(
    `${STAY}/readmission-risk`,
    {
      schema: {
        tags,
        summary: 'The readmission risk at discharge: LACE (and HOSPITAL where its data exist), item by item',
        params: StayDocumentParams,
        response: { 200: ReadmissionRiskView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { patientId, stayId } = request.params;
      const { stay, assessment } = await risks.read(
        principalOf(request),
        patientId,
        stayId,
        originOf(request),
      );
      return {
        stay: presentStay(stay),
        assessment:
          assessment === null
            ? null
            : {
                lace: assessment.lace,
                charlson: assessment.charlson,
                cutoff: assessment.cutoff,
                band: assessment.band,
                hospital: assessment.hospital,
                assessedAt: assessment.assessedAt.toISOString(),
              },
      };
    },
  );
  done();
};

function missingParts(parts: readonly string[]) {
  return parts.map((part) => ({ part, ...LETTER_PART_LABELS[part as LetterPart] }));
}

function presentLetter(letter: StoredLetter) {
  return {
    id: letter.id,
    kind: letter.kind,
    documentId: letter.documentId,
    content: letter.content,
    missingParts: missingParts(letter.missingParts),
    receivedAt: letter.receivedAt.toISOString(),
    authorPractitionerId: letter.authorPractitionerId,
    acknowledgedBy: letter.acknowledgedBy,
    acknowledgedAt: letter.acknowledgedAt?.toISOString() ?? null,
    version: letter.version,
  };
}

function presentReconciliation(view: Awaited<ReturnType<ReconciliationService['read']>>) {
  return {
    stay: presentStay(view.stay),
    id: view.id,
    status: view.status,
    version: view.version,
    dischargeSource: view.dischargeSource,
    confirmedBy: view.confirmedBy,
    confirmedAt: view.confirmedAt?.toISOString() ?? null,
    lines: view.lines,
  };
}
