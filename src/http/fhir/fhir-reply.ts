import type { Resource } from '@medplum/fhirtypes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf } from '../../fhir/bundle.ts';
import { resourceJson } from '../../fhir/resource-json.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The base URL of the FHIR API as the client reached it. */
export function fhirBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/fhir/R4`;
}

/** Sends a resource as FHIR JSON, with its ETag and Last-Modified when it is versioned. */
export function sendResource(reply: FastifyReply, status: number, resource: Resource) {
  const etag = etagOf(resource);
  if (etag !== undefined) reply.header('etag', etag);
  const lastUpdated = resource.meta?.lastUpdated;
  if (lastUpdated !== undefined) reply.header('last-modified', new Date(lastUpdated).toUTCString());
  return reply.code(status).type(FHIR_JSON).send(resourceJson(resource));
}
