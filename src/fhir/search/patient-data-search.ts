import type { Coding, Period, Resource } from '@medplum/fhirtypes';
import type { DateBound } from '../../domain/record/patient-criteria.ts';
import { badRequest } from '../fhir-error.ts';
import { requiredCodes } from '../required-codes.ts';
import { parseReference } from './search-references.ts';
import type { SearchParamDefinition, SearchRequest } from './search-request.ts';
import { parseDateBounds, parseRequiredCode, parseToken } from './search-values.ts';

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

/**
 * How a resource matches one value of a search parameter: the value is read (and refused with a 400
 * when malformed) once, before any resource is looked at, so a search of an empty list refuses it too.
 */
export type Matcher<R> = (value: string, name: string) => (resource: R) => boolean;

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
 * The matching of every parameter of the request but the patient's: each occurrence by any of its
 * values. Built before the patient's resources are read, so that a bad value is refused first.
 */
export function matcherOf<R>(
  request: SearchRequest,
  params: readonly PatientDataParam<R>[],
): (resource: R) => boolean {
  const tests = request.occurrences.flatMap(({ name, values }) => {
    const matches = params.find((param) => param.name === name)?.matches;
    if (matches === undefined) return [];
    const accepts = values.map((value) => matches(value, name));
    return [(resource: R) => accepts.some((accept) => accept(resource))];
  });
  return (resource) => tests.every((test) => test(resource));
}

/** `_id`: the logical id. */
export const byId: Matcher<Resource> = (value, name) => {
  const { code } = parseToken(name, value);
  return (resource) => resource.id === code;
};

/**
 * A token on a `code` element bound to a required value set (a status): its code, one of the set's; a
 * system, when given, is not checked.
 */
export const byCode =
  <R>(valueSetUrl: string, code: (resource: R) => string | undefined): Matcher<R> =>
  (value, name) => {
    const wanted = parseRequiredCode(name, value, requiredCodes(valueSetUrl));
    return (resource) => code(resource) === wanted;
  };

/** A token on codings: the code, in the system given (`|code`: no system; `code`: any). */
export const byCoding =
  <R>(codings: (resource: R) => readonly Coding[]): Matcher<R> =>
  (value, name) => {
    const { system, code } = parseToken(name, value);
    return (resource) =>
      codings(resource).some(
        (coding) =>
          coding.code === code &&
          (system === undefined ||
            (system === null ? coding.system === undefined : coding.system === system)),
      );
  };

/** A date on an instant (dateTime) element, with the prefixes of `parseDateBounds`. */
export const byInstant =
  <R>(instant: (resource: R) => string | undefined): Matcher<R> =>
  (value, name) => {
    const bounds = parseDateBounds(name, value, true);
    return (resource) => {
      const at = instant(resource);
      return at !== undefined && bounds.every((bound) => holds(at, bound));
    };
  };

/**
 * A date on a period: the period overlaps the value's range (`lt`: starts before it, `gt`: ends
 * after it, or has not ended). A period without a start matches nothing.
 */
export const byPeriod =
  <R>(period: (resource: R) => Period | undefined): Matcher<R> =>
  (value, name) => {
    const bounds = parseDateBounds(name, value, true);
    return (resource) => {
      const { start, end } = period(resource) ?? {};
      if (start === undefined) return false;
      return bounds.every((bound) =>
        bound.comparator === 'lt' || bound.comparator === 'le'
          ? holds(start, bound)
          : end === undefined || holds(end, bound),
      );
    };
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
