import { formatProblem } from '../rules/yaml-reader.ts';
import type { PathwayCatalog } from './pathway-catalog.ts';
import type { PathwayTemplateStore } from './pathway-ports.ts';
import { parsePathwayTemplate } from './pathway-template-parser.ts';
import type { PathwayTemplate } from './pathway-template.ts';

/** What an installation did: versions stored, files refused (with their problems), versions changed in place. */
export interface InstallReport {
  readonly installed: readonly string[];
  readonly refused: readonly { readonly file: string; readonly problems: readonly string[] }[];
  /** `id@version` whose file changed without a new version: the stored definition stays (running enrolments keep it). */
  readonly changed: readonly string[];
}

/**
 * Installs the template files (data/pathways): each is validated whole, the valid ones are stored as
 * new versions, and the catalog is reloaded with every stored version. A refused file installs nothing.
 */
export async function installPathwayTemplates(
  files: readonly { readonly file: string; readonly text: string }[],
  deps: { store: PathwayTemplateStore; catalog: PathwayCatalog },
): Promise<InstallReport> {
  const valid: PathwayTemplate[] = [];
  const refused: { file: string; problems: string[] }[] = [];
  for (const { file, text } of files) {
    const parsed = parsePathwayTemplate(text, file);
    if (parsed.ok) valid.push(parsed.template);
    else refused.push({ file, problems: parsed.problems.map(formatProblem) });
  }
  const { installed, changed } = await deps.store.install(valid);
  deps.catalog.replace(await deps.store.all());
  return { installed, refused, changed };
}
