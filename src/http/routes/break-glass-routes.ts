import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  BreakGlassGranted,
  BreakGlassPolicy,
  BreakGlassRequest,
  PortalEmergencyAccessList,
} from '../../contracts/break-glass-contracts.ts';
import { PatientIdParams } from '../../contracts/common-contracts.ts';
import type { BreakGlassService } from '../../domain/emergency-access/break-glass-service.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

/**
 * Break-the-glass: an emergency access to a record by a professional outside the care team, and the
 * list the patient reads of the emergency accesses to their record.
 */
export const breakGlassRoutes: FastifyPluginCallbackTypebox<{ breakGlass: BreakGlassService }> = (
  app,
  { breakGlass },
  done,
) => {
  const tags = ['break-glass'];
  const config = { audience: 'professional' } as const;

  app.get(
    '/api/break-glass/policy',
    {
      schema: {
        tags,
        summary: 'How many hours an emergency access lasts here',
        response: { 200: BreakGlassPolicy, ...problemResponses(401, 403) },
      },
      config,
    },
    () => ({ hours: breakGlass.hours }),
  );

  app.post(
    '/api/patients/:patientId/break-glass',
    {
      schema: {
        tags,
        summary:
          'Open a record outside my care team in an emergency, saying why: time-limited, audited, ' +
          'notified to the patient and the coordinator; then read it as usual (access basis break-glass)',
        params: PatientIdParams,
        body: BreakGlassRequest,
        response: { 201: BreakGlassGranted, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config,
    },
    async (request, reply) => {
      const { expiresAt } = await breakGlass.breakGlass(
        principalOf(request),
        request.params.patientId,
        request.body.reason,
        originOf(request),
      );
      return reply.code(201).send({ expiresAt: expiresAt.toISOString() });
    },
  );
  app.get(
    '/api/portal/emergency-accesses',
    {
      schema: {
        tags: ['portal', ...tags],
        summary: 'Who opened my record in an emergency, when, until when and why (newest first)',
        response: { 200: PortalEmergencyAccessList, ...problemResponses(401, 403) },
      },
      config: { audience: 'patient' },
    },
    async (request) => {
      const items = await breakGlass.accessesToMyRecord(principalOf(request), originOf(request));
      return {
        items: items.map((item) => ({
          ...item,
          grantedAt: item.grantedAt.toISOString(),
          expiresAt: item.expiresAt.toISOString(),
        })),
      };
    },
  );
  done();
};
