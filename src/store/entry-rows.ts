import type { Insertable } from 'kysely';
import type { ClinicalEntry } from '../domain/record/clinical-entry.ts';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { Database } from './database-schema.ts';

/** Rows to insert, grouped by table, so a batch of patients becomes one insert per table. */
export type RowsByTable = { [T in keyof Database]?: Insertable<Database[T]>[] };

/** Adds the row that stores one clinical entry to `rows`. */
export function addEntryRow(
  rows: RowsByTable,
  patientId: string,
  id: string,
  entry: ClinicalEntry,
  context: { at: Date; addedBy: string | null },
): void {
  const { at } = context;
  switch (entry.kind) {
    case 'condition':
      (rows.conditions ??= []).push({
        patient_id: patientId,
        id,
        code_system: entry.codeSystem,
        code: entry.code,
        display: entry.display,
        clinical_status: entry.clinicalStatus,
        onset_date: entry.onsetDate,
        recorded_at: at,
      });
      return;
    case 'medication':
      (rows.medications ??= []).push({
        patient_id: patientId,
        id,
        atc_code: entry.atcCode,
        name: entry.name,
        dosage: entry.dosage,
        started_on: entry.startedOn,
        ended_on: null,
        status: entry.status,
        recorded_at: at,
      });
      return;
    case 'allergy':
      (rows.allergies ??= []).push({
        patient_id: patientId,
        id,
        substance: entry.substance,
        reaction: entry.reaction,
        criticality: entry.criticality,
        recorded_at: at,
      });
      return;
    case 'result':
      (rows.results ??= []).push({
        patient_id: patientId,
        id,
        loinc_code: entry.loincCode,
        display: entry.display,
        value_numeric: entry.valueNumeric,
        value_text: entry.valueText,
        unit: entry.unit,
        reference_range: entry.referenceRange,
        interpretation: entry.interpretation,
        effective_at: entry.effectiveAt,
        recorded_at: at,
      });
      return;
    case 'document':
      (rows.documents ??= []).push({
        patient_id: patientId,
        id,
        type_code: entry.typeCode,
        title: entry.title,
        mime_type: entry.mimeType,
        size_bytes: entry.content.byteLength,
        content: entry.content,
        author_practitioner_id: null,
        created_at: at,
        category: entry.category ?? null,
      });
      return;
    case 'care-team-member':
      (rows.care_team_members ??= []).push({
        patient_id: patientId,
        id,
        practitioner_id: entry.practitionerId,
        role: entry.role,
        started_on: at.toISOString().slice(0, 10),
        ended_on: null,
        added_by: context.addedBy,
      });
      return;
    case 'appointment':
      (rows.appointments ??= []).push({
        patient_id: patientId,
        id,
        starts_at: entry.startsAt,
        ends_at: entry.endsAt,
        kind: entry.appointmentKind,
        practitioner_id: entry.practitionerId,
        organization_id: entry.organizationId,
        reason: entry.reason,
        instructions: entry.instructions,
        status: 'booked',
      });
      return;
  }
}

/** Adds the journal row of an event to `rows`. */
export function addEventRow(rows: RowsByTable, event: DomainEvent): void {
  (rows.events ??= []).push(eventRow(event));
}

/** The journal row of an event. */
export function eventRow(event: DomainEvent): Insertable<Database['events']> {
  return {
    id: event.id,
    patient_id: event.patientId,
    type: event.type,
    actor_account_id: event.actorAccountId,
    occurred_at: event.occurredAt,
    // Encoded once with the rest of its column (unnest-insert.ts) or by the driver, not here.
    payload: event.payload,
  };
}
