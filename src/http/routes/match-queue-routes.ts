import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  DismissMatchQueueItem,
  LinkMatchQueueItem,
  MatchQueueList,
  MatchQueueParams,
  MatchQueueResolution,
} from '../../contracts/adt-contracts.ts';
import type { AdtApplyOutcome } from '../../domain/adt-inbox/adt-applier.ts';
import type { MatchQueueItem, MatchQueueService } from '../../domain/stays/patient-matching-queue.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

/** The ADT matching queue: pending items, link one to a candidate, or set it aside. */
export const matchQueueRoutes: FastifyPluginCallbackTypebox<{ matchQueue: MatchQueueService }> = (
  app,
  { matchQueue },
  done,
) => {
  const config = { audience: 'professional' } as const;
  const tags = ['hl7'];

  app.get(
    '/api/hl7/match-queue',
    {
      schema: {
        tags,
        summary: 'ADT messages waiting for a human to say which patient they are about',
        response: { 200: MatchQueueList, ...problemResponses(401, 403) },
      },
      config,
    },
    async (request) => ({
      items: (await matchQueue.list(principalOf(request), originOf(request))).map(presentItem),
    }),
  );

  app.post(
    '/api/hl7/match-queue/:id/link',
    {
      schema: {
        tags,
        summary: 'Link the hospital patient to one of the candidates; the held messages are applied',
        params: MatchQueueParams,
        body: LinkMatchQueueItem,
        response: { 200: MatchQueueResolution, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config,
    },
    async (request) => ({
      outcomes: (
        await matchQueue.link(
          principalOf(request),
          request.params.id,
          request.body.patientId,
          originOf(request),
        )
      ).map(presentOutcome),
    }),
  );

  app.post(
    '/api/hl7/match-queue/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Set the hospital patient aside (not a Relais patient), with the reason',
        params: MatchQueueParams,
        body: DismissMatchQueueItem,
        response: { 200: MatchQueueResolution, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config,
    },
    async (request) => ({
      outcomes: (
        await matchQueue.dismiss(
          principalOf(request),
          request.params.id,
          request.body.reason,
          originOf(request),
        )
      ).map(presentOutcome),
    }),
  );
  done();
};

function presentItem(item: MatchQueueItem) {
  return {
    id: item.id,
    facility: item.facility,
    event: item.event,
    createdAt: item.createdAt.toISOString(),
    reason: item.reason,
    localIds: item.localIds,
    hospitalIdentity: item.traits,
    candidates: item.candidates.map(({ insMatricule, ...candidate }) => ({
      ...candidate,
      hasIns: insMatricule !== null,
    })),
    heldMessages: item.heldMessages,
  };
}

function presentOutcome(outcome: AdtApplyOutcome) {
  return outcome.status === 'applied'
    ? { status: outcome.status, patientId: outcome.patientId, detail: outcome.note ?? null }
    : { status: outcome.status, patientId: null, detail: outcome.reason };
}
