import { sql, type Expression, type RawBuilder } from 'kysely';
import type { DataCategory } from '../domain/access/data-category.ts';

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
