import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Fails when relative imports form a cycle in src/ or web/src/. A small script rather than
 * eslint-plugin-import-x, whose native resolver bindings break `npm ci` with this lockfile setup.
 */
const roots = ['src', 'web/src'].map((root) => resolve(import.meta.dirname, '..', root));
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const graph = new Map<string, string[]>();
for (const file of roots.flatMap(sourceFiles)) {
  const text = readFileSync(file, 'utf8');
  graph.set(
    file,
    [...text.matchAll(IMPORT)].map((match) => resolve(dirname(file), match[1] ?? '')),
  );
}

const state = new Map<string, 'visiting' | 'done'>();
const cycles: string[][] = [];
function visit(file: string, path: string[]): void {
  if (state.get(file) === 'done') return;
  if (state.get(file) === 'visiting') {
    cycles.push([...path.slice(path.indexOf(file)), file]);
    return;
  }
  state.set(file, 'visiting');
  for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
  state.set(file, 'done');
}
for (const file of graph.keys()) visit(file, []);

const root = resolve(import.meta.dirname, '..');
for (const cycle of cycles) console.error(`import cycle: ${cycle.map((f) => relative(root, f)).join(' → ')}`);
console.log(`${graph.size} files checked, ${cycles.length} import cycles`);
process.exitCode = cycles.length > 0 ? 1 : 0;
