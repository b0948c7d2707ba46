import type { Resource } from '@medplum/fhirtypes';
import { FhirError, issue } from './fhir-error.ts';
import type { SearchResult } from './resource-module.ts';
import {
  parseSearchRequest,
  type SearchParamDefinition,
  type SearchRequest,
} from './search/search-request.ts';

/**
 * What the `If-None-Exist` query of a conditional create finds, through the type's own search (so
 * within the caller's reach only): undefined when nothing matches (create), the match when one does
 * (answer it), 412 when several do. The query takes the type's search parameters, nothing else.
 */
export async function existingMatch<R extends Resource>(
  ifNoneExist: string,
  searchParams: readonly SearchParamDefinition[],
  search: (request: SearchRequest) => Promise<SearchResult<R>>,
): Promise<R | undefined> {
  const query = Object.fromEntries(new URLSearchParams(ifNoneExist));
  const found = await search({ ...parseSearchRequest(query, searchParams, []), count: 2, offset: 0 });
  if (found.total > 1)
    throw new FhirError(412, [
      issue('duplicate', `If-None-Exist matches ${found.total} resources: make it more precise`),
    ]);
  return found.resources[0];
}
