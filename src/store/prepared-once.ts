import type { CompiledQuery } from 'kysely';
import { preparedAs } from './preparing-client.ts';

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
    const parameters = compiled.parameters.map((parameter) =>
      parameter instanceof Placeholder ? args[parameter.index] : parameter,
    );
    return { ...compiled, parameters };
  };
}
