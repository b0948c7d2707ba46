import type { Kysely } from 'kysely';
import type { TaskFactsSource } from '../domain/tasks/task-ports.ts';
import { activeRoles, patientObjects } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { categoriesHiddenFrom } from './hidden-categories.ts';

/** The directory and care-team facts task decisions need: small indexed lookups. */
export function createSqlTaskFacts(db: Kysely<Database>): TaskFactsSource {
  return {
    async viewer(practitionerId, accountId, patientId, on) {
      const [practitioner, roles, objected, hiddenCategories] = await Promise.all([
        db
          .selectFrom('practitioners')
          .select(['organization_id', 'given_name', 'family_name'])
          .where('id', '=', practitionerId)
          .executeTakeFirst(),
        patientId === null ? [] : activeRoles(db, practitionerId, patientId, on),
        patientId === null ? false : patientObjects(db, patientId, practitionerId),
        patientId === null ? [] : categoriesHiddenFrom(db, patientId, practitionerId),
      ]);
      return {
        practitionerId,
        accountId,
        organizationId: practitioner?.organization_id ?? null,
        patientRoles: roles,
        objected,
        hiddenCategories,
        name: practitioner === undefined ? '' : `${practitioner.given_name} ${practitioner.family_name}`,
      };
    },

    async describeAssignees(assignees) {
      const practitionerIds = [
        ...new Set(assignees.flatMap((a) => (a.kind === 'practitioner' ? [a.practitionerId] : []))),
      ];
      const serviceIds = [
        ...new Set(assignees.flatMap((a) => (a.kind === 'service' ? [a.organizationId] : []))),
      ];
      const [practitioners, services] = await Promise.all([
        practitionerIds.length === 0
          ? []
          : db
              .selectFrom('practitioners')
              .select(['id', 'given_name', 'family_name'])
              .where('id', 'in', practitionerIds)
              .execute(),
        serviceIds.length === 0
          ? []
          : db
              .selectFrom('organizations')
              .select(['id', 'name'])
              .where('id', 'in', serviceIds)
              .where('kind', '=', 'hospital_service')
              .execute(),
      ]);
      const names = new Map<string, string>([
        ...practitioners.map((p) => [p.id, `${p.given_name} ${p.family_name}`] as const),
        ...services.map((s) => [s.id, s.name] as const),
      ]);
      return assignees.map((assignee) => {
        switch (assignee.kind) {
          case 'practitioner':
            return names.get(assignee.practitionerId);
          case 'service':
            return names.get(assignee.organizationId);
          case 'care-team-role':
            return assignee.role;
        }
      });
    },
  };
}
