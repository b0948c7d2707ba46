import type { PlanDefinition } from '@medplum/fhirtypes';
import type { PathwayService } from '../../domain/pathways/pathway-service.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { planDefinitionToFhir } from '../mappers/plan-definition-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { searchList } from '../search/list-search.ts';
import type { SearchParamDefinition } from '../search/search-request.ts';
import { requiredCodes } from '../required-codes.ts';

const SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { name: '_id', type: 'token', documentation: 'the template id (e.g. dt2-adulte-suivi)' },
  { name: 'name', type: 'token', documentation: 'the same as _id: a template is named by its id' },
  { name: 'status', type: 'token', documentation: 'active (every served template is)' },
];

/**
 * PlanDefinition: the care-pathway templates (latest versions), as GET /api/pathway-templates serves
 * them — for professionals, not patient data.
 */
export function planDefinitionModule(pathways: PathwayService): ResourceModule<PlanDefinition> {
  const all = (principal: Parameters<PathwayService['listTemplates']>[0]) =>
    pathways.listTemplates(principal).map(planDefinitionToFhir);
  return {
    type: 'PlanDefinition',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    read({ principal }, id) {
      const found = all(principal).find((plan) => plan.id === id);
      if (found === undefined)
        return Promise.reject(new DomainError('not-found', `no PlanDefinition '${id}'`));
      return Promise.resolve(found);
    },
    search({ principal }, request) {
      return Promise.resolve(
        searchList(all(principal), request, {
          _id: { type: 'token', values: (plan) => [plan.id] },
          name: { type: 'token', values: (plan) => [plan.name] },
          status: {
            type: 'token',
            values: (plan) => [plan.status],
            codes: requiredCodes('http://hl7.org/fhir/ValueSet/publication-status'),
          },
        }),
      );
    },
  };
}
