import type { Condition as FhirCondition } from '@medplum/fhirtypes';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import type { Condition } from '../../domain/record/coordination-record.ts';
import {
  calendarDay,
  codeIn,
  concept,
  firstCode,
  incomingPatientId,
  reference,
  refuse,
  refuseUnconfirmed,
  requiredWords,
  SYSTEM,
} from './fhir-mapping.ts';

export type ConditionEntry = Extract<ClinicalEntry, { kind: 'condition' }>;

export const CONDITION_CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** The domain's code systems, most preferred first (a French problem list is coded in CIM-10). */
export const CONDITION_CODE_SYSTEMS = [
  ['ICD-10', SYSTEM.icd10],
  ['SNOMED-CT', SYSTEM.snomed],
] as const satisfies readonly (readonly [ConditionEntry['codeSystem'], string])[];

// `recurrence` and `relapse` are kinds of `active` in the code system's hierarchy.
const STATUS_FROM_FHIR = {
  active: 'active',
  recurrence: 'active',
  relapse: 'active',
  resolved: 'resolved',
} as const;

/** A problem of the record as a problem-list Condition. */
export function conditionToFhir(patientId: string, condition: Condition): FhirCondition {
  const system = CONDITION_CODE_SYSTEMS.find(([name]) => name === condition.codeSystem)?.[1];
  if (system === undefined) throw new Error(`unknown condition code system ${condition.codeSystem}`);
  return {
    resourceType: 'Condition',
    id: condition.id,
    clinicalStatus: concept(CONDITION_CLINICAL_STATUS, condition.clinicalStatus),
    category: [concept(CONDITION_CATEGORY, 'problem-list-item')],
    code: concept(system, condition.code, condition.display),
    subject: reference('Patient', patientId),
    ...(condition.onsetDate === null ? {} : { onsetDateTime: condition.onsetDate }),
  };
}

/**
 * A Condition as a new problem of the record. Refused (`invalid-input`, naming the FHIR path) when
 * the record cannot hold it: no ICD-10 or SNOMED CT code, a status other than active or resolved, a
 * diagnosis not confirmed, an onset other than a day, qualifiers (body site, severity, stage, end).
 * Provenance (recorder, asserter, encounter, notes) is the API's and the journal's, not the entry's.
 */
export function conditionFromFhir(resource: FhirCondition): { patientId: string; entry: ConditionEntry } {
  const patientId = incomingPatientId(resource, { element: 'subject', value: resource.subject }, [
    'bodySite',
    'severity',
    'stage',
    'abatementDateTime',
    'abatementAge',
    'abatementPeriod',
    'abatementRange',
    'abatementString',
    'onsetAge',
    'onsetPeriod',
    'onsetRange',
    'onsetString',
  ]);
  refuseUnconfirmed(resource.verificationStatus, VERIFICATION_STATUS, 'Condition.verificationStatus');
  const [codeSystem, code] = codeOf(resource);
  const { onsetDateTime } = resource;
  return {
    patientId,
    entry: {
      kind: 'condition',
      codeSystem,
      code,
      display: requiredWords(resource.code, 'Condition.code.text', 'the problem'),
      clinicalStatus: codeIn(
        resource.clinicalStatus,
        CONDITION_CLINICAL_STATUS,
        STATUS_FROM_FHIR,
        'Condition.clinicalStatus',
      ),
      onsetDate: onsetDateTime === undefined ? null : calendarDay(onsetDateTime, 'Condition.onsetDateTime'),
    },
  };
}

/** The first ICD-10 code, else the first SNOMED CT one (the codings of a concept mean the same thing). */
function codeOf(resource: FhirCondition): [ConditionEntry['codeSystem'], string] {
  for (const [name, system] of CONDITION_CODE_SYSTEMS) {
    const code = firstCode(resource.code, system);
    if (code !== undefined) return [name, code];
  }
  return refuse('Condition.code.coding', `needs a code of ${SYSTEM.icd10} or ${SYSTEM.snomed}`);
}
