import type { Migration } from 'kysely/migration';
import * as initialSchema from './0001-initial-schema.ts';
import * as tasks from './0002-tasks.ts';
import * as rules from './0004-rules.ts';

/** Every migration, in order, listed by hand so that a stray file is never applied (no directory scan). */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-tasks': tasks,
  '0004-rules': rules,
};
