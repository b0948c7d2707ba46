import type { DocumentReference } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { documentReferenceToFhir } from '../mappers/document-reference-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import {
  byCode,
  byCoding,
  byId,
  byInstant,
  patientOfSearch,
  patientParams,
  searchWithin,
  type PatientDataParam,
} from '../search/patient-data-search.ts';

const SEARCH_PARAMS: readonly PatientDataParam<DocumentReference>[] = [
  ...patientParams<DocumentReference>('DocumentReference', ['patient', 'subject']),
  { name: '_id', type: 'token', documentation: 'the logical id', matches: byId },
  {
    name: 'status',
    type: 'token',
    documentation: 'current (the record keeps current documents only)',
    matches: byCode((document) => document.status),
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
];

/**
 * DocumentReference: the record's documents, their content at `Binary/<id>`; read by id and searched
 * by patient through the patient gate. A document of a category the patient keeps from the caller is
 * never listed, and reading it by id is refused (audited), as the record's document read is.
 */
export function documentReferenceModule(parts: RecordPartService): ResourceModule<DocumentReference> {
  return {
    type: 'DocumentReference',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    async read({ principal, origin }, id) {
      const { patientId, document } = await parts.document(principal, id, origin);
      return documentReferenceToFhir(patientId, document);
    },
    async search({ principal, origin }, request) {
      const patientId = patientOfSearch(request, 'DocumentReference');
      const documents = await parts.documents(principal, patientId, origin);
      const resources = documents.map((document) => documentReferenceToFhir(patientId, document));
      return searchWithin(resources, request, SEARCH_PARAMS);
    },
  };
}
