import type { PractitionerRole } from '@medplum/fhirtypes';
import type { DirectoryReader } from '../../domain/directory/directory-reader.ts';
import { practitionerRoleToFhir } from '../mappers/practitioner-role-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { PRACTITIONER_ROLE_SEARCH_PARAMS, practitionerRoleCriteriaOf } from './directory-search.ts';

/**
 * PractitionerRole: each professional's one place in the directory (organisation, profession,
 * specialty), under the professional's id; for signed-in professionals, not audited.
 */
export function practitionerRoleModule(directory: DirectoryReader): ResourceModule<PractitionerRole> {
  return {
    type: 'PractitionerRole',
    searchParams: PRACTITIONER_ROLE_SEARCH_PARAMS,
    sortable: [],
    includes: [
      { param: 'practitioner', targets: ['Practitioner'], references: (role) => [role.practitioner] },
      { param: 'organization', targets: ['Organization'], references: (role) => [role.organization] },
    ],
    async read({ principal }, id) {
      return practitionerRoleToFhir(await directory.readPractitioner(principal, id));
    },
    async search({ principal }, request) {
      const found = await directory.searchPractitioners(principal, practitionerRoleCriteriaOf(request));
      return { total: found.total, resources: found.items.map(practitionerRoleToFhir) };
    },
  };
}
