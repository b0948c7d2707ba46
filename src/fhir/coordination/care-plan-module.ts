import type { CarePlan } from '@medplum/fhirtypes';
import type { PathwayService } from '../../domain/pathways/pathway-service.ts';
import { carePlanToFhir } from '../mappers/care-plan-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { searchList } from '../search/list-search.ts';
import { patientOfSearch } from '../search/patient-data-search.ts';
import { patientIncludes } from '../search/search-includes.ts';
import type { SearchParamDefinition } from '../search/search-request.ts';
import { requiredCodes } from '../required-codes.ts';

const SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { name: 'patient', type: 'reference', documentation: 'the patient (Patient/<id>), required' },
  { name: 'subject', type: 'reference', documentation: 'the same as patient' },
  { name: '_id', type: 'token', documentation: 'the logical id (the enrolment’s)' },
  { name: 'status', type: 'token', documentation: 'active, on-hold, completed, revoked' },
];

/**
 * CarePlan: a patient's care-pathway enrolments, through the patient gate (the record's readers and
 * the patient, as GET /api/patients/{id}/pathways): read by the enrolment's id, or searched by patient.
 */
export function carePlanModule(pathways: PathwayService): ResourceModule<CarePlan> {
  return {
    type: 'CarePlan',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    includes: patientIncludes(['patient', 'subject'], (plan) => plan.subject),
    async read({ principal, origin }, id) {
      return carePlanToFhir((await pathways.enrolment(principal, id, origin)).enrolment);
    },
    async search({ principal, origin }, request) {
      const patientId = patientOfSearch(request, 'CarePlan');
      const enrolments = await pathways.patientPathways(principal, patientId, origin);
      return searchList(enrolments.map(carePlanToFhir), request, {
        _id: { type: 'token', values: (plan) => [plan.id] },
        status: {
          type: 'token',
          values: (plan) => [plan.status],
          codes: requiredCodes('http://hl7.org/fhir/ValueSet/request-status'),
        },
      });
    },
  };
}
