import { badRequest } from '../fhir-error.ts';

// A logical id (FHIR id: 1 to 64 of A-Z a-z 0-9 - .), bare or as `Type/id`.
const REFERENCE = /^(?:([A-Za-z]+)\/)?([A-Za-z0-9.-]{1,64})$/;

/**
 * The id a reference search value names: `id` or `<type>/id` (a relative reference to `type`). 400
 * naming the parameter for another type or anything else (absolute URLs, versions, chains).
 */
export function parseReference(name: string, value: string, type: string): string {
  const match = REFERENCE.exec(value);
  if (match === null || (match[1] !== undefined && match[1] !== type))
    throw badRequest(`'${name}' must name a ${type} as <id> or ${type}/<id>, got '${value}'`, name);
  return match[2] ?? '';
}
