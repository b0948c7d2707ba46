import type { Coding, Period, Resource } from '@medplum/fhirtypes';
import type { DateBound } from '../../domain/record/patient-criteria.ts';
import { badRequest } from '../fhir-error.ts';
import type { SearchResult } from '../resource-module.ts';
import { parseReference } from './search-references.ts';
import type { SearchParamDefinition, SearchRequest } from './search-request.ts';
import { parseDateBounds, parseToken } from './search-values.ts';

/**
 * Searches of one patient's data (their care team, documents, stays, appointments): the patient is
 * named by the search, whose gate then opens (audited) or refuses; the patient's resources are then
 * matched and paged here. A search naming no patient is refused: it would reach across patients.
 */

/** A search parameter of a patient's data, with how a resource matches one of its values. */
export interface PatientDataParam<R> extends SearchParamDefinition {
  /** Absent for the parameters naming the patient, which the gate answers. */
  readonly matches?: Matcher<R>;
}

/** Whether a resource matches one value of a search parameter. */
export type Matcher<R> = (resource: R, value: string, name: string) => boolean;

/** The reference parameters that name the patient, as R4 defines them for a type. */
export const patientParams = <R>(type: string, names: readonly ('patient' | 'subject')[]) =>
  names.map((name): PatientDataParam<R> => ({
    name,
    type: 'reference',
    documentation: `the patient (<id> or Patient/<id>) whose ${type} resources to search; required, one patient`,
  }));

/** The one patient a search names by `patient` or `subject`; 400 when it names none or several. */
export function patientOfSearch(request: SearchRequest, type: string): string {
  const naming = request.occurrences.filter(({ name }) => name === 'patient' || name === 'subject');
  const ids = new Set(
    naming.flatMap(({ name, values }) => values.map((value) => parseReference(name, value, 'Patient'))),
  );
  const [patientId] = ids;
  if (patientId === undefined || ids.size > 1)
    throw badRequest(
      `a ${type} search must name one patient (patient=<id>): Relais does not search across patients`,
      naming[0]?.name ?? 'patient',
    );
  return patientId;
}

/**
 * The page of `resources` (one patient's, in their order) that match every parameter of the request
 * but the patient's: each occurrence by any of its values. The total counts them all.
 */
export function searchWithin<R extends Resource>(
  resources: readonly R[],
  request: SearchRequest,
  params: readonly PatientDataParam<R>[],
): SearchResult<R> {
  const matching = resources.filter((resource) =>
    request.occurrences.every(({ name, values }) => {
      const matches = params.find((param) => param.name === name)?.matches;
      return matches === undefined || values.some((value) => matches(resource, value, name));
    }),
  );
  return {
    total: matching.length,
    resources: matching.slice(request.offset, request.offset + request.count),
  };
}

/** `_id`: the logical id. */
export const byId: Matcher<Resource> = (resource, value, name) =>
  parseToken(name, value).code === resource.id;

/** A token on a `code` element (a status): its code; a system, when given, is not checked. */
export const byCode =
  <R>(code: (resource: R) => string | undefined): Matcher<R> =>
  (resource, value, name) =>
    parseToken(name, value).code === code(resource);

/** A token on codings: the code, in the system given (`|code`: no system; `code`: any). */
export const byCoding =
  <R>(codings: (resource: R) => readonly Coding[]): Matcher<R> =>
  (resource, value, name) => {
    const { system, code } = parseToken(name, value);
    return codings(resource).some(
      (coding) =>
        coding.code === code &&
        (system === undefined || (system === null ? coding.system === undefined : coding.system === system)),
    );
  };

/** A date on an instant (dateTime) element, with the prefixes of `parseDateBounds`. */
export const byInstant =
  <R>(instant: (resource: R) => string | undefined): Matcher<R> =>
  (resource, value, name) => {
    const at = instant(resource);
    return at !== undefined && parseDateBounds(name, value, true).every((bound) => holds(at, bound));
  };

/**
 * A date on a period: the period overlaps the value's range (`lt`: starts before it, `gt`: ends
 * after it, or has not ended). A period without a start matches nothing.
 */
export const byPeriod =
  <R>(period: (resource: R) => Period | undefined): Matcher<R> =>
  (resource, value, name) => {
    const { start, end } = period(resource) ?? {};
    if (start === undefined) return false;
    return parseDateBounds(name, value, true).every((bound) =>
      bound.comparator === 'lt' || bound.comparator === 'le'
        ? holds(start, bound)
        : end === undefined || holds(end, bound),
    );
  };

function holds(at: string, bound: DateBound): boolean {
  const time = Date.parse(at);
  const limit = Date.parse(bound.value);
  switch (bound.comparator) {
    case 'eq':
      return time === limit;
    case 'lt':
      return time < limit;
    case 'le':
      return time <= limit;
    case 'gt':
      return time > limit;
    case 'ge':
      return time >= limit;
  }
}
