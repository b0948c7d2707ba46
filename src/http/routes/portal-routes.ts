import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { PortalSummary } from '../../contracts/record-contracts.ts';
import type { RecordService } from '../../domain/record/record-service.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

/** The patient portal: the signed-in patient's own team, treatments and appointments. */
export const portalRoutes: FastifyPluginCallbackTypebox<{ record: RecordService }> = (
  app,
  { record },
  done,
) => {
  app.get(
    '/api/portal/me',
    {
      schema: {
        tags: ['portal'],
        summary: 'My care team, my treatments and my next appointments',
        response: { 200: PortalSummary, ...problemResponses(401, 403) },
      },
      config: { audience: 'patient' },
    },
    (request) => record.readPortalSummary(principalOf(request), originOf(request)),
  );
  done();
};
