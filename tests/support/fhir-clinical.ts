import type {
  AllergyIntolerance,
  Condition,
  MedicationStatement,
  Observation,
  Resource,
} from '@medplum/fhirtypes';

/** The clinical types the FHIR API serves, with a resource of each Relais keeps, about `patientId`. */
export const CLINICAL_TYPES = [
  'Condition',
  'Observation',
  'MedicationStatement',
  'AllergyIntolerance',
] as const;

export type ClinicalType = (typeof CLINICAL_TYPES)[number];

export const isClinicalType = (type: string | undefined): type is ClinicalType =>
  (CLINICAL_TYPES as readonly (string | undefined)[]).includes(type);

/** The table a type's entries are kept in. */
export const ENTRY_TABLE = {
  Condition: 'conditions',
  Observation: 'results',
  MedicationStatement: 'medications',
  AllergyIntolerance: 'allergies',
} as const satisfies Record<ClinicalType, string>;

/** The element naming the patient: `patient` on AllergyIntolerance, `subject` on the others. */
export const patientElementOf = (type: string) => (type === 'AllergyIntolerance' ? 'patient' : 'subject');

/** A resource of `type` that Relais keeps whole, about `patientId`. */
export function clinicalResource(type: ClinicalType, patientId: string): Resource {
  const patient = { reference: `Patient/${patientId}` };
  const resources: Record<ClinicalType, Resource> = {
    Condition: {
      resourceType: 'Condition',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11', display: 'Diabète de type 2' }],
        text: 'Diabète de type 2',
      },
      subject: patient,
      onsetDateTime: '2019-03-01',
    } satisfies Condition,
    Observation: {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'HbA1c' }], text: 'HbA1c' },
      subject: patient,
      effectiveDateTime: '2026-10-01T08:00:00.000Z',
      valueQuantity: { value: 7.1, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
    } satisfies Observation,
    MedicationStatement: {
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.whocc.no/atc', code: 'A10BA02', display: 'Metformine 1000 mg' }],
        text: 'Metformine 1000 mg',
      },
      subject: patient,
      effectivePeriod: { start: '2020-01-15' },
      dosage: [{ text: '1 comprimé matin et soir' }],
    } satisfies MedicationStatement,
    AllergyIntolerance: {
      resourceType: 'AllergyIntolerance',
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      criticality: 'high',
      code: { text: 'Pénicilline' },
      patient,
      reaction: [{ manifestation: [{ text: 'urticaire' }] }],
    } satisfies AllergyIntolerance,
  };
  return resources[type];
}

/** A `code` search that finds the resource of `clinicalResource`, where the type serves one. */
export const CODE_QUERY: Readonly<Record<ClinicalType, string | null>> = {
  Condition: 'http://hl7.org/fhir/sid/icd-10|E11',
  Observation: 'http://loinc.org|4548-4',
  MedicationStatement: 'http://www.whocc.no/atc|A10BA02',
  AllergyIntolerance: null,
};
