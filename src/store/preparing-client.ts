import { createHash } from 'node:crypto';
import pg from 'pg';
import type { CompiledQuery } from 'kysely';

/**
 * A statement that starts with this comment, e.g. `/* prepared: access-facts *\/`, is prepared by name;
 * `/* prepared generic: … *\/` also has it planned once, for any values (see PreparingClient).
 */
const PREPARED_TAG = /^\/\* prepared( generic)?: ([a-z0-9-]+) \*\//;

/**
 * A node-postgres client that prepares the statements tagged as such once per connection and then
 * only executes them: the hottest statements (the access facts, run for every patient-data request)
 * are not planned again on every call. Only tagged statements are kept, so a connection's prepared
 * statements stay few whatever other SQL goes through it.
 */
export class PreparingClient extends pg.Client {
  /** Whether this connection's plan_cache_mode is force_generic_plan now; only ever outside a transaction. */
  #generic = false;

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const tag = typeof text === 'string' ? PREPARED_TAG.exec(text) : null;
    const call = super.query.bind(this) as (...callArgs: unknown[]) => never;
    this.#planFor(tag?.[1] !== undefined);
    if (tag === null) return call(...args);
    return call({ name: tag[2], text, values }, ...args.slice(2));
  }

  /**
   * PostgreSQL plans a prepared statement for its values for the first runs, then keeps doing so when
   * its generic plan looks dearer: a search whose bounds are parameters always does, and its planning
   * costs more than its run. A `generic` statement outside a transaction is therefore run with
   * plan_cache_mode = force_generic_plan, and any other statement first restores the default, so a
   * statement planned at each run (unnamed) is never planned blind. The switch is queued ahead of the
   * statement, on the same connection, and happens only when the kind of statement changes.
   */
  #planFor(generic: boolean): void {
    const wanted = generic && this.getTransactionStatus() === 'I';
    if (wanted === this.#generic) return;
    this.#generic = wanted;
    // Failing to switch fails the statement queued behind it on a broken connection: nothing to add here.
    super
      .query(wanted ? 'set plan_cache_mode = force_generic_plan' : 'reset plan_cache_mode')
      .catch(() => {});
  }
}

/** How a prepared statement is planned: as PostgreSQL chooses, or generically, once (ADR 0018). */
export type PlanChoice = 'chosen by PostgreSQL' | 'generic';

/**
 * A compiled Kysely query tagged to run as the prepared statement `name` on PostgreSQL (PGlite reads
 * the tag as a comment): for the statements every request runs, whose text never varies.
 */
export function preparedAs<R>(
  name: string,
  query: CompiledQuery<R>,
  plan: PlanChoice = 'chosen by PostgreSQL',
): CompiledQuery<R> {
  const tag = plan === 'generic' ? 'prepared generic' : 'prepared';
  return { ...query, sql: `/* ${tag}: ${name} */ ${query.sql}` };
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
export function preparedPerShape<R>(
  family: string,
  query: CompiledQuery<R>,
  plan?: PlanChoice,
): CompiledQuery<R> {
  const shape = createHash('sha256').update(query.sql).digest('hex').slice(0, 16);
  let shapes = shapesByFamily.get(family);
  if (shapes === undefined) shapesByFamily.set(family, (shapes = new Set()));
  if (!shapes.has(shape)) {
    if (shapes.size >= PREPARED_SHAPES_PER_FAMILY) return query;
    shapes.add(shape);
  }
  return preparedAs(`${family}-${shape}`, query, plan);
}
