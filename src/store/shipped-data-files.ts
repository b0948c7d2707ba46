import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The YAML data files of a folder (`*.yaml`: rule sets, pathway templates), by name, in name order. */
export async function readYamlFiles(dir: string): Promise<{ file: string; text: string }[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(names.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })));
}
