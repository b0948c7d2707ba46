import type { Binary, Resource } from '@medplum/fhirtypes';
import type { FastifyRequest } from 'fastify';

/**
 * Whether a read answers a Binary's bytes themselves: R4 asks for the content in its own type unless
 * the client asks for a FHIR format (application/fhir+json, or plain application/json).
 */
export function answersRawBinary(resource: Resource, request: FastifyRequest): resource is Binary {
  if (resource.resourceType !== 'Binary') return false;
  const accept = request.headers.accept ?? '';
  return !/application\/(fhir\+)?json/i.test(accept);
}

/** A Binary's content, with its type, as the record's document read sends a document. */
export function binaryContent(binary: Binary) {
  return {
    title: binary.id ?? 'document',
    mimeType: binary.contentType,
    content: Buffer.from(binary.data ?? '', 'base64'),
  };
}
