import type { Organization } from '@medplum/fhirtypes';
import type { DirectoryReader } from '../../domain/directory/directory-reader.ts';
import { organizationToFhir } from '../mappers/organization-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { ORGANIZATION_SEARCH_PARAMS, organizationCriteriaOf } from './directory-search.ts';

/**
 * Organization: hospitals, their services and practices (FINESS, idNatSt when known), for signed-in
 * professionals; not audited.
 */
export function organizationModule(directory: DirectoryReader): ResourceModule<Organization> {
  return {
    type: 'Organization',
    searchParams: ORGANIZATION_SEARCH_PARAMS,
    sortable: [],
    async read({ principal }, id) {
      return organizationToFhir(await directory.readOrganization(principal, id));
    },
    async search({ principal }, request) {
      const found = await directory.searchOrganizations(principal, organizationCriteriaOf(request));
      return { total: found.total, resources: found.items.map(organizationToFhir) };
    },
  };
}
