import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { AccessLogPage, AccessLogQuery } from '../../contracts/audit-contracts.ts';
import type { AccessLogService } from '../../domain/audit/access-log-service.ts';
import { presentAccessLogItem } from '../audit-presenter.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

/** "Who accessed my record", in the patient portal. */
export const accessLogRoutes: FastifyPluginCallbackTypebox<{ accessLog: AccessLogService }> = (
  app,
  { accessLog },
  done,
) => {
  app.get(
    '/api/portal/access-log',
    {
      schema: {
        tags: ['portal'],
        summary:
          'Who accessed my record: the professionals’ reads, writes, refused attempts and emergency (break-the-glass) accesses, newest first, identical accesses within 10 minutes folded (paginated)',
        querystring: AccessLogQuery,
        response: { 200: AccessLogPage, ...problemResponses(400, 401, 403) },
      },
      config: { audience: 'patient' },
    },
    async (request) => {
      const page = await accessLog.myAccessLog(
        principalOf(request),
        request.query.cursor ?? null,
        originOf(request),
      );
      return { items: page.items.map(presentAccessLogItem), nextCursor: page.nextCursor };
    },
  );
  done();
};
