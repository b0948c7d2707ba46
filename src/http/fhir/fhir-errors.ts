import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { issue } from '../../fhir/fhir-error.ts';
import { operationOutcome, outcomeOfError } from '../../fhir/operation-outcome.ts';
import { sendResource } from './fhir-reply.ts';

/** Framework refusals under /fhir: status and what to tell the client. */
const FRAMEWORK_ERRORS: Readonly<Record<string, { status: number; say: string }>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    say: 'send the resource as application/fhir+json (or application/json)',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, say: 'the request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, say: 'the request body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, say: 'the Content-Length does not match the body' },
};

/**
 * The error handler of the FHIR plugin: every refusal is an OperationOutcome saying what is wrong; only
 * a real fault is a 500, logged by request id, and then the outcome names the request, nothing else.
 */
export function handleFhirError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const known = outcomeOfError(error);
  if (known !== undefined) return sendResource(reply, known.status, known.outcome);
  const fastifyError: Partial<FastifyError> = error;
  const framework = fastifyError.code === undefined ? undefined : FRAMEWORK_ERRORS[fastifyError.code];
  if (framework !== undefined)
    return sendResource(reply, framework.status, operationOutcome([issue('invalid', framework.say)]));
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return sendResource(reply, status, operationOutcome([issue('invalid', error.message)]));
  request.log.error({ err: error }, 'unexpected error');
  return sendResource(reply, 500, operationOutcome([issue('exception', `request ${request.id} failed`)]));
}
