import type { CareTeam } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { careTeamToFhir } from '../mappers/care-team-mapper.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import {
  byCode,
  byId,
  patientOfSearch,
  patientParams,
  searchWithin,
  type PatientDataParam,
} from '../search/patient-data-search.ts';

const SEARCH_PARAMS: readonly PatientDataParam<CareTeam>[] = [
  ...patientParams<CareTeam>('CareTeam', ['patient', 'subject']),
  {
    name: '_id',
    type: 'token',
    documentation: "the logical id (the patient's: one team per patient)",
    matches: byId,
  },
  {
    name: 'status',
    type: 'token',
    documentation: 'active (the team lists running memberships only)',
    matches: byCode((team) => team.status),
  },
];

/**
 * CareTeam: the patient's care team (équipe de soins) as one longitudinal team whose id is the
 * patient's, the médecin traitant coded PP; read and searched by patient through the patient gate.
 */
export function careTeamModule(parts: RecordPartService): ResourceModule<CareTeam> {
  const teamOf = async ({ principal, origin }: FhirCaller, patientId: string) =>
    careTeamToFhir(patientId, await parts.careTeam(principal, patientId, origin));
  return {
    type: 'CareTeam',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    read: teamOf,
    async search(caller, request) {
      return searchWithin(
        [await teamOf(caller, patientOfSearch(request, 'CareTeam'))],
        request,
        SEARCH_PARAMS,
      );
    },
  };
}
