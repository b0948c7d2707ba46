import type { Kysely, Selectable } from 'kysely';
import type { StructuredLetter } from '../domain/discharge/discharge-letter.ts';
import type { DischargeLetterStore, StoredLetter } from '../domain/discharge/discharge-ports.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database, DischargeLettersTable } from './database-schema.ts';
import { addEntryRow, type RowsByTable } from './entry-rows.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

const CHANGED_MEANWHILE = 'the discharge letter changed meanwhile: reload it and try again';

/** A stay's lettre de liaison: the letter row beside the record's document row, one transaction. */
export function createSqlDischargeLetterStore(db: Kysely<Database>): DischargeLetterStore {
  return {
    async find(scope) {
      const row = await db
        .selectFrom('discharge_letters')
        .selectAll()
        .where('patient_id', '=', scope.patientId)
        .where('stay_id', '=', scope.stayId)
        .executeTakeFirst();
      return row === undefined ? null : letterOf(row);
    },

    async save(scope, letter, document, events, expectedVersion) {
      // The record's own document row (documents.ts path), with the letter's author.
      const rows: RowsByTable = {};
      addEntryRow(rows, scope.patientId, document.id, document.entry, {
        at: letter.receivedAt,
        addedBy: null,
      });
      const documents = (rows.documents ?? []).map((row) => ({
        ...row,
        author_practitioner_id: letter.authorPractitionerId,
      }));
      const values = {
        kind: letter.kind,
        content: letter.content === null ? null : JSON.stringify(letter.content),
        document_id: letter.documentId,
        missing_parts: [...letter.missingParts],
        received_at: letter.receivedAt,
        author_practitioner_id: letter.authorPractitionerId,
        acknowledged_by: letter.acknowledgedBy,
        acknowledged_at: letter.acknowledgedAt,
        version: letter.version,
      };
      await inTransaction(db, async (trx) => {
        await trx.insertInto('documents').values(documents).execute();
        const written =
          expectedVersion === null
            ? await trx
                .insertInto('discharge_letters')
                .values({ patient_id: scope.patientId, id: letter.id, stay_id: scope.stayId, ...values })
                .onConflict((conflict) => conflict.columns(['patient_id', 'stay_id']).doNothing())
                .executeTakeFirst()
                .then((result) => result.numInsertedOrUpdatedRows === 1n)
            : await trx
                .updateTable('discharge_letters')
                .set(values)
                .where('patient_id', '=', scope.patientId)
                .where('id', '=', letter.id)
                .where('version', '=', expectedVersion)
                .executeTakeFirst()
                .then((result) => result.numUpdatedRows === 1n);
        if (!written) throw new DomainError('conflict', CHANGED_MEANWHILE);
        await insertEvents(trx, events);
      });
    },

    async acknowledge(scope, letter, by, at, event) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('discharge_letters')
          .set({ acknowledged_by: by, acknowledged_at: at })
          .where('patient_id', '=', scope.patientId)
          .where('id', '=', letter.id)
          .where('version', '=', letter.version)
          .where('acknowledged_at', 'is', null)
          .executeTakeFirst();
        if (result.numUpdatedRows !== 1n) return false;
        await insertEvents(trx, [event]);
        return true;
      });
    },

    async readPdf(scope) {
      const row = await db
        .selectFrom('discharge_letters as l')
        .innerJoin('documents as d', (join) =>
          join.onRef('d.patient_id', '=', 'l.patient_id').onRef('d.id', '=', 'l.document_id'),
        )
        .select(['d.title', 'd.mime_type', 'd.content'])
        .where('l.patient_id', '=', scope.patientId)
        .where('l.stay_id', '=', scope.stayId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { title: row.title, mimeType: row.mime_type, content: row.content };
    },
  };
}

function letterOf(row: Selectable<DischargeLettersTable>): StoredLetter {
  return {
    id: row.id,
    stayId: row.stay_id,
    kind: row.kind,
    // Written by this store from a validated StructuredLetter.
    content: row.content === null ? null : (row.content as StructuredLetter),
    documentId: row.document_id,
    missingParts: row.missing_parts,
    receivedAt: row.received_at,
    authorPractitionerId: row.author_practitioner_id,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    version: row.version,
  };
}
