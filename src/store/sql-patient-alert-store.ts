import type { Kysely } from 'kysely';
import type { AlertDetails } from '../domain/rules/patient-alert.ts';
import type { PatientAlertStore } from '../domain/rules/patient-alert-service.ts';
import type { Database } from './database-schema.ts';
import { addEventRow, type RowsByTable } from './entry-rows.ts';

const OPEN_ALERTS_SHOWN = 100;

/** A patient's alerts and suggestions (patient_alerts), read and closed within a scope. */
export function createSqlPatientAlertStore(db: Kysely<Database>): PatientAlertStore {
  return {
    async listOpen(scope) {
      const rows = await db
        .selectFrom('patient_alerts')
        .selectAll()
        .where('patient_id', '=', scope.patientId)
        .where('status', '=', 'open')
        .orderBy('raised_at', 'desc')
        .limit(OPEN_ALERTS_SHOWN)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        text: { fr: row.text_fr, en: row.text_en },
        explanation: { fr: row.explanation_fr, en: row.explanation_en },
        details: row.details as AlertDetails,
        ruleSetId: row.rule_set_id,
        ruleId: row.rule_id,
        ruleLabel: { fr: row.rule_label_fr, en: row.rule_label_en },
        eventId: row.event_id,
        status: row.status,
        raisedAt: row.raised_at,
      }));
    },

    async dismiss(scope, alertId, by) {
      const events: RowsByTable = {};
      addEventRow(events, by.event);
      return db.transaction().execute(async (trx) => {
        const closed = await trx
          .updateTable('patient_alerts')
          .set({ status: 'dismissed', dismissed_at: by.at, dismissed_by: by.accountId })
          .where('patient_id', '=', scope.patientId)
          .where('id', '=', alertId)
          .where('status', '=', 'open')
          .returning('id')
          .executeTakeFirst();
        if (closed === undefined) {
          const exists = await trx
            .selectFrom('patient_alerts')
            .select('id')
            .where('patient_id', '=', scope.patientId)
            .where('id', '=', alertId)
            .executeTakeFirst();
          return exists === undefined ? 'not-found' : 'already-dismissed';
        }
        await trx
          .insertInto('events')
          .values(events.events ?? [])
          .execute();
        return 'dismissed';
      });
    },
  };
}
