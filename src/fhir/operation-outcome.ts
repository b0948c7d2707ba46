import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { DomainError, type ErrorCode } from '../domain/shared/domain-error.ts';
import { FhirError, issue } from './fhir-error.ts';

/** The one table from domain error codes to FHIR: HTTP status and OperationOutcome issue type. */
const FHIR_OF: Readonly<Record<ErrorCode, { status: number; code: OperationOutcomeIssue['code'] }>> = {
  'invalid-input': { status: 422, code: 'business-rule' },
  unauthenticated: { status: 401, code: 'login' },
  forbidden: { status: 403, code: 'forbidden' },
  'not-found': { status: 404, code: 'not-found' },
  conflict: { status: 409, code: 'conflict' },
  'precondition-failed': { status: 412, code: 'conflict' },
  'rate-limited': { status: 429, code: 'throttled' },
};

export function operationOutcome(issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [...issues] };
}

/**
 * The status and OperationOutcome of a refusal: a FHIR edge error as it is, a domain error through the
 * table (each of its details an issue), anything else undefined (the caller decides).
 */
export function outcomeOfError(error: unknown): { status: number; outcome: OperationOutcome } | undefined {
  if (error instanceof FhirError) return { status: error.status, outcome: operationOutcome(error.issues) };
  if (error instanceof DomainError) {
    const { status, code } = FHIR_OF[error.code];
    const details = error.details.length > 0 ? error.details : [error.message];
    return { status, outcome: operationOutcome(details.map((detail) => issue(code, detail))) };
  }
  return undefined;
}
