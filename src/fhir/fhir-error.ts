import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

/** A refusal at the FHIR edge that has no domain code (405, 415, 422…): its status and its issues. */
export class FhirError extends Error {
  readonly status: number;
  readonly issues: readonly OperationOutcomeIssue[];

  constructor(status: number, issues: readonly OperationOutcomeIssue[]) {
    super(issues.map((issue) => issue.diagnostics ?? issue.code).join('; '));
    this.name = 'FhirError';
    this.status = status;
    this.issues = issues;
  }
}

/** One error issue, with the FHIRPath of the element at fault when there is one. */
export function issue(
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
  expression?: string,
): OperationOutcomeIssue {
  return {
    severity: 'error',
    code,
    diagnostics,
    ...(expression === undefined ? {} : { expression: [expression] }),
  };
}

/** 400: the request itself is wrong (a search parameter, a header). */
export const badRequest = (diagnostics: string, expression?: string) =>
  new FhirError(400, [issue('invalid', diagnostics, expression)]);

/** 422: a well-formed resource that Relais cannot take as it is (a business rule, an element not kept). */
export const unprocessable = (issues: readonly OperationOutcomeIssue[]) => new FhirError(422, issues);
