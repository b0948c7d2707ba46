import { sql, type Kysely, type Selectable } from 'kysely';
import type { DocumentSummary, LabResult } from '../domain/record/coordination-record.ts';
import type { ReferralRecordSource } from '../domain/referrals/referral-ports.ts';
import type { Database, DocumentsTable, ResultsTable } from './database-schema.ts';
import { notHidden } from './hidden-categories.ts';

export const RESULT_COLUMNS = [
  'id',
  'loinc_code',
  'display',
  'value_numeric',
  'value_text',
  'unit',
  'reference_range',
  'interpretation',
  'effective_at',
] as const satisfies readonly (keyof ResultsTable)[];

// Never the content: a summary lists documents, it does not carry them.
export const DOCUMENT_COLUMNS = [
  'id',
  'type_code',
  'title',
  'mime_type',
  'size_bytes',
  'created_at',
  'category',
] as const satisfies readonly (keyof DocumentsTable)[];

const PRIOR_RESULTS = 50;

/** The patient data a referral is written from; every query is led by patient_id. */
export function createSqlReferralRecord(db: Kysely<Database>): ReferralRecordSource {
  return {
    async existing(scope, resultIds, documentIds) {
      const [results, documents] = await Promise.all([
        resultIds.length === 0
          ? []
          : db
              .selectFrom('results')
              .select('id')
              .where('patient_id', '=', scope.patientId)
              .where('id', 'in', resultIds)
              .execute(),
        documentIds.length === 0
          ? []
          : db
              .selectFrom('documents')
              .select('id')
              .where('patient_id', '=', scope.patientId)
              .where('id', 'in', documentIds)
              .execute(),
      ]);
      return {
        results: new Set(results.map((row) => row.id)),
        documents: new Set(documents.map((row) => row.id)),
      };
    },

    async priorResults(scope, codes) {
      if (codes.length === 0) return [];
      const rows = await db
        .selectFrom('results')
        .select(RESULT_COLUMNS)
        .where('patient_id', '=', scope.patientId)
        .where('loinc_code', 'in', codes)
        .orderBy('effective_at', 'desc')
        .limit(PRIOR_RESULTS)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        loincCode: row.loinc_code,
        display: row.display,
        value: valueOf(row),
        effectiveAt: row.effective_at,
        lab: labResultOf(row),
      }));
    },

    async liaisonLines(scope) {
      const [medications, allergies] = await Promise.all([
        db
          .selectFrom('medications')
          .select(['name', 'dosage'])
          .where('patient_id', '=', scope.patientId)
          .where('status', '=', 'active')
          .orderBy('name')
          .execute(),
        db
          .selectFrom('allergies')
          .select(['substance', 'reaction'])
          .where('patient_id', '=', scope.patientId)
          .orderBy('substance')
          .execute(),
      ]);
      return {
        treatments: medications.map((m) => `${m.name} ${m.dosage}`.trim()),
        allergies: allergies.map((a) =>
          a.reaction === null ? a.substance : `${a.substance} (${a.reaction})`,
        ),
      };
    },

    async recent(scope, since, limit) {
      const [results, documents] = await Promise.all([
        db
          .selectFrom('results')
          .select(RESULT_COLUMNS)
          .where('patient_id', '=', scope.patientId)
          .where('effective_at', '>=', since)
          .orderBy('effective_at', 'desc')
          .limit(limit)
          .execute(),
        db
          .selectFrom('documents')
          .select(DOCUMENT_COLUMNS)
          .where('patient_id', '=', scope.patientId)
          .where(notHidden(sql.ref('category'), scope.hiddenCategories))
          .orderBy('created_at', 'desc')
          .limit(limit)
          .execute(),
      ]);
      return { results: results.map(labResultOf), documents: documents.map(documentSummaryOf) };
    },
  };
}

export function labResultOf(row: Pick<Selectable<ResultsTable>, (typeof RESULT_COLUMNS)[number]>): LabResult {
  return {
    id: row.id,
    loincCode: row.loinc_code,
    display: row.display,
    valueNumeric: row.value_numeric,
    valueText: row.value_text,
    unit: row.unit,
    referenceRange: row.reference_range,
    interpretation: row.interpretation,
    effectiveAt: row.effective_at.toISOString(),
  };
}

export function documentSummaryOf(
  row: Pick<Selectable<DocumentsTable>, (typeof DOCUMENT_COLUMNS)[number]>,
): DocumentSummary {
  return {
    id: row.id,
    typeCode: row.type_code,
    title: row.title,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at.toISOString(),
    category: row.category,
  };
}

/** A result's value as the duplicate-test warning says it: "7.2 %", or the text. */
function valueOf(row: Pick<Selectable<ResultsTable>, 'value_numeric' | 'value_text' | 'unit'>): string {
  if (row.value_numeric === null) return row.value_text ?? '';
  return `${row.value_numeric}${row.unit === null ? '' : ` ${row.unit}`}`;
}
