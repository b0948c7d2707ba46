import type { CodeableConcept, Practitioner as FhirPractitioner } from '@medplum/fhirtypes';
import type { Practitioner } from '../../domain/directory/directory.ts';
import { idNatPsFromRpps } from '../../domain/identity/rpps.ts';
import { concept, frCoreIdentifier, lookup } from './fhir-mapping.ts';

export const RPPS_SYSTEM = 'https://rpps.esante.gouv.fr';
/** idNatPs, the national professional id (`8` + RPPS), french-health-it.md A7. */
export const ID_NAT_PS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
/** ANS nomenclature TRE_G15, the health professions. */
const PROFESSION_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante';

/**
 * The directory's professions in words, with their TRE_G15 code where the profession is one of the
 * nomenclature's (social workers and coordinators are not health professions there; dietitians and
 * psychologists are, but their codes are left out until checked against the nomenclature).
 */
const PROFESSIONS: Readonly<Record<string, { readonly words: string; readonly g15?: string }>> = {
  physician: { words: 'Médecin', g15: '10' },
  pharmacist: { words: 'Pharmacien', g15: '21' },
  nurse: { words: 'Infirmier', g15: '60' },
  physiotherapist: { words: 'Masseur-kinésithérapeute', g15: '70' },
  dietitian: { words: 'Diététicien' },
  psychologist: { words: 'Psychologue' },
  social_worker: { words: 'Assistant de service social' },
  coordinator: { words: 'Coordinateur de parcours' },
};

/** A profession as a concept: its TRE_G15 code when it has one, its words always. */
export function professionConcept(profession: string): CodeableConcept {
  const known = lookup(PROFESSIONS, profession);
  if (known?.g15 === undefined) return { text: known?.words ?? profession };
  return concept(PROFESSION_SYSTEM, known.g15, known.words);
}

/** The directory's professions whose TRE_G15 code is `code` (in `system`, when one is given), for searches. */
export function professionsOfCode(system: string | null | undefined, code: string): string[] {
  if (system !== undefined && system !== PROFESSION_SYSTEM) return [];
  return Object.keys(PROFESSIONS).filter((profession) => lookup(PROFESSIONS, profession)?.g15 === code);
}

/** A professional of the directory as an FR Core-shaped Practitioner: RPPS and idNatPs, name, profession. */
export function practitionerToFhir(practitioner: Practitioner): FhirPractitioner {
  return {
    resourceType: 'Practitioner',
    id: practitioner.id,
    active: true,
    identifier: [
      frCoreIdentifier('RPPS', RPPS_SYSTEM, practitioner.rpps),
      frCoreIdentifier('IDNPS', ID_NAT_PS_SYSTEM, idNatPsFromRpps(practitioner.rpps)),
    ],
    name: [{ use: 'usual', family: practitioner.familyName, given: [practitioner.givenName] }],
    qualification: [{ code: professionConcept(practitioner.profession) }],
  };
}
