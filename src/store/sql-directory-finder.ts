import { sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DirectoryFinder } from '../domain/directory/directory-criteria.ts';
import type { AnyOf, NameWords } from '../domain/record/patient-criteria.ts';
import type { Database } from './database-schema.ts';
import { searchKey } from './sql-directory-store.ts';

/** A LIKE pattern for "starts with", with LIKE's own wildcards taken literally. */
function prefixPattern(word: string): string {
  return `${word.replace(/[%_\\]/g, '\\$&')}%`;
}

/** Whether every word starts a word of `name` (its name key), for any of the alternatives. */
function anyWords(alternatives: AnyOf<NameWords>, name: Expression<string>): RawBuilder<boolean> {
  const key = sql<string>`' ' || ${searchKey(name)}`;
  const allWords = (words: NameWords) =>
    sql`(${sql.join(
      words.map((word) => sql`${key} like ${`% ${prefixPattern(word)}`}`),
      sql` and `,
    )})`;
  return alternatives.length === 0
    ? sql<boolean>`false`
    : sql<boolean>`(${sql.join(alternatives.map(allWords), sql` or `)})`;
}

/** A criterion's values: an empty list (no value could name anything) matches nothing. */
function anyOf(column: string, values: AnyOf<string>): RawBuilder<boolean> {
  return values.length === 0
    ? sql<boolean>`false`
    : sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
}

/**
 * The total of the rows `matching` selects, and the page asked for: `ordered` selects and orders
 * them, `itemOf` makes each an item.
 */
async function pageOf<DB, TB extends keyof DB, O, Row, Item>(
  matching: SelectQueryBuilder<DB, TB, O>,
  ordered: (query: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, Row>,
  page: { readonly offset: number; readonly count: number },
  itemOf: (row: Row) => Item,
): Promise<{ total: number; items: Item[] }> {
  const [counted, rows] = await Promise.all([
    // Kysely cannot infer a selection over generic tables: the count is what it says.
    matching
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .$castTo<{ total: string }>()
      .executeTakeFirst(),
    ordered(matching).offset(page.offset).limit(page.count).execute(),
  ]);
  return { total: Number(counted?.total ?? 0), items: rows.map(itemOf) };
}

/** The directory searched by criteria: the total, and the page asked for, by name then id. */
export function createSqlDirectoryFinder(db: Kysely<Database>): DirectoryFinder {
  return {
    async practitioners(criteria) {
      const matching = db.selectFrom('practitioners as p').where((eb) => {
        const fullName = sql<string>`p.family_name || ' ' || p.given_name`;
        return eb.and([
          ...criteria.ids.map((ids) => anyOf('p.id', ids)),
          ...criteria.rpps.map((values) => anyOf('p.rpps', values)),
          ...criteria.organizationIds.map((ids) => anyOf('p.organization_id', ids)),
          ...criteria.professions.map((values) => anyOf('p.profession', values)),
          ...criteria.names.map((alternatives) => anyWords(alternatives, fullName)),
          ...criteria.families.map((alternatives) => anyWords(alternatives, sql.ref('p.family_name'))),
          ...criteria.givens.map((alternatives) => anyWords(alternatives, sql.ref('p.given_name'))),
        ]);
      });
      return pageOf(
        matching,
        (query) => query.selectAll('p').orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id'),
        criteria,
        (row) => ({
          id: row.id,
          rpps: row.rpps,
          familyName: row.family_name,
          givenName: row.given_name,
          profession: row.profession,
          specialty: row.specialty,
          organizationId: row.organization_id,
        }),
      );
    },

    async organizations(criteria) {
      const matching = db
        .selectFrom('organizations as o')
        .where((eb) =>
          eb.and([
            ...criteria.ids.map((ids) => anyOf('o.id', ids)),
            ...criteria.finess.map((values) => anyOf('o.finess', values)),
            ...criteria.kinds.map((kinds) => anyOf('o.kind', kinds)),
            ...criteria.parentIds.map((ids) => anyOf('o.parent_id', ids)),
            ...criteria.names.map((alternatives) => anyWords(alternatives, sql.ref('o.name'))),
          ]),
        );
      return pageOf(
        matching,
        (query) => query.selectAll('o').orderBy('o.name').orderBy('o.id'),
        criteria,
        (row) => ({
          id: row.id,
          kind: row.kind,
          name: row.name,
          finess: row.finess,
          parentId: row.parent_id,
          specialty: row.specialty,
        }),
      );
    },
  };
}
