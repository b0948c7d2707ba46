import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { PractitionerList } from '../../contracts/record-contracts.ts';
import type { DirectoryService } from '../../domain/directory/directory-service.ts';
import { problemResponses } from '../openapi.ts';

/** The professional directory (reference data). */
export const directoryRoutes: FastifyPluginCallbackTypebox<{ directory: DirectoryService }> = (
  app,
  { directory },
  done,
) => {
  app.get(
    '/api/practitioners',
    {
      schema: {
        tags: ['directory'],
        summary: 'Professionals of the territory',
        response: { 200: PractitionerList, ...problemResponses(401, 403) },
      },
      config: { audience: 'professional' },
    },
    async () => ({ items: await directory.listPractitioners() }),
  );
  done();
};
