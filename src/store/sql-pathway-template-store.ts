import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PathwayTemplateStore } from '../domain/pathways/pathway-ports.ts';
import { templateKey, type PathwayTemplate } from '../domain/pathways/pathway-template.ts';
import type { Database } from './database-schema.ts';

/** Installed template versions: a version is stored once and never rewritten (running enrolments keep it). */
export function createSqlPathwayTemplateStore(db: Kysely<Database>, clock: () => Date): PathwayTemplateStore {
  return {
    async install(templates) {
      const stored = new Map(
        (
          await db
            .selectFrom('pathway_template_versions')
            .select(['template_id', 'version', 'fingerprint'])
            .execute()
        ).map((row) => [templateKey(row.template_id, row.version), row.fingerprint]),
      );
      const installed: string[] = [];
      const changed: string[] = [];
      const rows = templates.flatMap((template) => {
        const key = templateKey(template.id, template.version);
        const definition = JSON.stringify(template);
        const fingerprint = createHash('sha256').update(definition).digest('hex');
        const known = stored.get(key);
        if (known !== undefined) {
          if (known !== fingerprint) changed.push(key);
          return [];
        }
        installed.push(key);
        return [
          {
            template_id: template.id,
            version: template.version,
            definition,
            fingerprint,
            installed_at: clock(),
          },
        ];
      });
      if (rows.length > 0)
        await db
          .insertInto('pathway_template_versions')
          .values(rows)
          .onConflict((conflict) => conflict.columns(['template_id', 'version']).doNothing())
          .execute();
      return { installed, changed };
    },

    async all() {
      const rows = await db.selectFrom('pathway_template_versions').select('definition').execute();
      // Written by install() from a validated template: read back as it was.
      return rows.map((row) => row.definition as PathwayTemplate);
    },
  };
}
