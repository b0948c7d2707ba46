import type { CapabilityStatement } from '@medplum/fhirtypes';
import { interactionsOf, type ResourceModule } from './resource-module.ts';
import { RESULT_PARAMETERS } from './search/search-request.ts';

/**
 * The server's CapabilityStatement, generated from the registry of served modules only: it lists
 * exactly the types, interactions and search parameters the routes answer.
 */
export function capabilityStatement(
  modules: readonly ResourceModule[],
  options: { baseUrl: string; date: string; software: { name: string; version: string } },
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    kind: 'instance',
    software: options.software,
    implementation: { description: 'Relais FHIR R4 API', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          description:
            'Bearer token (POST /api/auth/login) or the web session cookie with its CSRF header for writes',
        },
        interaction: [
          { code: 'transaction', documentation: 'all or nothing, at most 1,000 entries of POST and PUT' },
          { code: 'batch', documentation: 'each entry on its own, at most 1,000 entries of POST and PUT' },
        ],
        resource: modules.map((module) => {
          const interactions = interactionsOf(module);
          return {
            type: module.type,
            ...(module.type === 'Patient'
              ? {
                  operation: [
                    {
                      name: 'everything',
                      definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
                    },
                  ],
                }
              : {}),
            ...(module.profiles === undefined ? {} : { supportedProfile: [...module.profiles] }),
            ...(module.documentation === undefined ? {} : { documentation: module.documentation }),
            interaction: interactions.map((code) => ({ code })),
            // Types without versions (record entries, written once) say so.
            versioning: interactions.includes('vread')
              ? ('versioned-update' as const)
              : ('no-version' as const),
            readHistory: interactions.includes('vread'),
            updateCreate: false,
            conditionalCreate: module.create !== undefined,
            conditionalUpdate: false,
            conditionalDelete: 'not-supported' as const,
            ...(module.includes === undefined
              ? {}
              : { searchInclude: module.includes.map(({ param }) => `${module.type}:${param}`) }),
            searchParam: module.searchParams.map(({ name, type, documentation }) => ({
              name,
              type,
              documentation,
            })),
          };
        }),
        searchParam: RESULT_PARAMETERS.map((name) => ({
          name,
          type: name === '_sort' ? ('string' as const) : ('number' as const),
          documentation:
            name === '_count'
              ? 'page size, 20 by default, 100 at most'
              : name === '_offset'
                ? 'where the page starts (paging links carry it)'
                : 'the sortable parameters of the type, comma-separated, - for descending',
        })),
      },
    ],
  };
}
