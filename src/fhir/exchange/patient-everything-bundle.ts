import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { PatientEverything } from '../../domain/record/patient-everything.ts';
import { allergyIntoleranceToFhir } from '../mappers/allergy-intolerance-mapper.ts';
import { appointmentToFhir } from '../mappers/appointment-mapper.ts';
import { careTeamToFhir } from '../mappers/care-team-mapper.ts';
import { conditionToFhir } from '../mappers/condition-mapper.ts';
import { documentReferenceToFhir } from '../mappers/document-reference-mapper.ts';
import { medicationStatementToFhir } from '../mappers/medication-statement-mapper.ts';
import { observationToFhir } from '../mappers/observation-mapper.ts';
import { patientToFhir } from '../patient/patient-to-fhir.ts';

/** A patient's whole record as R4 resources, the Patient first, through the mappers of each type. */
export function everythingResources(everything: PatientEverything): Resource[] {
  const id = everything.patient.patientId;
  return [
    patientToFhir(everything.patient),
    careTeamToFhir(id, everything.careTeam),
    ...everything.conditions.map((condition) => conditionToFhir(id, condition)),
    ...everything.medications.map((medication) => medicationStatementToFhir(id, medication)),
    ...everything.allergies.map((allergy) => allergyIntoleranceToFhir(id, allergy)),
    ...everything.results.map((result) => observationToFhir(id, result)),
    ...everything.documents.map((document) => documentReferenceToFhir(id, document)),
    ...everything.upcomingAppointments.map((appointment) => appointmentToFhir(id, appointment)),
  ];
}

/** `Patient/$everything`'s answer: the whole record as one searchset page (R4 operation definition). */
export function everythingBundle(baseUrl: string, everything: PatientEverything): Bundle {
  const resources = everythingResources(everything);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: `${baseUrl}/Patient/${everything.patient.patientId}/$everything` }],
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
