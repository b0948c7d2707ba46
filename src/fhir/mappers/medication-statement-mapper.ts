import type { MedicationStatement } from '@medplum/fhirtypes';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import type { Medication } from '../../domain/record/coordination-record.ts';
import {
  calendarDay,
  concept,
  firstCode,
  incomingPatientId,
  reference,
  refuse,
  requiredWords,
  SYSTEM,
} from './fhir-mapping.ts';

export type MedicationEntry = Extract<ClinicalEntry, { kind: 'medication' }>;

// `completed` (taken to its end) is, for the record, a treatment no longer taken.
const STATUS_FROM_FHIR: Readonly<Record<string, MedicationEntry['status']>> = {
  active: 'active',
  stopped: 'stopped',
  completed: 'stopped',
};

/** A treatment of the record (ATC code when known, name, dosage in words, start) as a MedicationStatement. */
export function medicationStatementToFhir(patientId: string, medication: Medication): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: medication.id,
    status: medication.status,
    medicationCodeableConcept:
      medication.atcCode === null
        ? { text: medication.name }
        : concept(SYSTEM.atc, medication.atcCode, medication.name),
    subject: reference('Patient', patientId),
    ...(medication.startedOn === null ? {} : { effectivePeriod: { start: medication.startedOn } }),
    dateAsserted: medication.recordedAt,
    dosage: [{ text: medication.dosage }],
  };
}

/**
 * A MedicationStatement as a new treatment of the record. Refused (`invalid-input`, naming the FHIR
 * path) when the record cannot hold it: a Medication resource instead of a concept, a status other
 * than active, stopped or completed, no name, not exactly one dosage in words, an end date, a start
 * that is not a day. Codes outside ATC are translations of the named medication and are not kept;
 * provenance (information source, notes, reasons) is not kept either.
 */
export function medicationStatementFromFhir(resource: MedicationStatement): {
  patientId: string;
  entry: MedicationEntry;
} {
  const patientId = incomingPatientId(resource, { element: 'subject', value: resource.subject }, [
    'medicationReference',
  ]);
  const status = STATUS_FROM_FHIR[resource.status];
  if (status === undefined) {
    refuse(
      'MedicationStatement.status',
      `"${resource.status}" cannot be kept; Relais holds active, stopped, completed`,
    );
  }
  const medication = resource.medicationCodeableConcept;
  return {
    patientId,
    entry: {
      kind: 'medication',
      atcCode: firstCode(medication, SYSTEM.atc) ?? null,
      name: requiredWords(medication, 'MedicationStatement.medicationCodeableConcept.text', 'the treatment'),
      dosage: dosageText(resource),
      startedOn: startedOn(resource),
      status,
    },
  };
}

function dosageText(resource: MedicationStatement): string {
  const [dosage, ...others] = resource.dosage ?? [];
  if (dosage === undefined) refuse('MedicationStatement.dosage', 'the treatment needs its dosage in words');
  if (others.length > 0) refuse('MedicationStatement.dosage', 'Relais keeps one dosage, in words');
  const text = dosage.text?.trim();
  if (!text) refuse('MedicationStatement.dosage.text', 'Relais keeps the dosage in words');
  return text;
}

function startedOn(resource: MedicationStatement): string | null {
  const { effectiveDateTime, effectivePeriod } = resource;
  if (effectivePeriod?.end !== undefined) {
    refuse(
      'MedicationStatement.effectivePeriod.end',
      'Relais keeps when a treatment started, not when it ends',
    );
  }
  if (effectivePeriod?.start !== undefined) {
    return calendarDay(effectivePeriod.start, 'MedicationStatement.effectivePeriod.start');
  }
  if (effectiveDateTime !== undefined)
    return calendarDay(effectiveDateTime, 'MedicationStatement.effectiveDateTime');
  return null;
}
