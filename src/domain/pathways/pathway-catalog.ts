import { templateKey, type PathwayTemplate } from './pathway-template.ts';

/** The installed template versions, held in memory: templates are small and change only at start. */
export interface PathwayCatalog {
  /** The latest version of each template, by id. */
  latest(): PathwayTemplate[];
  latestOf(templateId: string): PathwayTemplate | undefined;
  /** One version, which running enrolments keep even after a newer one is installed. */
  version(templateId: string, version: number): PathwayTemplate | undefined;
  /** Replaces the contents (after an installation). */
  replace(templates: readonly PathwayTemplate[]): void;
}

export function createPathwayCatalog(templates: readonly PathwayTemplate[] = []): PathwayCatalog {
  let byKey = new Map<string, PathwayTemplate>();
  let latestById = new Map<string, PathwayTemplate>();
  const catalog: PathwayCatalog = {
    latest: () => [...latestById.values()].sort((a, b) => a.id.localeCompare(b.id)),
    latestOf: (templateId) => latestById.get(templateId),
    version: (templateId, version) => byKey.get(templateKey(templateId, version)),
    replace(next) {
      byKey = new Map(next.map((t) => [templateKey(t.id, t.version), t]));
      latestById = new Map();
      for (const template of next) {
        const current = latestById.get(template.id);
        if (current === undefined || current.version < template.version)
          latestById.set(template.id, template);
      }
    },
  };
  catalog.replace(templates);
  return catalog;
}
