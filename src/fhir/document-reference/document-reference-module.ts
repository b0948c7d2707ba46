import type { DocumentReference } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { documentReferenceToFhir } from '../mappers/document-reference-mapper.ts';
import { recordPartModule } from '../record-part-module.ts';
import type { ResourceModule } from '../resource-module.ts';
import { byCode, byCoding, byInstant } from '../search/patient-data-search.ts';

/**
 * DocumentReference: the record's documents, their content at `Binary/<id>`; read by id and searched
 * by patient through the patient gate. A document of a category the patient keeps from the caller is
 * never listed, and reading it by id is refused (audited), as the record's document read is.
 */
export function documentReferenceModule(parts: RecordPartService): ResourceModule<DocumentReference> {
  return recordPartModule<DocumentReference>({
    type: 'DocumentReference',
    patientParams: ['patient', 'subject'],
    patientOf: (document) => document.subject,
    params: [
      {
        name: 'status',
        type: 'token',
        documentation: 'current (the record keeps current documents only)',
        matches: byCode(
          'http://hl7.org/fhir/ValueSet/document-reference-status',
          (document) => document.status,
        ),
      },
      {
        name: 'type',
        type: 'token',
        documentation: 'the LOINC document type (http://loinc.org|11490-0…)',
        matches: byCoding((document) => document.type?.coding ?? []),
      },
      {
        name: 'date',
        type: 'date',
        documentation: 'when the document was added to the record',
        matches: byInstant((document) => document.date),
      },
    ],
    async read({ principal, origin }, id) {
      const { patientId, document } = await parts.document(principal, id, origin);
      return documentReferenceToFhir(patientId, document);
    },
    async list({ principal, origin }, patientId) {
      const documents = await parts.documents(principal, patientId, origin);
      return documents.map((document) => documentReferenceToFhir(patientId, document));
    },
  });
}
