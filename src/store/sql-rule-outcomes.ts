import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventType } from '../domain/journal/domain-event.ts';
import type { TriggerEvent } from '../domain/rules/patient-facts.ts';
import type { DeferredCheck, FiringRecord, RuleOutcomeStore } from '../domain/rules/rule-ports.ts';
import type { Rule } from '../domain/rules/rule-set.ts';
import type { Database } from './database-schema.ts';
import { addEventRow, type RowsByTable } from './entry-rows.ts';
import { inChunks } from './insert-chunks.ts';

/**
 * Stores firings, their alerts and events, and deferred checks in one transaction. Unique keys make
 * it idempotent: a firing already stored for (patient, rule, event) is skipped with its alerts and
 * event, an alert already raised by its action key stays single, a check is scheduled once.
 */
export function createSqlRuleOutcomes(db: Kysely<Database>): RuleOutcomeStore {
  return {
    async record({ firings, scheduled, settled, at }) {
      await db.transaction().execute(async (trx) => {
        const inserted = await insertFirings(trx, firings, at);
        const fresh = firings.filter((record) => inserted.has(record.id));
        const rows: RowsByTable = {};
        for (const record of fresh) addEventRow(rows, record.event);
        for (const chunk of inChunks(fresh.flatMap((record) => record.alerts.map(alertRow)))) {
          await trx
            .insertInto('patient_alerts')
            .values(chunk)
            .onConflict((oc) => oc.columns(['patient_id', 'action_key']).doNothing())
            .execute();
        }
        for (const chunk of inChunks(rows.events ?? []))
          await trx.insertInto('events').values(chunk).execute();
        for (const chunk of inChunks(scheduled.map(checkRow))) {
          await trx
            .insertInto('rule_deferred_checks')
            .values(chunk)
            .onConflict((oc) => oc.constraint('rule_deferred_checks_once').doNothing())
            .execute();
        }
        if (settled.length > 0) {
          await sql`
            update rule_deferred_checks c set status = s.status, settled_at = ${at}
            from jsonb_to_recordset(${JSON.stringify(settled)}::jsonb) as s("patientId" uuid, "checkId" uuid, status text)
            where c.patient_id = s."patientId" and c.id = s."checkId" and c.status = 'pending'
          `.execute(trx);
        }
      });
    },

    async dueChecks(now, limit) {
      const rows = await db
        .selectFrom('rule_deferred_checks')
        .selectAll()
        .where('status', '=', 'pending')
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(limit)
        .execute();
      return rows.map((row): DeferredCheck => ({
        id: row.id,
        ruleSetId: row.rule_set_id,
        ruleSetVersion: row.rule_set_version,
        // Written by checkRow from a validated rule: read back as such.
        rule: row.rule as Rule,
        trigger: {
          id: row.event_id,
          type: row.event_type as EventType,
          patientId: row.patient_id,
          actorAccountId: null,
          occurredAt: row.event_occurred_at,
          payload: row.event_payload as TriggerEvent['payload'],
        },
        dueAt: row.due_at,
      }));
    },
  };
}

/** Inserts the firings not stored yet; returns the ids of those it inserted. */
async function insertFirings(
  trx: Transaction<Database>,
  firings: readonly FiringRecord[],
  at: Date,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  const rows = firings.map(({ id, firing, actions }) => ({
    patient_id: firing.trigger.patientId,
    id,
    rule_set_id: firing.ruleSetId,
    rule_set_version: firing.ruleSetVersion,
    rule_id: firing.ruleId,
    rule_version: firing.ruleVersion,
    event_id: firing.trigger.id,
    event_type: firing.trigger.type,
    trigger_occurred_at: firing.trigger.occurredAt,
    explanation_fr: firing.explanation.fr,
    explanation_en: firing.explanation.en,
    actions: JSON.stringify(actions),
    fired_at: at,
  }));
  for (const chunk of inChunks(rows)) {
    const done = await trx
      .insertInto('rule_firings')
      .values(chunk)
      .onConflict((oc) => oc.constraint('rule_firings_once').doNothing())
      .returning('id')
      .execute();
    for (const row of done) inserted.add(row.id);
  }
  return inserted;
}

function alertRow(alert: FiringRecord['alerts'][number]) {
  return {
    patient_id: alert.patientId,
    id: alert.id,
    action_key: alert.actionKey,
    kind: alert.kind,
    text_fr: alert.text.fr,
    text_en: alert.text.en,
    explanation_fr: alert.explanation.fr,
    explanation_en: alert.explanation.en,
    details: JSON.stringify(alert.details),
    rule_set_id: alert.ruleSetId,
    rule_id: alert.ruleId,
    rule_label_fr: alert.ruleLabel.fr,
    rule_label_en: alert.ruleLabel.en,
    firing_id: alert.firingId,
    event_id: alert.eventId,
    raised_at: alert.raisedAt,
    dismissed_at: null,
    dismissed_by: null,
  };
}

function checkRow(check: DeferredCheck) {
  return {
    patient_id: check.trigger.patientId,
    id: check.id,
    rule_set_id: check.ruleSetId,
    rule_set_version: check.ruleSetVersion,
    rule_id: check.rule.id,
    rule: JSON.stringify(check.rule),
    event_id: check.trigger.id,
    event_type: check.trigger.type,
    event_occurred_at: check.trigger.occurredAt,
    event_payload: JSON.stringify(check.trigger.payload),
    due_at: check.dueAt,
    settled_at: null,
  };
}
