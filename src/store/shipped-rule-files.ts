import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where the product's default rule sets live. */
export const SHIPPED_RULES_DIR = resolve(import.meta.dirname, '..', '..', 'data', 'rules');

/** The shipped rule-set files (`*.yaml`), by name, in name order. */
export async function readShippedRuleFiles(
  dir = SHIPPED_RULES_DIR,
): Promise<{ file: string; text: string }[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(names.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })));
}
