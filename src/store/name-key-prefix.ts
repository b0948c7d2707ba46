import { sql, type RawBuilder } from 'kysely';
import { prefixRange } from '../domain/identity/prefix-range.ts';

/**
 * Whether the name key in `column` starts with `word`, as the byte range the text_pattern_ops indexes
 * read: bound as parameters, unlike a LIKE pattern, it still reads an index range in a generic plan,
 * so the patient searches are prepared once per connection.
 */
export function startsWith(column: string, word: string): RawBuilder<boolean> {
  return withinRange(column, prefixRange(word));
}

/** Whether the name key in `column` is within a word's prefix range (`startsWith`, its range given). */
export function withinRange(column: string, [from, to]: readonly [string, string]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} ~>=~ ${from} and ${sql.ref(column)} ~<~ ${to})`;
}
