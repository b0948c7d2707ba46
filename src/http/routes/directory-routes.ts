import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { OrganizationList, PractitionerList } from '../../contracts/record-contracts.ts';
import type { Organization } from '../../domain/directory/directory.ts';
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
  /** The organisations of one kind, by name, with the id a filter or an assignment takes. */
  const organizations = (path: string, kind: Organization['kind'], summary: string) =>
    app.get(
      path,
      {
        schema: {
          tags: ['directory'],
          summary,
          response: { 200: OrganizationList, ...problemResponses(401, 403) },
        },
        config: { audience: 'professional' },
      },
      async () => ({
        items: (await directory.listOrganizations(kind)).map(({ id, name, specialty }) => ({
          id,
          name,
          specialty,
        })),
      }),
    );
  organizations(
    '/api/services',
    'hospital_service',
    'Hospital services of the territory (a task can be assigned to one)',
  );
  organizations(
    '/api/practices',
    'practice',
    'Practices (MSP, cabinets) of the territory (the pathway worklist filters by one)',
  );
  done();
};
