import type { Binary } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { reference, sensitivityLabel } from '../mappers/fhir-mapping.ts';
import type { ResourceModule } from '../resource-module.ts';

/**
 * Binary: a document's content, at the id of its DocumentReference (whose access rules it follows:
 * the patient gate, then the document's category). Read only; the plugin answers the bytes themselves
 * with their content type unless the client asks for FHIR JSON.
 */
export function binaryModule(parts: RecordPartService): ResourceModule<Binary> {
  return {
    type: 'Binary',
    searchParams: [],
    sortable: [],
    async read({ principal, origin }, id) {
      const { mimeType, content, category } = await parts.documentContent(principal, id, origin);
      return {
        resourceType: 'Binary',
        id,
        ...(category === null ? {} : { meta: { security: [sensitivityLabel(category)] } }),
        contentType: mimeType,
        securityContext: reference('DocumentReference', id),
        data: Buffer.from(content).toString('base64'),
      };
    },
  };
}
