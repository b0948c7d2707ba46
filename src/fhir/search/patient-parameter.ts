import { badRequest } from '../fhir-error.ts';
import { idOfReference, singleValue } from './list-search.ts';
import type { SearchRequest } from './search-request.ts';

/**
 * The patient a search of patient data names (`patient` or `subject`, Patient/<id> or the id): the
 * search reads that patient's list through the patient gate. 400 without it: a search across patients
 * could not count only those within reach.
 */
export function requiredPatientId(request: SearchRequest, type: string): string {
  const value = singleValue(request, ['patient', 'subject']);
  if (value === undefined)
    throw badRequest(`a ${type} search names the patient: patient=Patient/<id>`, 'patient');
  return idOfReference('patient', value, 'Patient');
}
