import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { HospitalServiceList, PractitionerList } from '../../contracts/record-contracts.ts';
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
  app.get(
    '/api/services',
    {
      schema: {
        tags: ['directory'],
        summary: 'Hospital services of the territory (a task can be assigned to one)',
        response: { 200: HospitalServiceList, ...problemResponses(401, 403) },
      },
      config: { audience: 'professional' },
    },
    async () => ({
      items: (await directory.listHospitalServices()).map(({ id, name, specialty }) => ({
        id,
        name,
        specialty,
      })),
    }),
  );
  done();
};
