import type { CareTeam } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { careTeamToFhir } from '../mappers/care-team-mapper.ts';
import { recordPartModule } from '../record-part-module.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import { byCode } from '../search/patient-data-search.ts';
import { DIRECTORY_TARGETS } from '../search/search-includes.ts';

/**
 * CareTeam: the patient's care team (équipe de soins) as one longitudinal team whose id is the
 * patient's, the médecin traitant coded PP; read and searched by patient through the patient gate.
 */
export function careTeamModule(parts: RecordPartService): ResourceModule<CareTeam> {
  const teamOf = async ({ principal, origin }: FhirCaller, patientId: string) =>
    careTeamToFhir(patientId, await parts.careTeam(principal, patientId, origin));
  return recordPartModule<CareTeam>({
    type: 'CareTeam',
    patientParams: ['patient', 'subject'],
    patientOf: (team) => team.subject,
    includes: [
      {
        param: 'participant',
        targets: DIRECTORY_TARGETS,
        references: (team) => (team.participant ?? []).map((participant) => participant.member),
      },
    ],
    idDocumentation: "the logical id (the patient's: one team per patient)",
    params: [
      {
        name: 'status',
        type: 'token',
        documentation: 'active (the team lists running memberships only)',
        matches: byCode('http://hl7.org/fhir/ValueSet/care-team-status', (team) => team.status),
      },
    ],
    read: teamOf,
    list: async (caller, patientId) => [await teamOf(caller, patientId)],
  });
}
