import type { ClinicalEntry } from './clinical-entry.ts';
import type { RecordEntryKind, RecordEntryOf, StoredEntry } from './record-entries.ts';

/** A new entry of one of the kinds read one by one. */
export type NewEntryOf<K extends RecordEntryKind> = Extract<ClinicalEntry, { kind: K }>;

/**
 * The entry a read of it answers, made from what was written (id and time included): entries are never
 * changed, so a create can answer this without reading the entry back through the gate, as its audited
 * write already covers it. Instants come out as the store gives them back: ISO 8601 in UTC.
 */
export function writtenEntry<K extends RecordEntryKind>(
  id: string,
  entry: NewEntryOf<K>,
  recordedAt: Date,
): StoredEntry<K> {
  const at = recordedAt.toISOString();
  // Each case builds the read type of its own kind; TypeScript cannot narrow K from `entry.kind`.
  return { entry: asRead(id, entry, at) as RecordEntryOf[K], recordedAt: at };
}

function asRead(
  id: string,
  entry: NewEntryOf<RecordEntryKind>,
  recordedAt: string,
): RecordEntryOf[RecordEntryKind] {
  switch (entry.kind) {
    case 'condition':
      return {
        id,
        codeSystem: entry.codeSystem,
        code: entry.code,
        display: entry.display,
        clinicalStatus: entry.clinicalStatus,
        onsetDate: entry.onsetDate,
      };
    case 'medication':
      return {
        id,
        atcCode: entry.atcCode,
        name: entry.name,
        dosage: entry.dosage,
        startedOn: entry.startedOn,
        status: entry.status,
        // Typed in (or sent), not brought by a reconciliation.
        provenance: null,
        recordedAt,
      };
    case 'allergy':
      return { id, substance: entry.substance, reaction: entry.reaction, criticality: entry.criticality };
    case 'result':
      return {
        id,
        loincCode: entry.loincCode,
        display: entry.display,
        valueNumeric: entry.valueNumeric,
        valueText: entry.valueText,
        unit: entry.unit,
        referenceRange: entry.referenceRange,
        interpretation: entry.interpretation,
        effectiveAt: new Date(entry.effectiveAt).toISOString(),
      };
  }
}
