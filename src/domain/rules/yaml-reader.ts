import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Duration } from './rule-set.ts';
import type { LocalizedText } from './localized-text.ts';

/** One thing wrong in a rule-set text, where it is. */
export interface RuleSetProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `starter.yaml:12:7: message`, the way compilers say it. */
export function formatProblem(problem: RuleSetProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

const DURATION = /^([1-9]\d{0,4})([hdw])$/;

/**
 * Reads a YAML document node by node, collecting every problem with its line instead of stopping at
 * the first: each reader returns undefined for a bad value and records why.
 */
export function createYamlReader(text: string, file: string) {
  const problems: RuleSetProblem[] = [];
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of [...document.errors, ...document.warnings]) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({ file, line, column: col, message: error.message });
  }

  const report = (node: Node | null | undefined, message: string): void => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ file, line, column: col, message });
  };

  const reader = {
    problems,
    root: (problems.length === 0 ? document.contents : null) as Node | null,
    report,

    /** A mapping's values by key; reports unknown and missing keys. */
    fields(
      node: Node | null | undefined,
      where: string,
      keys: { required: readonly string[]; optional?: readonly string[] },
    ): Map<string, Node | null> | undefined {
      if (!isMap(node)) {
        report(node, `${where} must be a mapping`);
        return;
      }
      const known = [...keys.required, ...(keys.optional ?? [])];
      const values = new Map<string, Node | null>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined || !known.includes(key)) {
          report(
            pair.key as Node,
            `${where}: unknown key "${key ?? '?'}"; expected ${known.map((k) => `"${k}"`).join(', ')}`,
          );
          continue;
        }
        values.set(key, pair.value as Node | null);
      }
      for (const key of keys.required) {
        if (!values.has(key)) report(node, `${where}: "${key}" is missing`);
      }
      return values;
    },

    /** A mapping with exactly one key (a tagged node such as `all:` or `create-task:`). */
    tagged(
      node: Node | null | undefined,
      where: string,
    ): { tag: string; value: Node | null; at: Node } | undefined {
      if (!isMap(node) || node.items.length !== 1) {
        report(node, `${where} must be a mapping with exactly one key (its kind)`);
        return;
      }
      const pair = node.items[0];
      if (pair === undefined || !isScalar(pair.key)) {
        report(node, `${where}: the kind must be a word`);
        return;
      }
      return { tag: String(pair.key.value), value: pair.value as Node | null, at: pair.key as Node };
    },

    list(node: Node | null | undefined, where: string): (Node | null)[] | undefined {
      if (!isSeq(node) || node.items.length === 0) {
        report(node, `${where} must be a non-empty list`);
        return;
      }
      return node.items as (Node | null)[];
    },

    text(node: Node | null | undefined, where: string, pattern?: { regex: RegExp; expected: string }) {
      if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
        report(node, `${where} must be a non-empty text`);
        return;
      }
      if (pattern !== undefined && !pattern.regex.test(node.value)) {
        report(node, `${where}: "${node.value}" is not ${pattern.expected}`);
        return;
      }
      return node.value;
    },

    number(node: Node | null | undefined, where: string): number | undefined {
      if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
        report(node, `${where} must be a number`);
        return;
      }
      return node.value;
    },

    integer(node: Node | null | undefined, where: string, min: number, max: number): number | undefined {
      const value = reader.number(node, where);
      if (value === undefined) return undefined;
      if (!Number.isInteger(value) || value < min || value > max) {
        report(node, `${where} must be a whole number from ${min} to ${max}`);
        return;
      }
      return value;
    },

    boolean(node: Node | null | undefined, where: string): boolean | undefined {
      if (!isScalar(node) || typeof node.value !== 'boolean') {
        report(node, `${where} must be true or false`);
        return;
      }
      return node.value;
    },

    /** `{ fr: …, en: … }`: French is the reference, English is required too. */
    localized(node: Node | null | undefined, where: string): LocalizedText | undefined {
      const values = reader.fields(node, where, { required: ['fr', 'en'] });
      if (values === undefined) return undefined;
      const fr = reader.text(values.get('fr'), `${where}.fr`);
      const en = reader.text(values.get('en'), `${where}.en`);
      return fr === undefined || en === undefined ? undefined : { fr, en };
    },

    /** `3d`, `12h`, `2w`. */
    duration(node: Node | null | undefined, where: string): Duration | undefined {
      const value = isScalar(node) && typeof node.value === 'string' ? DURATION.exec(node.value) : null;
      if (value === null) {
        report(node, `${where} must be a duration such as 12h, 3d or 2w`);
        return;
      }
      return { amount: Number(value[1]), unit: value[2] as Duration['unit'] };
    },
  };
  return reader;
}

export type YamlReader = ReturnType<typeof createYamlReader>;
