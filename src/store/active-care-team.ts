import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the care_team_members row under `alias` is active on `today` (YYYY-MM-DD): started, and not
 * ended. The access check and the task queries share this one rule.
 */
export function activeOn(alias: string, today: string): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column('started_on')} <= ${today} and (${column('ended_on')} is null or ${column('ended_on')} > ${today}))`;
}
