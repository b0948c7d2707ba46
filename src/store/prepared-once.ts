import type { CompiledQuery } from 'kysely';
import {
  preparedAs,
  preparedPerShape,
  PREPARED_SHAPES_PER_FAMILY,
  type PlanChoice,
} from './preparing-client.ts';

/** Stands for the argument at `index` while a statement is built once. */
class Placeholder {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

/**
 * A prepared statement (`preparedAs`) whose query is built and compiled once, on first use: `build`
 * is called with placeholders for its arguments, and every later call only puts the arguments in
 * their places among the compiled parameters. For the statements every request runs, building and
 * compiling the same query again cost Node more than sending it. `build` must only place its
 * arguments as values (`where(column, '=', arg)`, `sql\`${arg}\``), never inspect or transform them.
 */
export function preparedOnce<Args extends unknown[], R>(
  name: string,
  build: (...args: Args) => CompiledQuery<R>,
): (...args: Args) => CompiledQuery<R> {
  let compiled: CompiledQuery<R> | undefined;
  return (...args) => {
    compiled ??= preparedAs(name, build(...(args.map((_, index) => new Placeholder(index)) as Args)));
    return bound(compiled, args);
  };
}

/** The compiled statement with each placeholder among its parameters replaced by its value. */
function bound<R>(compiled: CompiledQuery<R>, values: readonly unknown[]): CompiledQuery<R> {
  const parameters = compiled.parameters.map((parameter) =>
    parameter instanceof Placeholder ? values[parameter.index] : parameter,
  );
  return { ...compiled, parameters };
}

/**
 * The statements of a family whose shape its caller works out (e.g. an insert's tables and columns):
 * each shape is built and compiled once, with a placeholder for each of its values, and prepared,
 * planned as `plan` says (up to `PREPARED_SHAPES_PER_FAMILY`; rarer shapes are built at each call);
 * a call binds its values in their places. `build` must only place the placeholders, and two calls
 * of one shape must give the same number of values, in the same order.
 */
export function preparedOncePerNamedShape<R = unknown>(family: string, plan?: PlanChoice) {
  const compiledByShape = new Map<string, CompiledQuery<R>>();
  return (
    shape: string,
    values: readonly unknown[],
    build: (placeholders: readonly unknown[]) => CompiledQuery<R>,
  ): CompiledQuery<R> => {
    let compiled = compiledByShape.get(shape);
    if (compiled === undefined) {
      compiled = preparedPerShape(family, build(values.map((_, index) => new Placeholder(index))), plan);
      if (compiledByShape.size < PREPARED_SHAPES_PER_FAMILY) compiledByShape.set(shape, compiled);
    }
    return bound(compiled, values);
  };
}

/**
 * `preparedOnce` for a statement of several shapes (`preparedPerShape`), its arguments one plain
 * structure (objects, arrays, strings, numbers, booleans, null): its strings and numbers are values,
 * bound as parameters, except those under a key in `kept`, which shape the statement as its booleans,
 * nulls and the lengths of its arrays do. Each shape is built and compiled once (up to
 * `PREPARED_SHAPES_PER_FAMILY`; rarer shapes are built at each call), with placeholders for the
 * values; `build` must only place them, never inspect or transform them.
 */
export function preparedOncePerShape<Args, R>(
  family: string,
  kept: ReadonlySet<string>,
  build: (args: Args) => CompiledQuery<R>,
  plan?: PlanChoice,
): (args: Args) => CompiledQuery<R> {
  const statements = preparedOncePerNamedShape<R>(family, plan);
  return (args) => {
    const values: unknown[] = [];
    const shape: string[] = [];
    valuesAndShape(args, kept, values, shape, undefined);
    return statements(shape.join(' '), values, (placeholders) => {
      let placed = 0;
      return build(withPlaceholders(args, kept, () => placeholders[placed++]) as Args);
    });
  };
}

/** Whether `node`, under `key`, is a value bound as a parameter (else it shapes the statement). */
function isValue(node: unknown, kept: ReadonlySet<string>, key: string | undefined): boolean {
  return (typeof node === 'string' || typeof node === 'number') && (key === undefined || !kept.has(key));
}

/**
 * Pushes on `values` the values of `node`, in order, and on `shape` what the statement's text may
 * depend on: the structure, the kept values, booleans and nulls.
 */
function valuesAndShape(
  node: unknown,
  kept: ReadonlySet<string>,
  values: unknown[],
  shape: string[],
  key: string | undefined,
): void {
  if (isValue(node, kept, key)) {
    values.push(node);
    shape.push('?');
  } else if (Array.isArray(node)) {
    shape.push(`[${node.length}`);
    for (const item of node) valuesAndShape(item, kept, values, shape, undefined);
    shape.push(']');
  } else if (node !== null && typeof node === 'object') {
    shape.push('{');
    for (const [field, value] of Object.entries(node)) {
      shape.push(field);
      valuesAndShape(value, kept, values, shape, field);
    }
    shape.push('}');
  } else
    shape.push(typeof node === 'string' || typeof node === 'number' ? JSON.stringify(node) : String(node));
}

/** `node` with each value replaced by the `next` placeholder, in the order `valuesAndShape` pushes them. */
function withPlaceholders(
  node: unknown,
  kept: ReadonlySet<string>,
  next: () => unknown,
  key?: string,
): unknown {
  if (isValue(node, kept, key)) return next();
  if (Array.isArray(node)) return node.map((item) => withPlaceholders(item, kept, next));
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([field, value]) => [field, withPlaceholders(value, kept, next, field)]),
    );
  return node;
}

/**
 * `preparedOnce` for a statement that writes rows (objects of column values), e.g. an insert with its
 * journal event: `build` gets each row with a placeholder in every column and must only place them.
 * It is built once per set of columns (the rows' keys, in order), so a row of other columns never has
 * its values bound in another's places. A column given as undefined is written as null.
 */
export function preparedOnceForRows<Rows extends readonly object[], R>(
  name: string,
  build: (...rows: Rows) => CompiledQuery<R>,
): (...rows: Rows) => CompiledQuery<R> {
  const statements = preparedOncePerNamedShape<R>(name);
  return (...rows) => {
    const columns = rows.map((row) => Object.keys(row));
    return statements(
      columns.map((names) => names.join(',')).join(';'),
      rows.flatMap((row): unknown[] => Object.values(row)),
      (placeholders) => {
        let placed = 0;
        const placedRows = columns.map((names) =>
          Object.fromEntries(names.map((column) => [column, placeholders[placed++]])),
        );
        return build(...(placedRows as unknown as Rows));
      },
    );
  };
}
