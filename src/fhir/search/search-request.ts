import { badRequest } from '../fhir-error.ts';

/** The search parameter types the framework parses (the R4 names). */
export type SearchParamType = 'string' | 'token' | 'date' | 'reference';

/** A search parameter a resource module serves, as the CapabilityStatement lists it. */
export interface SearchParamDefinition {
  readonly name: string;
  readonly type: SearchParamType;
  readonly documentation: string;
}

/** One occurrence of a parameter in the query: its comma-separated values (any may match). */
export interface SearchOccurrence {
  readonly name: string;
  readonly values: readonly string[];
}

/** A search as asked: the resource's own parameters, the page and the order. */
export interface SearchRequest {
  readonly occurrences: readonly SearchOccurrence[];
  readonly count: number;
  readonly offset: number;
  readonly sort: readonly { readonly name: string; readonly descending: boolean }[];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

/** The result parameters Relais serves for every type; any other `_` parameter is refused. */
export const RESULT_PARAMETERS = ['_count', '_offset', '_sort'] as const;

/**
 * Reads a search's query parameters against what the type serves. Refused with 400, naming it: a
 * parameter the type does not serve, any modifier (`name:exact`…), a `_count` outside 0–100, a `_sort`
 * on a parameter not sortable. Nothing is ignored.
 */
export function parseSearchRequest(
  query: Readonly<Record<string, string | readonly string[] | undefined>>,
  served: readonly SearchParamDefinition[],
  sortable: readonly string[],
): SearchRequest {
  const occurrences: SearchOccurrence[] = [];
  let count = DEFAULT_COUNT;
  let offset = 0;
  let sort: SearchRequest['sort'] = [];
  for (const [key, raw] of Object.entries(query)) {
    const given = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
    const [name = '', modifier] = key.split(':', 2);
    if (modifier !== undefined)
      throw badRequest(`search modifier ':${modifier}' of parameter '${name}' is not supported`, key);
    if (name === '_count') count = integerIn(name, single(name, given), 0, MAX_COUNT);
    else if (name === '_offset') offset = integerIn(name, single(name, given), 0, Number.MAX_SAFE_INTEGER);
    else if (name === '_sort') sort = sortOf(single(name, given), sortable);
    else if (served.some((parameter) => parameter.name === name)) {
      for (const value of given) {
        const values = value.split(',');
        if (values.some((one) => one.trim() === ''))
          throw badRequest(`search parameter '${name}' has an empty value`, name);
        occurrences.push({ name, values });
      }
    } else {
      const known = [...served.map((parameter) => parameter.name), ...RESULT_PARAMETERS].join(', ');
      throw badRequest(`search parameter '${name}' is not supported here (supported: ${known})`, name);
    }
  }
  return { occurrences, count, offset, sort };
}

function single(name: string, given: readonly string[]): string {
  if (given.length !== 1) throw badRequest(`'${name}' must be given once`, name);
  return given[0] ?? '';
}

function integerIn(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw badRequest(`'${name}' must be a whole number from ${min} to ${max}, got '${text}'`, name);
  return value;
}

function sortOf(text: string, sortable: readonly string[]): SearchRequest['sort'] {
  return text.split(',').map((field) => {
    const descending = field.startsWith('-');
    const name = descending ? field.slice(1) : field;
    if (!sortable.includes(name))
      throw badRequest(`cannot sort by '${name}' (sortable: ${sortable.join(', ')})`, '_sort');
    return { name, descending };
  });
}
