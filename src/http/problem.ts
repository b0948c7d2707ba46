import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../domain/shared/domain-error.ts';

/** The one table from domain error codes to HTTP (RFC 9457 problem details). */
const STATUS_OF: Readonly<Record<ErrorCode, { status: number; title: string }>> = {
  'invalid-input': { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Not signed in' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'rate-limited': { status: 429, title: 'Too many requests' },
};

/** Framework errors we expect from clients, each mapped to a domain code. */
const FRAMEWORK_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-input',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-input',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'invalid-input',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-input',
  FST_ERR_VALIDATION: 'invalid-input',
};

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  options: { status?: number; errors?: readonly string[] } = {},
) {
  const { status, title } = STATUS_OF[code];
  return reply
    .code(options.status ?? status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title,
      status: options.status ?? status,
      detail,
      code,
      ...(options.errors !== undefined && options.errors.length > 0 ? { errors: options.errors } : {}),
    });
}

/** Fastify's error handler: every error becomes a problem; only a real fault is a 500, and it is logged by id. */
export function handleError(
  error: FastifyError | DomainError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof DomainError)
    return sendProblem(reply, error.code, error.message, { errors: error.details });
  // A framework error carries some of these fields; any other error, none.
  const fastifyError: Partial<FastifyError> = error;
  if (fastifyError.validation !== undefined) {
    const errors = fastifyError.validation.map(
      (issue) =>
        `${fastifyError.validationContext ?? 'request'}${issue.instancePath || ''} ${issue.message ?? 'is invalid'}`,
    );
    return sendProblem(reply, 'invalid-input', `invalid request: ${errors.join('; ')}`, { errors });
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(reply, 'invalid-input', 'the request body is too large', { status: 413 });
  }
  if (fastifyError.statusCode === 429) return sendProblem(reply, 'rate-limited', error.message);
  const mapped = fastifyError.code === undefined ? undefined : FRAMEWORK_CODES[fastifyError.code];
  if (mapped !== undefined) return sendProblem(reply, mapped, error.message);
  if (
    fastifyError.statusCode !== undefined &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return sendProblem(reply, 'invalid-input', error.message, { status: fastifyError.statusCode });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply
    .code(500)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      detail: `request ${request.id} failed`,
      code: 'internal',
    });
}
