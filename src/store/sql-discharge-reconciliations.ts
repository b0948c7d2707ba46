import type { Kysely, Transaction } from 'kysely';
import type { ReconciliationStore, StoredReconciliation } from '../domain/discharge/discharge-ports.ts';
import type { ReconciliationLine } from '../domain/discharge/medication-reconciliation.ts';
import type { StayScope } from '../domain/discharge/stay-gate.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database } from './database-schema.ts';
import { addEntryRow, type RowsByTable } from './entry-rows.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

const CHANGED_MEANWHILE = 'the reconciliation changed meanwhile: reload it and try again';

/** A stay's medication reconciliation, and the medication list it reads and, once confirmed, updates. */
export function createSqlReconciliationStore(db: Kysely<Database>): ReconciliationStore {
  return {
    async find(scope) {
      const row = await db
        .selectFrom('medication_reconciliations')
        .selectAll()
        .where('patient_id', '=', scope.patientId)
        .where('stay_id', '=', scope.stayId)
        .executeTakeFirst();
      if (row === undefined) return null;
      return {
        id: row.id,
        stayId: row.stay_id,
        // Written by this store from the domain's lines.
        lines: row.lines as ReconciliationLine[],
        status: row.status,
        confirmedBy: row.confirmed_by,
        confirmedAt: row.confirmed_at,
        version: row.version,
      };
    },

    async preAdmission(scope, admittedAt) {
      const rows = await db
        .selectFrom('medications')
        .select(['id', 'name', 'atc_code', 'dosage'])
        .where('patient_id', '=', scope.patientId)
        .where('status', '=', 'active')
        .where((eb) => eb.or([eb('started_on', 'is', null), eb('started_on', '<=', isoDate(admittedAt))]))
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        medicationId: row.id,
        name: row.name,
        atcCode: row.atc_code,
        dosage: row.dosage,
      }));
    },

    async saveDraft(scope, reconciliation, expectedVersion, event) {
      await inTransaction(db, async (trx) => {
        await write(trx, scope, reconciliation, expectedVersion);
        await insertEvents(trx, [event]);
      });
    },

    async confirm(scope, reconciliation, expectedVersion, changes, events) {
      const at = reconciliation.confirmedAt ?? new Date();
      const rows: RowsByTable = {};
      for (const { id, entry } of changes.add)
        addEntryRow(rows, scope.patientId, id, entry, { at, addedBy: null });
      const added = (rows.medications ?? []).map((row) => ({ ...row, provenance: changes.provenance }));
      await inTransaction(db, async (trx) => {
        await write(trx, scope, reconciliation, expectedVersion);
        for (const { medicationId, endedOn } of changes.stop) {
          await trx
            .updateTable('medications')
            .set({ status: 'stopped', ended_on: endedOn, provenance: changes.provenance })
            .where('patient_id', '=', scope.patientId)
            .where('id', '=', medicationId)
            .where('status', '=', 'active')
            .execute();
        }
        if (added.length > 0) await trx.insertInto('medications').values(added).execute();
        await insertEvents(trx, events);
      });
    },
  };
}

/** Inserts or updates the stay's reconciliation at `expectedVersion`. Error: `conflict`. */
async function write(
  trx: Transaction<Database>,
  scope: StayScope,
  reconciliation: StoredReconciliation,
  expectedVersion: number | null,
): Promise<void> {
  const values = {
    lines: JSON.stringify(reconciliation.lines),
    status: reconciliation.status,
    confirmed_by: reconciliation.confirmedBy,
    confirmed_at: reconciliation.confirmedAt,
    version: reconciliation.version,
  };
  const written =
    expectedVersion === null
      ? (
          await trx
            .insertInto('medication_reconciliations')
            .values({ patient_id: scope.patientId, id: reconciliation.id, stay_id: scope.stayId, ...values })
            .onConflict((conflict) => conflict.columns(['patient_id', 'stay_id']).doNothing())
            .executeTakeFirst()
        ).numInsertedOrUpdatedRows === 1n
      : (
          await trx
            .updateTable('medication_reconciliations')
            .set(values)
            .where('patient_id', '=', scope.patientId)
            .where('id', '=', reconciliation.id)
            .where('version', '=', expectedVersion)
            .executeTakeFirst()
        ).numUpdatedRows === 1n;
  if (!written) throw new DomainError('conflict', CHANGED_MEANWHILE);
}
