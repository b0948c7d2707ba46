import type { Observation, ObservationReferenceRange, Quantity } from '@medplum/fhirtypes';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import type { LabResult } from '../../domain/record/coordination-record.ts';
import {
  codeIn,
  concept,
  firstCode,
  incomingPatientId,
  reference,
  refuse,
  requiredWords,
  SYSTEM,
} from './fhir-mapping.ts';

export type ResultEntry = Extract<ClinicalEntry, { kind: 'result' }>;

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const INTERPRETATION_TO_FHIR = { normal: 'N', low: 'L', high: 'H', abnormal: 'A' } as const;
const INTERPRETATION_FROM_FHIR = { N: 'normal', L: 'low', H: 'high', A: 'abnormal' } as const;

// The record holds reported results; an amended or corrected one is reported too.
const REPORTED_STATUSES: readonly string[] = ['final', 'amended', 'corrected'];

/** A coded result (LOINC, value, UCUM unit, time) as a final Observation. */
export function observationToFhir(patientId: string, result: LabResult): Observation {
  return {
    resourceType: 'Observation',
    id: result.id,
    status: 'final',
    code: concept(SYSTEM.loinc, result.loincCode, result.display),
    subject: reference('Patient', patientId),
    effectiveDateTime: result.effectiveAt,
    ...valueToFhir(result),
    ...(result.interpretation === null
      ? {}
      : { interpretation: [concept(INTERPRETATION, INTERPRETATION_TO_FHIR[result.interpretation])] }),
    ...(result.referenceRange === null ? {} : { referenceRange: [{ text: result.referenceRange }] }),
  };
}

function valueToFhir(result: LabResult): Pick<Observation, 'valueQuantity' | 'valueString'> {
  if (result.valueNumeric === null) return { valueString: result.valueText ?? '' };
  const unit = result.unit === null ? {} : { unit: result.unit, system: SYSTEM.ucum, code: result.unit };
  return { valueQuantity: { value: result.valueNumeric, ...unit } };
}

/**
 * An Observation as a new result of the record. Refused (`invalid-input`, naming the FHIR path) when
 * the record cannot hold it: no LOINC code, not a final result, no single numeric or text value, a
 * comparator, a unit outside UCUM, a time other than an instant or a day, components or members
 * (panels), a body site, an interpretation other than N, L, H or A, more than one reference range.
 * How it was measured (method, device, specimen) and provenance (performer, notes) are not kept.
 */
export function observationFromFhir(resource: Observation): { patientId: string; entry: ResultEntry } {
  const patientId = incomingPatientId(resource, { element: 'subject', value: resource.subject }, [
    'component',
    'hasMember',
    'dataAbsentReason',
    'bodySite',
    'effectivePeriod',
    'effectiveTiming',
    'valueCodeableConcept',
    'valueBoolean',
    'valueInteger',
    'valueRange',
    'valueRatio',
    'valueSampledData',
    'valueTime',
    'valueDateTime',
    'valuePeriod',
  ]);
  if (!REPORTED_STATUSES.includes(resource.status)) {
    refuse(
      'Observation.status',
      `"${resource.status}" is not a reported result (${REPORTED_STATUSES.join(', ')})`,
    );
  }
  const loincCode = firstCode(resource.code, SYSTEM.loinc);
  if (loincCode === undefined) refuse('Observation.code.coding', `needs a LOINC code (${SYSTEM.loinc})`);
  return {
    patientId,
    entry: {
      kind: 'result',
      loincCode,
      display: requiredWords(resource.code, 'Observation.code.text', 'the result'),
      ...valueFromFhir(resource),
      referenceRange: rangeText(resource.referenceRange),
      interpretation: interpretationOf(resource),
      effectiveAt: effectiveAt(resource),
    },
  };
}

function valueFromFhir(resource: Observation): Pick<ResultEntry, 'valueNumeric' | 'valueText' | 'unit'> {
  if (resource.valueString !== undefined)
    return { valueNumeric: null, valueText: resource.valueString, unit: null };
  if (resource.valueQuantity === undefined) {
    return refuse('Observation.value[x]', 'the result needs a valueQuantity or a valueString');
  }
  const { value, comparator } = resource.valueQuantity;
  if (value === undefined) refuse('Observation.valueQuantity.value', 'the quantity has no value');
  if (comparator !== undefined)
    refuse('Observation.valueQuantity.comparator', 'Relais keeps exact values only');
  return { valueNumeric: value, valueText: null, unit: ucumUnit(resource.valueQuantity) };
}

/** The UCUM code of a quantity (its `unit` words when no code is given). */
function ucumUnit(quantity: Quantity): string | null {
  if (quantity.system !== undefined && quantity.system !== SYSTEM.ucum) {
    refuse('Observation.valueQuantity.system', `Relais keeps UCUM units (${SYSTEM.ucum}) only`);
  }
  if (quantity.code !== undefined && quantity.system === undefined) {
    refuse('Observation.valueQuantity.system', 'a unit code needs its system');
  }
  const unit = quantity.code ?? quantity.unit ?? null;
  if (unit !== null && quantity.code === undefined && /\s/.test(unit)) {
    refuse(
      'Observation.valueQuantity.unit',
      `"${unit}" is not a UCUM unit; give it in code with system ${SYSTEM.ucum}`,
    );
  }
  return unit;
}

function interpretationOf(resource: Observation): ResultEntry['interpretation'] {
  const [first, ...others] = resource.interpretation ?? [];
  if (first === undefined) return null;
  if (others.length > 0) refuse('Observation.interpretation', 'Relais keeps one interpretation');
  return codeIn(first, INTERPRETATION, INTERPRETATION_FROM_FHIR, 'Observation.interpretation');
}

/** The reference range in words, as the record keeps it (`3.5–5 mmol/L`, `≤ 1.3 g/L`). */
function rangeText(ranges: readonly ObservationReferenceRange[] | undefined): string | null {
  const [range, ...others] = ranges ?? [];
  if (range === undefined) return null;
  if (others.length > 0) refuse('Observation.referenceRange', 'Relais keeps one reference range');
  if (range.text !== undefined) return range.text;
  const { low, high } = range;
  const unit = (high ?? low)?.code ?? (high ?? low)?.unit;
  const suffix = unit === undefined ? '' : ` ${unit}`;
  if (low?.value !== undefined && high?.value !== undefined) return `${low.value}–${high.value}${suffix}`;
  if (low?.value !== undefined) return `≥ ${low.value}${suffix}`;
  if (high?.value !== undefined) return `≤ ${high.value}${suffix}`;
  return refuse('Observation.referenceRange', 'the range has neither text nor bounds');
}

// An instant, or a whole day (kept as 00:00 UTC of that day, which the record's rule accepts too).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function effectiveAt(resource: Observation): string {
  const value = resource.effectiveDateTime ?? resource.effectiveInstant;
  if (value === undefined) refuse('Observation.effective[x]', 'the result needs the time it was taken');
  const path =
    resource.effectiveDateTime === undefined
      ? 'Observation.effectiveInstant'
      : 'Observation.effectiveDateTime';
  if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
    refuse(path, `"${value}" needs a day (and, with an hour, its time zone)`);
  return new Date(value).toISOString();
}
