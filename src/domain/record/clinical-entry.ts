import type { DataCategory } from '../access/data-category.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isCareTeamRole } from '../care-team/care-team-role.ts';
import type { EventType } from '../journal/domain-event.ts';

/** A new item for a patient's record; `kind` picks the table and the event. */
export type ClinicalEntry =
  | {
      readonly kind: 'condition';
      readonly codeSystem: 'ICD-10' | 'SNOMED-CT';
      readonly code: string;
      readonly display: string;
      readonly clinicalStatus: 'active' | 'resolved';
      readonly onsetDate: string | null;
    }
  | {
      readonly kind: 'medication';
      readonly atcCode: string | null;
      readonly name: string;
      readonly dosage: string;
      readonly startedOn: string | null;
      readonly status: 'active' | 'stopped';
    }
  | {
      readonly kind: 'allergy';
      readonly substance: string;
      readonly reaction: string | null;
      readonly criticality: 'low' | 'high' | 'unable-to-assess';
    }
  | {
      readonly kind: 'result';
      readonly loincCode: string;
      readonly display: string;
      readonly valueNumeric: number | null;
      readonly valueText: string | null;
      readonly unit: string | null;
      readonly referenceRange: string | null;
      readonly interpretation: 'normal' | 'low' | 'high' | 'abnormal' | null;
      readonly effectiveAt: string;
    }
  | {
      readonly kind: 'document';
      readonly typeCode: string;
      readonly title: string;
      readonly mimeType: string;
      readonly content: Uint8Array;
      /** A sensitive category, when the document belongs to one (the patient may restrict it). */
      readonly category?: DataCategory | null;
    }
  | { readonly kind: 'care-team-member'; readonly practitionerId: string; readonly role: string }
  | {
      readonly kind: 'appointment';
      readonly startsAt: string;
      readonly endsAt: string;
      readonly appointmentKind: 'consultation' | 'exam' | 'teleconsultation' | 'home_visit';
      readonly practitionerId: string | null;
      readonly organizationId: string | null;
      readonly reason: string;
      readonly instructions: string | null;
    };

export type ClinicalEntryKind = ClinicalEntry['kind'];

/** The journal event each kind of entry writes. */
export const EVENT_OF_ENTRY: Readonly<Record<ClinicalEntryKind, EventType>> = {
  condition: 'condition.recorded',
  medication: 'medication.recorded',
  allergy: 'allergy.recorded',
  result: 'result.recorded',
  document: 'document.added',
  'care-team-member': 'care-team.member-added',
  appointment: 'appointment.booked',
};

// LOINC codes are digits, a dash and a check digit (loinc.org "LOINC code structure").
const LOINC_CODE = /^\d{1,7}-\d$/;
// ATC: anatomical group letter, 2 digits, 2 letters, 2 digits (WHO ATC/DDD index).
const ATC_CODE = /^[A-Z]\d{2}[A-Z]{2}\d{2}$/;
const ICD10_CODE = /^[A-Z]\d{2}(\.?[0-9A-Z]{1,4})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const DOCUMENT_TYPES = ['application/pdf', 'text/plain', 'image/png', 'image/jpeg'];

/** Checks the rules a schema cannot express. Error: `invalid-input` naming every problem. */
export function validateClinicalEntry(entry: ClinicalEntry, now: Date): void {
  const problems = problemsOf(entry, now);
  if (problems.length > 0) {
    throw new DomainError('invalid-input', `invalid ${entry.kind}: ${problems.join('; ')}`, problems);
  }
}

function problemsOf(entry: ClinicalEntry, now: Date): string[] {
  const problems: string[] = [];
  const today = now.toISOString().slice(0, 10);
  const checkDate = (field: string, value: string | null): void => {
    if (value === null) return;
    if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))
      problems.push(`${field} must be YYYY-MM-DD`);
    else if (value > today) problems.push(`${field} ${value} is in the future`);
  };
  switch (entry.kind) {
    case 'condition':
      if (entry.codeSystem === 'ICD-10' && !ICD10_CODE.test(entry.code)) {
        problems.push(`"${entry.code}" is not an ICD-10 code`);
      }
      checkDate('onsetDate', entry.onsetDate);
      break;
    case 'medication':
      if (entry.atcCode !== null && !ATC_CODE.test(entry.atcCode)) {
        problems.push(`"${entry.atcCode}" is not an ATC code`);
      }
      checkDate('startedOn', entry.startedOn);
      break;
    case 'allergy':
      break;
    case 'result':
      if (!LOINC_CODE.test(entry.loincCode)) problems.push(`"${entry.loincCode}" is not a LOINC code`);
      if ((entry.valueNumeric === null) === (entry.valueText === null)) {
        problems.push('a result has exactly one of valueNumeric and valueText');
      }
      if (Number.isNaN(Date.parse(entry.effectiveAt))) problems.push('effectiveAt must be a date-time');
      else if (Date.parse(entry.effectiveAt) > now.getTime()) problems.push('effectiveAt is in the future');
      break;
    case 'document':
      if (!LOINC_CODE.test(entry.typeCode)) problems.push(`"${entry.typeCode}" is not a LOINC document type`);
      if (!DOCUMENT_TYPES.includes(entry.mimeType)) {
        problems.push(`mimeType must be one of ${DOCUMENT_TYPES.join(', ')}`);
      }
      if (entry.content.byteLength === 0) problems.push('the document is empty');
      if (entry.content.byteLength > MAX_DOCUMENT_BYTES) problems.push('the document is larger than 10 MiB');
      break;
    case 'care-team-member':
      if (!isCareTeamRole(entry.role)) problems.push(`"${entry.role}" is not a care-team role`);
      break;
    case 'appointment':
      if (Number.isNaN(Date.parse(entry.startsAt)) || Number.isNaN(Date.parse(entry.endsAt))) {
        problems.push('startsAt and endsAt must be date-times');
      } else if (Date.parse(entry.endsAt) <= Date.parse(entry.startsAt)) {
        problems.push('endsAt must be after startsAt');
      }
      break;
  }
  return problems;
}

/** What the timeline says of an entry: its label and value, never the raw document. */
export function summaryOf(entry: ClinicalEntry): Record<string, string | number | null> {
  switch (entry.kind) {
    case 'condition':
      return { code: entry.code, display: entry.display };
    case 'medication':
      return { name: entry.name, dosage: entry.dosage };
    case 'allergy':
      return { substance: entry.substance };
    case 'result':
      return {
        code: entry.loincCode,
        display: entry.display,
        value: entry.valueNumeric ?? entry.valueText,
        unit: entry.unit,
      };
    case 'document':
      return { typeCode: entry.typeCode, title: entry.title, category: entry.category ?? null };
    case 'care-team-member':
      return { practitionerId: entry.practitionerId, role: entry.role };
    case 'appointment':
      return { startsAt: entry.startsAt, kind: entry.appointmentKind, reason: entry.reason };
  }
}
