import type { PractitionerRole } from '@medplum/fhirtypes';
import type { Practitioner } from '../../domain/directory/directory.ts';
import { specialtyLabel } from '../../domain/referrals/referral-specialty-label.ts';
import { reference } from './fhir-mapping.ts';
import { professionConcept } from './practitioner-mapper.ts';

/**
 * A professional's place in the directory as a PractitionerRole: who, where (their organisation), as
 * what (profession) and in which specialty (in words: the directory keeps Relais' own specialty codes,
 * not the ANS nomenclature's). The directory holds one role per professional, so it shares their id.
 */
export function practitionerRoleToFhir(practitioner: Practitioner): PractitionerRole {
  const { organizationId, specialty } = practitioner;
  return {
    resourceType: 'PractitionerRole',
    id: practitioner.id,
    active: true,
    practitioner: reference('Practitioner', practitioner.id),
    ...(organizationId === null ? {} : { organization: reference('Organization', organizationId) }),
    code: [professionConcept(practitioner.profession)],
    ...(specialty === null ? {} : { specialty: [{ text: specialtyLabel(specialty) }] }),
  };
}
