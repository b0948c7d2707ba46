import type { Resource } from '@medplum/fhirtypes';
import { outcomeOfError } from './operation-outcome.ts';
import type { FhirCaller, ResourceModule } from './resource-module.ts';
import { localReference, type IncludeRequest } from './search/search-includes.ts';

/** Refusals that leave an included resource out of the page rather than fail the search. */
const LEFT_OUT = new Set([403, 404, 410]);

/**
 * The resources a search page's `_include`s lead to, each read once through its own module's read (so
 * through the same gate and audit as reading it alone). One the caller may not read, or that is gone,
 * is left out, as R4 allows; a resource already among the matches is not repeated.
 */
export async function includedResources(
  matches: readonly Resource[],
  includes: readonly IncludeRequest[],
  modules: readonly ResourceModule[],
  caller: FhirCaller,
): Promise<Resource[]> {
  if (includes.length === 0) return [];
  const seen = new Set(matches.map((resource) => `${resource.resourceType}/${resource.id ?? ''}`));
  const wanted: { type: string; id: string }[] = [];
  for (const { definition, target } of includes)
    for (const resource of matches)
      for (const reference of definition.references(resource)) {
        const local = localReference(reference);
        if (local === undefined || seen.has(`${local.type}/${local.id}`)) continue;
        const allowed = target === undefined ? definition.targets : [target];
        if (!allowed.some((type) => type === local.type)) continue;
        seen.add(`${local.type}/${local.id}`);
        wanted.push(local);
      }
  const included: Resource[] = [];
  for (const { type, id } of wanted) {
    const read = modules.find((module) => module.type === type)?.read;
    if (read === undefined) continue;
    try {
      included.push(await read(caller, id));
    } catch (error) {
      const status = outcomeOfError(error)?.status;
      if (status === undefined || !LEFT_OUT.has(status)) throw error;
    }
  }
  return included;
}
