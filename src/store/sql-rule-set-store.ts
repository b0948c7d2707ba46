import { sql, type Kysely } from 'kysely';
import type { RuleSetStore, StoredRuleSet } from '../domain/rules/rule-ports.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { translateConstraintError } from './constraint-errors.ts';
import type { Database } from './database-schema.ts';
import { addEventRow, type RowsByTable } from './entry-rows.ts';

/** Rule-set versions and switches; every save bumps `rule_config_revisions`, which engines watch. */
export function createSqlRuleSetStore(db: Kysely<Database>): RuleSetStore {
  const latest = (ruleSetId?: string) =>
    db
      .selectFrom('rule_set_versions')
      .select(['rule_set_id', 'version', 'source', 'origin', 'saved_at'])
      .distinctOn('rule_set_id')
      .$if(ruleSetId !== undefined, (query) => query.where('rule_set_id', '=', ruleSetId ?? ''))
      .orderBy('rule_set_id')
      .orderBy('version', 'desc')
      .execute();

  const withSwitches = async (rows: Awaited<ReturnType<typeof latest>>): Promise<StoredRuleSet[]> => {
    if (rows.length === 0) return [];
    const off = await db
      .selectFrom('rule_switches')
      .select(['rule_set_id', 'rule_id'])
      .where('enabled', '=', false)
      .where(
        'rule_set_id',
        'in',
        rows.map((row) => row.rule_set_id),
      )
      .execute();
    return rows.map((row) => ({
      id: row.rule_set_id,
      version: row.version,
      source: row.source,
      origin: row.origin,
      savedAt: row.saved_at,
      disabledRules: off.filter((o) => o.rule_set_id === row.rule_set_id).map((o) => o.rule_id),
    }));
  };

  return {
    async revision() {
      // A fingerprint of what is committed, not the sequence's last value: a save still in flight has
      // taken its number already, and a lower number may commit after a higher one (like events.seq).
      const result = await sql<{ revision: string }>`
        select concat_ws('/',
          (select count(*) || ':' || coalesce(sum(revision), 0) from rule_set_versions),
          (select count(*) || ':' || coalesce(sum(revision), 0) from rule_switches)) as revision
      `.execute(db);
      return result.rows[0]?.revision ?? '';
    },

    async active() {
      return withSwitches(await latest());
    },

    async find(ruleSetId) {
      const [found] = await withSwitches(await latest(ruleSetId));
      return found;
    },

    async versions(ruleSetId) {
      const rows = await db
        .selectFrom('rule_set_versions')
        .select(['version', 'origin', 'saved_by', 'saved_at'])
        .where('rule_set_id', '=', ruleSetId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((row) => ({
        version: row.version,
        origin: row.origin,
        savedBy: row.saved_by,
        savedAt: row.saved_at,
      }));
    },

    async save(input) {
      const events: RowsByTable = {};
      addEventRow(events, input.event);
      try {
        await db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom('rule_set_versions')
            .select((eb) => eb.fn.max('version').as('version'))
            .where('rule_set_id', '=', input.ruleSetId)
            .executeTakeFirst();
          if ((current?.version ?? null) !== input.baseVersion) {
            throw new DomainError(
              'conflict',
              `the rule set is at version ${current?.version ?? 'none'}, not ${input.baseVersion ?? 'none'}: reload it and try again`,
            );
          }
          await trx
            .insertInto('rule_set_versions')
            .values({
              rule_set_id: input.ruleSetId,
              version: (input.baseVersion ?? 0) + 1,
              source: input.source,
              origin: input.origin,
              saved_by: input.savedBy,
              saved_at: input.savedAt,
            })
            .execute();
          await trx
            .insertInto('events')
            .values(events.events ?? [])
            .execute();
        });
      } catch (error) {
        throw translateConstraintError(error) ?? error;
      }
    },

    async setSwitch(input) {
      const events: RowsByTable = {};
      addEventRow(events, input.event);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('rule_switches')
          .values({
            rule_set_id: input.ruleSetId,
            rule_id: input.ruleId,
            enabled: input.enabled,
            changed_by: input.changedBy,
            changed_at: input.changedAt,
          })
          .onConflict((oc) =>
            oc.columns(['rule_set_id', 'rule_id']).doUpdateSet({
              enabled: input.enabled,
              changed_by: input.changedBy,
              changed_at: input.changedAt,
              revision: sql`nextval('rule_config_revisions')`,
            }),
          )
          .execute();
        await trx
          .insertInto('events')
          .values(events.events ?? [])
          .execute();
      });
    },
  };
}
