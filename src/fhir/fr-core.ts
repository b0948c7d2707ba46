/**
 * The few FR Core (https://hl7.fr/ig/fhir/core) constants Relais relies on, coded by hand because
 * the FR Core package cannot be fetched here (french-health-it.md A4–A6, A10): identifier types, the
 * identity reliability extension, the birth place and the list of birth given names.
 */
export const FR_CORE = 'https://hl7.fr/ig/fhir/core';

export const IDENTITY_RELIABILITY_URL = `${FR_CORE}/StructureDefinition/fr-core-identity-reliability`;
/** RNIV statuses, FR Core's copy of HL7 v2 table 0445. */
export const IDENTITY_STATUS_SYSTEM = `${FR_CORE}/CodeSystem/fr-core-cs-v2-0445`;
/** FR Core's identifier types (HL7 v2 table 0203 with the French types: INS-NIR, RPPS, IDNPS, FINEG…). */
export const IDENTIFIER_TYPE_SYSTEM = `${FR_CORE}/CodeSystem/fr-core-cs-v2-0203`;
export const BIRTH_LIST_GIVEN_NAME_URL = `${FR_CORE}/StructureDefinition/fr-core-patient-birth-list-given-name`;
export const ADDRESS_INSEE_CODE_URL = `${FR_CORE}/StructureDefinition/fr-core-address-insee-code`;
/** The core R4 extension FR Core uses for the birth place. */
export const BIRTH_PLACE_URL = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
export const INSEE_COMMUNE_SYSTEM = 'https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM';
export const FR_CORE_PATIENT_PROFILE = `${FR_CORE}/StructureDefinition/fr-core-patient`;
/** The obsolete INS-C (computed from the Vitale card): read, never produced. */
export const LEGACY_INS_C_SYSTEM = 'urn:oid:1.2.250.1.213.1.4.2';
