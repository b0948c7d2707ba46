import type { CareTeam, CareTeamParticipant, CodeableConcept } from '@medplum/fhirtypes';
import type { CareTeamMember } from '../../domain/record/coordination-record.ts';
import { concept, lookup, reference, SYSTEM } from './fhir-mapping.ts';

/** HL7 v2 table 0443 (provider role), whose `PP` "Primary Care Provider" is the médecin traitant. */
const PROVIDER_ROLE = 'http://terminology.hl7.org/CodeSystem/v2-0443';

/** Each care-team role in words; the médecin traitant also carries its standard code. */
const ROLE_WORDS: Readonly<Record<string, string>> = {
  medecin_traitant: 'Médecin traitant',
  specialist: 'Médecin spécialiste',
  nurse: 'Infirmier',
  pharmacist: 'Pharmacien',
  physiotherapist: 'Masseur-kinésithérapeute',
  dietitian: 'Diététicien',
  social_worker: 'Assistant de service social',
  psychologist: 'Psychologue',
  coordinator: 'Coordinateur de parcours',
};

function roleConcept(role: string): CodeableConcept {
  const words = lookup(ROLE_WORDS, role) ?? role;
  return role === 'medecin_traitant' ? concept(PROVIDER_ROLE, 'PP', words) : { text: words };
}

/**
 * The patient's care team (équipe de soins) as one longitudinal CareTeam, whose id is the patient's:
 * each running membership with its role (the médecin traitant coded `PP`), the professional and the
 * day it started. The record's view holds running memberships only, so the team is active and no
 * participant has an end.
 */
export function careTeamToFhir(patientId: string, members: readonly CareTeamMember[]): CareTeam {
  return {
    resourceType: 'CareTeam',
    id: patientId,
    status: 'active',
    category: [concept(SYSTEM.loinc, 'LA28865-6', 'Longitudinal care-coordination focused care team')],
    name: 'Équipe de soins',
    subject: reference('Patient', patientId),
    ...(members.length === 0 ? {} : { participant: members.map(participantOf) }),
  };
}

function participantOf(member: CareTeamMember): CareTeamParticipant {
  return {
    id: member.id,
    role: [roleConcept(member.role)],
    member: { ...reference('Practitioner', member.practitionerId), display: member.name },
    period: { start: member.startedOn },
  };
}
