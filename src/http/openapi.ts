import { Problem } from '../contracts/common-contracts.ts';

/** The problem+json responses a route documents, by status. */
export function problemResponses(...statuses: number[]): Record<number, typeof Problem> {
  return Object.fromEntries(statuses.map((status) => [status, Problem]));
}

export const OPENAPI_INFO = {
  title: 'Relais API',
  description:
    'City–hospital care coordination. Every patient route checks care-team membership and writes an audit entry. ' +
    'Errors are application/problem+json (RFC 9457).',
  version: '0.1.0',
};
