import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import type { Allergy } from '../../domain/record/coordination-record.ts';
import {
  codeIn,
  codingsIn,
  concept,
  incomingPatientId,
  reference,
  refuse,
  refuseUnconfirmed,
  refuseUnheld,
  requiredWords,
  SYSTEM,
} from './fhir-mapping.ts';

export type AllergyEntry = Extract<ClinicalEntry, { kind: 'allergy' }>;

export const ALLERGY_CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION_STATUS = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/**
 * SNOMED CT situations that state the absence of an allergy (no known allergy, drug, food, latex,
 * environmental allergy). The record lists allergies; taking one of these as a substance would record
 * an allergy to "no known allergy".
 */
const NO_KNOWN_ALLERGY = new Set([
  '716186003',
  '409137002',
  '429625007',
  '716184000',
  '428607008',
  '428197003',
]);

/** An allergy of the record (substance and reaction in words, criticality) as an active AllergyIntolerance. */
export function allergyIntoleranceToFhir(patientId: string, allergy: Allergy): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: allergy.id,
    // The record keeps the allergies that hold (invariant ait-1: a status unless entered in error).
    clinicalStatus: concept(ALLERGY_CLINICAL_STATUS, 'active'),
    criticality: allergy.criticality,
    code: { text: allergy.substance },
    patient: reference('Patient', patientId),
    ...(allergy.reaction === null ? {} : { reaction: [{ manifestation: [{ text: allergy.reaction }] }] }),
  };
}

/**
 * An AllergyIntolerance as a new allergy of the record. Refused (`invalid-input`, naming the FHIR
 * path) when the record cannot hold it: not active, not confirmed, a "no known allergy" statement, no
 * substance in words, a reaction's own substance or severity. The manifestations of every reaction
 * become the reaction in words; no criticality reads as unable to assess. Substance codes (the
 * record keeps words), type, category, dates and provenance are not kept.
 */
export function allergyIntoleranceFromFhir(resource: AllergyIntolerance): {
  patientId: string;
  entry: AllergyEntry;
} {
  const patientId = incomingPatientId(resource, { element: 'patient', value: resource.patient }, []);
  codeIn(
    resource.clinicalStatus,
    ALLERGY_CLINICAL_STATUS,
    { active: 'active' },
    'AllergyIntolerance.clinicalStatus',
  );
  refuseUnconfirmed(
    resource.verificationStatus,
    VERIFICATION_STATUS,
    'AllergyIntolerance.verificationStatus',
  );
  if (codingsIn(resource.code, SYSTEM.snomed).some((coding) => NO_KNOWN_ALLERGY.has(coding.code ?? ''))) {
    refuse(
      'AllergyIntolerance.code',
      'a "no known allergy" statement is not an allergy; Relais lists allergies only',
    );
  }
  return {
    patientId,
    entry: {
      kind: 'allergy',
      substance: requiredWords(resource.code, 'AllergyIntolerance.code.text', 'the substance'),
      reaction: reactionText(resource),
      criticality: resource.criticality ?? 'unable-to-assess',
    },
  };
}

function reactionText(resource: AllergyIntolerance): string | null {
  const reactions = resource.reaction ?? [];
  if (reactions.length === 0) return null;
  const words = reactions.flatMap((reaction, index) => {
    const path = `AllergyIntolerance.reaction[${index}]`;
    refuseUnheld(reaction, path, ['modifierExtension', 'substance', 'severity']);
    return reaction.manifestation.map((manifestation) =>
      requiredWords(manifestation, `${path}.manifestation`, 'each manifestation'),
    );
  });
  return words.join(', ');
}
