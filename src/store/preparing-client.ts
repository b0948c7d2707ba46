import { createHash } from 'node:crypto';
import pg from 'pg';
import type { CompiledQuery } from 'kysely';

/** A statement that starts with this comment, e.g. `/* prepared: access-facts *\/`, is prepared by name. */
const PREPARED_TAG = /^\/\* prepared: ([a-z0-9-]+) \*\//;

/**
 * A node-postgres client that prepares the statements tagged as such once per connection and then
 * only executes them: the hottest statements (the access facts, run for every patient-data request)
 * are not planned again on every call. Only tagged statements are kept, so a connection's prepared
 * statements stay few whatever other SQL goes through it.
 */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const name = typeof text === 'string' ? PREPARED_TAG.exec(text)?.[1] : undefined;
    const call = super.query.bind(this) as (...callArgs: unknown[]) => never;
    if (name === undefined) return call(...args);
    return call({ name, text, values }, ...args.slice(2));
  }
}

/**
 * A compiled Kysely query tagged to run as the prepared statement `name` on PostgreSQL (PGlite reads
 * the tag as a comment): for the statements every request runs, whose text never varies.
 */
export function preparedAs<R>(name: string, query: CompiledQuery<R>): CompiledQuery<R> {
  return { ...query, sql: `/* prepared: ${name} */ ${query.sql}` };
}

/**
 * How many shapes of one family a process prepares: statements of a rarer shape beyond them run
 * unprepared, so a client varying its search criteria cannot grow every connection's statements.
 */
export const PREPARED_SHAPES_PER_FAMILY = 32;

const shapesByFamily = new Map<string, Set<string>>();

/**
 * Like `preparedAs`, for a statement whose text takes a few shapes (e.g. one per combination of
 * optional filters): each shape is its own prepared statement, named `family` plus a digest of its
 * text, so a name can never stand for two texts; up to `PREPARED_SHAPES_PER_FAMILY` shapes.
 */
export function preparedPerShape<R>(family: string, query: CompiledQuery<R>): CompiledQuery<R> {
  const shape = createHash('sha256').update(query.sql).digest('hex').slice(0, 16);
  let shapes = shapesByFamily.get(family);
  if (shapes === undefined) shapesByFamily.set(family, (shapes = new Set()));
  if (!shapes.has(shape)) {
    if (shapes.size >= PREPARED_SHAPES_PER_FAMILY) return query;
    shapes.add(shape);
  }
  return preparedAs(`${family}-${shape}`, query);
}
