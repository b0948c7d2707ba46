import type { Organization as FhirOrganization } from '@medplum/fhirtypes';
import type { Organization } from '../../domain/directory/directory.ts';
import { idNatStFromFiness } from '../../domain/identity/finess.ts';
import { concept, frCoreIdentifier, reference } from './fhir-mapping.ts';

export const FINESS_SYSTEM = 'https://finess.esante.gouv.fr';
/** idNatSt, the national structure id (`1` + FINESS), french-health-it.md A9. */
export const ID_NAT_ST_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';
const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

/** Each kind as R4's organization type (a provider, or a department of one), with its words. */
const KINDS: Readonly<
  Record<Organization['kind'], { readonly code: 'prov' | 'dept'; readonly words: string }>
> = {
  hospital: { code: 'prov', words: 'Établissement de santé' },
  hospital_service: { code: 'dept', words: 'Service hospitalier' },
  practice: { code: 'prov', words: 'Cabinet ou maison de santé pluriprofessionnelle' },
};

/** The kinds whose R4 organization type is `code` (in `system`, when one is given), for searches. */
export function kindsOfType(system: string | null | undefined, code: string): Organization['kind'][] {
  if (system !== undefined && system !== ORGANIZATION_TYPE) return [];
  return (Object.keys(KINDS) as Organization['kind'][]).filter((kind) => KINDS[kind].code === code);
}

/**
 * An organisation of the directory as an Organization: its FINESS (géographique, FR Core type FINEG)
 * and idNatSt when it has one, its kind, and the hospital a service is part of.
 */
export function organizationToFhir(organization: Organization): FhirOrganization {
  const kind = KINDS[organization.kind];
  const { finess, parentId } = organization;
  return {
    resourceType: 'Organization',
    id: organization.id,
    active: true,
    ...(finess === null
      ? {}
      : {
          identifier: [
            frCoreIdentifier('FINEG', FINESS_SYSTEM, finess),
            frCoreIdentifier('IDNST', ID_NAT_ST_SYSTEM, idNatStFromFiness(finess)),
          ],
        }),
    type: [concept(ORGANIZATION_TYPE, kind.code, kind.words)],
    name: organization.name,
    ...(parentId === null ? {} : { partOf: reference('Organization', parentId) }),
  };
}
