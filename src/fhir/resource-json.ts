import type { Bundle, Resource } from '@medplum/fhirtypes';
import { deepFrozen } from '../domain/shared/deep-frozen.ts';

/** The JSON text of the resources made once (`serializedOnce`), by the resource. */
const textOf = new WeakMap<object, string>();

/**
 * The resource, frozen, with its JSON text made now and kept for `resourceJson`: for a resource that
 * never changes (a version of a Patient, say) and is sent again and again.
 */
export function serializedOnce<T extends Resource>(resource: T): T {
  const frozen = deepFrozen(resource);
  textOf.set(frozen, JSON.stringify(frozen));
  return frozen;
}

/**
 * The resource's JSON text, as JSON.stringify writes it: a Bundle's entries each with their resource's
 * text, which `serializedOnce` may already have made.
 */
export function resourceJson(resource: Resource): string {
  const made = textOf.get(resource);
  if (made !== undefined) return made;
  return resource.resourceType === 'Bundle' ? bundleJson(resource) : JSON.stringify(resource);
}

function bundleJson(bundle: Bundle): string {
  return objectJson(bundle, (key, value) =>
    key === 'entry' && Array.isArray(value)
      ? `[${value.map((entry: object) => objectJson(entry, entryFieldJson)).join(',')}]`
      : JSON.stringify(value),
  );
}

function entryFieldJson(key: string, value: unknown): string | undefined {
  return key === 'resource' ? resourceJson(value as Resource) : JSON.stringify(value);
}

/** An object's JSON, its fields in order, each written by `field` (undefined leaves the field out). */
function objectJson(object: object, field: (key: string, value: unknown) => string | undefined): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    const text = value === undefined ? undefined : field(key, value);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}
