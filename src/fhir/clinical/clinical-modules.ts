import type { AllergyIntolerance, Condition, MedicationStatement, Observation } from '@medplum/fhirtypes';
import { CODE_SYSTEM } from '../../domain/record/record-entries.ts';
import {
  ALLERGY_CLINICAL_STATUS,
  allergyIntoleranceFromFhir,
  allergyIntoleranceToFhir,
} from '../mappers/allergy-intolerance-mapper.ts';
import {
  CONDITION_CATEGORY,
  CONDITION_CLINICAL_STATUS,
  CONDITION_CODE_SYSTEMS,
  conditionFromFhir,
  conditionToFhir,
} from '../mappers/condition-mapper.ts';
import { SYSTEM } from '../mappers/fhir-mapping.ts';
import {
  medicationStatementFromFhir,
  medicationStatementToFhir,
} from '../mappers/medication-statement-mapper.ts';
import { observationFromFhir, observationToFhir } from '../mappers/observation-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { clinicalModule, type ClinicalDependencies } from './clinical-module.ts';

/** Condition: a problem of the record's problem list (CIM-10 or SNOMED CT). */
export const conditionModule = (deps: ClinicalDependencies): ResourceModule<Condition> =>
  clinicalModule(
    {
      type: 'Condition',
      kind: 'condition',
      patientParams: ['patient', 'subject'],
      codeSystems: Object.fromEntries(CONDITION_CODE_SYSTEMS.map(([name, system]) => [system, name])),
      status: {
        name: 'clinical-status',
        system: CONDITION_CLINICAL_STATUS,
        documentation: 'active or resolved',
      },
      constants: [
        {
          name: 'category',
          system: CONDITION_CATEGORY,
          code: 'problem-list-item',
          documentation: 'problem-list-item: every Condition here is on the problem list',
        },
      ],
      date: { name: 'onset-date', documentation: 'the day the problem began', instant: false },
      toFhir: conditionToFhir,
      patientOf: (condition) => condition.subject,
      fromFhir: conditionFromFhir,
    },
    deps,
  );

/**
 * Observation: a coded result (LOINC). Relais does not know whether a result is a laboratory one or
 * a vital sign, so `category` is not served.
 */
export const observationModule = (deps: ClinicalDependencies): ResourceModule<Observation> =>
  clinicalModule(
    {
      type: 'Observation',
      kind: 'result',
      patientParams: ['patient', 'subject'],
      codeSystems: { [SYSTEM.loinc]: CODE_SYSTEM.loinc },
      constants: [{ name: 'status', code: 'final', documentation: 'final: every result here is final' }],
      date: { name: 'date', documentation: 'when the result was taken', instant: true },
      toFhir: observationToFhir,
      patientOf: (observation) => observation.subject,
      fromFhir: observationFromFhir,
    },
    deps,
  );

/** MedicationStatement: a treatment of the record (ATC code when known). */
export const medicationStatementModule = (deps: ClinicalDependencies): ResourceModule<MedicationStatement> =>
  clinicalModule(
    {
      type: 'MedicationStatement',
      kind: 'medication',
      patientParams: ['patient', 'subject'],
      codeSystems: { [SYSTEM.atc]: CODE_SYSTEM.atc },
      status: {
        name: 'status',
        documentation: 'active or stopped (a treatment sent as completed is kept as stopped)',
      },
      date: { name: 'effective', documentation: 'the day the treatment started', instant: false },
      toFhir: medicationStatementToFhir,
      patientOf: (statement) => statement.subject,
      fromFhir: medicationStatementFromFhir,
    },
    deps,
  );

/** AllergyIntolerance: an allergy of the record (its substance in words, so no `code` search). */
export const allergyIntoleranceModule = (deps: ClinicalDependencies): ResourceModule<AllergyIntolerance> =>
  clinicalModule(
    {
      type: 'AllergyIntolerance',
      kind: 'allergy',
      patientParams: ['patient'],
      constants: [
        {
          name: 'clinical-status',
          system: ALLERGY_CLINICAL_STATUS,
          code: 'active',
          documentation: 'active: the record keeps the allergies that hold',
        },
      ],
      toFhir: allergyIntoleranceToFhir,
      patientOf: (allergy) => allergy.patient,
      fromFhir: allergyIntoleranceFromFhir,
    },
    deps,
  );

/** The four clinical modules, for the registry. */
export function clinicalModules(deps: ClinicalDependencies): readonly ResourceModule[] {
  // Each module's handlers take its own type; the plugin checks resourceType before calling them.
  return [
    conditionModule(deps),
    observationModule(deps),
    medicationStatementModule(deps),
    allergyIntoleranceModule(deps),
  ] as unknown as readonly ResourceModule[];
}
