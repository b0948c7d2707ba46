import type { Reference, Resource, ResourceType } from '@medplum/fhirtypes';
import { badRequest } from '../fhir-error.ts';

/**
 * An `_include` a type serves: one of its reference search parameters, the types it may lead to, and
 * where its references are in a resource.
 */
export interface IncludeDefinition<R extends Resource = Resource> {
  readonly param: string;
  readonly targets: readonly ResourceType[];
  readonly references: (resource: R) => readonly (Reference | undefined)[];
}

/** One `_include` as asked: the parameter, and the one target type when the client named it. */
export interface IncludeRequest {
  readonly definition: IncludeDefinition;
  readonly target: ResourceType | undefined;
}

/**
 * Reads the `_include` values of a search (`Type:param` or `Type:param:Target`) against what the type
 * serves; anything else (another type, a parameter not listed, `*`) is refused with 400 naming it.
 */
export function parseIncludes(
  given: string | readonly string[] | undefined,
  type: string,
  served: readonly IncludeDefinition[],
): IncludeRequest[] {
  const values = given === undefined ? [] : typeof given === 'string' ? [given] : given;
  return values.map((value) => {
    const [source, param, target, ...rest] = value.split(':');
    const definition = served.find((candidate) => candidate.param === param);
    const knownTarget =
      target === undefined || definition?.targets.some((candidate) => candidate === target) === true;
    if (source !== type || definition === undefined || !knownTarget || rest.length > 0) {
      const supported = served.map((candidate) => `${type}:${candidate.param}`);
      throw badRequest(
        `_include '${value}' is not supported here (supported: ${supported.join(', ') || 'none'})`,
        '_include',
      );
    }
    return { definition, target: target as ResourceType | undefined };
  });
}

/** A local reference `Type/id` split, or undefined for anything else (absolute URL, contained, logical). */
export function localReference(reference: Reference | undefined): { type: string; id: string } | undefined {
  const match = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(reference?.reference ?? '');
  return match?.[1] === undefined || match[2] === undefined ? undefined : { type: match[1], id: match[2] };
}

/** `Type:patient` (and `Type:subject`) for a type of one patient's data: the resource's patient. */
export function patientIncludes<R extends Resource>(
  params: readonly string[],
  patientOf: (resource: R) => Reference | undefined,
): IncludeDefinition<R>[] {
  return params.map((param) => ({
    param,
    targets: ['Patient'],
    references: (resource) => [patientOf(resource)],
  }));
}

/** The directory types a reference to a professional or a service may lead to. */
export const DIRECTORY_TARGETS: readonly ResourceType[] = [
  'Practitioner',
  'PractitionerRole',
  'Organization',
];
