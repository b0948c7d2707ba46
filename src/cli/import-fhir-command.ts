import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import cliProgress from 'cli-progress';
import type { Relais } from '../app.ts';
import { createBundleProcessor } from '../fhir/exchange/bundle-processor.ts';
import { outcomeOfError } from '../fhir/operation-outcome.ts';
import type { FhirCaller } from '../fhir/resource-module.ts';
import { fhirResourceModules } from '../fhir/resource-registry.ts';

/** What an import did: the bundles taken and refused (with why), the resources by type, the time. */
export interface ImportSummary {
  readonly bundles: number;
  readonly imported: number;
  readonly resources: number;
  readonly byType: ReadonlyMap<string, number>;
  readonly refused: readonly { readonly file: string; readonly status: number; readonly reason: string }[];
  readonly seconds: number;
}

/** The .json files of a folder in name order, or the one file named. */
async function bundleFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
  return names.map((name) => join(path, name));
}

/**
 * Imports transaction Bundles (FILE, or every .json file of DIR) as `caller`, each Bundle atomic, through
 * the same path as `POST /fhir/R4`: the modules' handlers, the gate and the audit. `jobs` Bundles run at
 * once. A Bundle refused is reported with the reason and the import goes on; only a fault stops it.
 */
export async function importFhirBundles(
  relais: Relais,
  caller: FhirCaller,
  path: string,
  options: { jobs: number; progress: boolean },
): Promise<ImportSummary> {
  const started = performance.now();
  const files = await bundleFiles(path);
  const bundles = createBundleProcessor(fhirResourceModules(relais.services), relais.services.unitOfWork);
  const byType = new Map<string, number>();
  const refused: { file: string; status: number; reason: string }[] = [];
  let imported = 0;
  let resources = 0;
  const bar = options.progress
    ? new cliProgress.SingleBar(
        {
          format: 'importing |{bar}| {value}/{total} bundles, {resources} resources',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(files.length, 0, { resources: 0 });

  const importOne = async (file: string) => {
    let body: unknown;
    try {
      body = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      refused.push({ file: basename(file), status: 400, reason: 'not a JSON file' });
      return;
    }
    if ((body as Partial<Bundle> | null)?.type !== 'transaction') {
      refused.push({ file: basename(file), status: 400, reason: 'not a transaction Bundle' });
      return;
    }
    try {
      const answer = await bundles.process(caller, body);
      imported += 1;
      for (const entry of answer.entry ?? []) {
        const type = entry.resource?.resourceType ?? 'unknown';
        byType.set(type, (byType.get(type) ?? 0) + 1);
        resources += 1;
      }
    } catch (error) {
      const refusal = outcomeOfError(error);
      if (refusal === undefined) throw error;
      const reason = refusal.outcome.issue
        .map(
          (issue) =>
            `${issue.diagnostics ?? issue.details?.text ?? issue.code} (${(issue.expression ?? []).join(', ')})`,
        )
        .join('; ');
      refused.push({ file: basename(file), status: refusal.status, reason });
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] ?? '';
      await importOne(file);
      bar?.increment(1, { resources });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, files.length)) }, worker));
  bar?.stop();
  refused.sort((a, b) => a.file.localeCompare(b.file));
  return {
    bundles: files.length,
    imported,
    resources,
    byType,
    refused,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The summary in lines, for the terminal. */
export function summaryLines(summary: ImportSummary): string[] {
  const rate = summary.seconds > 0 ? Math.round(summary.resources / summary.seconds) : summary.resources;
  return [
    `Imported ${summary.imported} of ${summary.bundles} bundles: ${summary.resources} resources in ${summary.seconds.toFixed(1)} s (${rate} resources/s)`,
    ...[...summary.byType]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => `  ${type.padEnd(22)} ${count}`),
    ...(summary.refused.length === 0 ? [] : [`Refused ${summary.refused.length} bundles:`]),
    ...summary.refused.map(({ file, status, reason }) => `  ${file}: ${status} ${reason}`),
  ];
}
