import type { Practitioner } from '@medplum/fhirtypes';
import type { DirectoryReader } from '../../domain/directory/directory-reader.ts';
import { practitionerToFhir } from '../mappers/practitioner-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { PRACTITIONER_SEARCH_PARAMS, practitionerCriteriaOf } from './directory-search.ts';

/** Practitioner: the directory's professionals (RPPS, idNatPs), for signed-in professionals; not audited. */
export function practitionerModule(directory: DirectoryReader): ResourceModule<Practitioner> {
  return {
    type: 'Practitioner',
    searchParams: PRACTITIONER_SEARCH_PARAMS,
    sortable: [],
    async read({ principal }, id) {
      return practitionerToFhir(await directory.readPractitioner(principal, id));
    },
    async search({ principal }, request) {
      const found = await directory.searchPractitioners(principal, practitionerCriteriaOf(request));
      return { total: found.total, resources: found.items.map(practitionerToFhir) };
    },
  };
}
