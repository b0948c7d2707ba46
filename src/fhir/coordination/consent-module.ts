import type { Consent } from '@medplum/fhirtypes';
import type { SharingService } from '../../domain/sharing/sharing-service.ts';
import { consentToFhir } from '../mappers/consent-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { searchList } from '../search/list-search.ts';
import { patientOfSearch } from '../search/patient-data-search.ts';
import { patientIncludes } from '../search/search-includes.ts';
import type { SearchParamDefinition } from '../search/search-request.ts';
import { requiredCodes } from '../required-codes.ts';

const SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { name: 'patient', type: 'reference', documentation: 'the patient (Patient/<id>), required' },
  { name: '_id', type: 'token', documentation: 'the logical id (the sharing choice’s)' },
  { name: 'status', type: 'token', documentation: 'active (in force) or inactive (withdrawn)' },
];

/**
 * Consent: a patient's sharing choices (objections, restrictions, consents), through the patient gate
 * (the record's readers and the patient, as GET /api/patients/{id}/sharing-choices): read by the
 * choice's id, or searched by patient.
 */
export function consentModule(sharing: SharingService): ResourceModule<Consent> {
  return {
    type: 'Consent',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    includes: patientIncludes(['patient'], (consent) => consent.patient),
    async read({ principal, origin }, id) {
      const { patientId, choice } = await sharing.choice(principal, id, origin);
      return consentToFhir(patientId, choice);
    },
    async search({ principal, origin }, request) {
      const patientId = patientOfSearch(request, 'Consent');
      const choices = await sharing.list(principal, patientId, origin);
      return searchList(
        choices.map((choice) => consentToFhir(patientId, choice)),
        request,
        {
          _id: { type: 'token', values: (consent) => [consent.id] },
          status: {
            type: 'token',
            values: (consent) => [consent.status],
            codes: requiredCodes('http://hl7.org/fhir/ValueSet/consent-state-codes'),
          },
        },
      );
    },
  };
}
