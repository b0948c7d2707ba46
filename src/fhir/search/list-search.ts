import type { Resource } from '@medplum/fhirtypes';
import { badRequest } from '../fhir-error.ts';
import type { SearchResult } from '../resource-module.ts';
import type { SearchRequest } from './search-request.ts';
import { parseDateBounds, parseRequiredCode, parseToken } from './search-values.ts';

/** How a parameter reads a resource already in hand: the kind of match and the values it looks at. */
export interface ListFilter<R extends Resource> {
  readonly type: 'token' | 'reference' | 'date';
  readonly values: (resource: R) => readonly (string | undefined)[];
  /** For a token bound to a required value set (a status): the only codes a search may ask for. */
  readonly codes?: ReadonlySet<string>;
}

/**
 * Filters and pages a bounded list the domain already gave (every item within the caller's reach):
 * each occurrence of a parameter must match (AND), any of its comma-separated values may (OR). A token
 * matches the code; a reference `Type/id` or a bare id; a date is read as FHIR reads it (prefixes, the
 * range of its precision). Parameters absent from `filters` (the one that chose the list) are skipped.
 */
export function searchList<R extends Resource>(
  resources: readonly R[],
  request: SearchRequest,
  filters: Readonly<Record<string, ListFilter<R>>>,
): SearchResult<R> {
  const tests = request.occurrences.flatMap((occurrence) => {
    const filter = filters[occurrence.name];
    if (filter === undefined) return [];
    const matchers = occurrence.values.map((value) => matcherOf(occurrence.name, filter, value));
    return [
      (resource: R) =>
        filter.values(resource).some((held) => held !== undefined && matchers.some((match) => match(held))),
    ];
  });
  return pageOf(resources, request, (resource) => tests.every((test) => test(resource)));
}

/** The page of `resources` (in their order) that `matching` accepts; the total counts them all. */
export function pageOf<R extends Resource>(
  resources: readonly R[],
  request: SearchRequest,
  matching: (resource: R) => boolean,
): SearchResult<R> {
  const found = resources.filter(matching);
  return { total: found.length, resources: found.slice(request.offset, request.offset + request.count) };
}

function matcherOf<R extends Resource>(
  name: string,
  { type, codes }: ListFilter<R>,
  value: string,
): (held: string) => boolean {
  switch (type) {
    case 'token': {
      const code = codes === undefined ? parseToken(name, value).code : parseRequiredCode(name, value, codes);
      return (held) => held === code;
    }
    case 'reference':
      return value.includes('/') ? (held) => held === value : (held) => held.split('/').at(-1) === value;
    case 'date': {
      const bounds = parseDateBounds(name, value, true).map(({ comparator, value: at }) => ({
        comparator,
        at: Date.parse(at),
      }));
      return (held) => {
        const time = Date.parse(held);
        return bounds.every(({ comparator, at }) => (comparator === 'ge' ? time >= at : time < at));
      };
    }
  }
}

/** The one value of a parameter that chooses whose list is read (`patient`, `owner`…); 400 when several. */
export function singleValue(request: SearchRequest, names: readonly string[]): string | undefined {
  const given = request.occurrences.filter((occurrence) => names.includes(occurrence.name));
  if (given.length === 0) return undefined;
  const [first] = given;
  if (given.length > 1 || first === undefined || first.values.length !== 1)
    throw badRequest(`give one value of ${names.join(' or ')}`, names[0]);
  return first.values[0];
}
