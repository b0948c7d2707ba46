import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DataCategory } from '../domain/access/data-category.ts';
import type { Database } from './database-schema.ts';

/**
 * Whether a row whose sensitive category is `category` (null: none) may be shown to a caller from whom
 * the patient hides `hidden`. Every reader of categorised data filters with this one rule.
 */
export function notHidden(
  category: Expression<string | null>,
  hidden: readonly DataCategory[],
): RawBuilder<boolean> {
  if (hidden.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${category} is null or ${category} not in (${sql.join(hidden.map((c) => sql`${c}`))}))`;
}

/** The sensitive category of an `events` row: `categoryOfEvent` (domain/access/data-category.ts) in SQL. */
export const EVENT_CATEGORY: RawBuilder<string | null> = sql<
  string | null
>`(case when type like 'questionnaire.%' then 'mental-health' else payload->>'category' end)`;

/** The sensitive category of a `tasks` row under `t`: `taskCategory` (domain/tasks/task.ts) in SQL. */
export const TASK_CATEGORY: RawBuilder<string | null> = sql<
  string | null
>`(case when t.origin_kind = 'questionnaire' then 'mental-health' end)`;

/**
 * Whether a row of `category` (null: none) about `patient` (null: none) may be shown to `practitioner`:
 * no restriction of that category in force leaves them out. The per-row twin of the restrictions in the
 * access facts, for lists that span patients (worklists, notices' audiences).
 */
export function categoryShownTo(
  patient: RawBuilder<unknown>,
  category: RawBuilder<string | null>,
  practitioner: RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`(${category} is null or ${patient} is null or not exists (
    select 1 from sharing_choices c
    where c.patient_id = ${patient} and c.withdrawn_at is null and c.kind = 'restriction'
      and c.category = ${category} and not (${practitioner} = any(c.allowed_practitioner_ids))))`;
}

/** The categories the patient restricted to named professionals who do not include the practitioner. */
export async function categoriesHiddenFrom(
  db: Kysely<Database>,
  patientId: string,
  practitionerId: string,
): Promise<DataCategory[]> {
  const rows = await db
    .selectFrom('sharing_choices')
    .select('category')
    .distinct()
    .where('patient_id', '=', patientId)
    .where('withdrawn_at', 'is', null)
    .where('kind', '=', 'restriction')
    .where(sql<boolean>`not (${practitionerId}::uuid = any(allowed_practitioner_ids))`)
    .execute();
  return rows.flatMap(({ category }) => (category === null ? [] : [category]));
}
