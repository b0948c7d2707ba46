import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DirectoryStore } from '../domain/directory/directory.ts';
import type { Database } from './database-schema.ts';
import { translateConstraintError } from './constraint-errors.ts';

/** The directory and accounts, in plain tables (small reference data). */
export function createSqlDirectoryStore(db: Kysely<Database>): DirectoryStore {
  const insert = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      throw translateConstraintError(error) ?? error;
    }
  };
  return {
    async addOrganizations(organizations) {
      if (organizations.length === 0) return;
      await insert(() =>
        db
          .insertInto('organizations')
          .values(
            organizations.map((o) => ({
              id: o.id,
              kind: o.kind,
              name: o.name,
              finess: o.finess,
              parent_id: o.parentId,
              specialty: o.specialty,
            })),
          )
          .execute(),
      );
    },
    async addPractitioners(practitioners) {
      if (practitioners.length === 0) return;
      await insert(() =>
        db
          .insertInto('practitioners')
          .values(
            practitioners.map((p) => ({
              id: p.id,
              rpps: p.rpps,
              family_name: p.familyName,
              given_name: p.givenName,
              profession: p.profession,
              specialty: p.specialty,
              organization_id: p.organizationId,
            })),
          )
          .execute(),
      );
    },
    async addAccounts(accounts) {
      if (accounts.length === 0) return;
      await insert(() =>
        db
          .insertInto('accounts')
          .values(
            accounts.map((a) => ({
              id: a.id,
              login: a.login.toLowerCase(),
              password_hash: a.passwordHash,
              kind: a.kind,
              practitioner_id: a.practitionerId,
              patient_id: a.patientId,
              roles: [...a.roles],
              locale: a.locale,
            })),
          )
          .execute(),
      );
    },
    async search(words, limit) {
      const matches = (name: Expression<string>) =>
        words.map((word) => sql<boolean>`${searchKey(name)} like ${`%${word}%`}`);
      const [practitioners, organizations] = await Promise.all([
        db
          .selectFrom('practitioners as p')
          .leftJoin('organizations as o', 'o.id', 'p.organization_id')
          .select([
            'p.id',
            sql<string>`p.given_name || ' ' || p.family_name`.as('name'),
            'p.profession',
            'p.specialty',
            'o.id as organization_id',
            'o.name as organization_name',
          ])
          .where((eb) => eb.and(matches(sql<string>`p.given_name || ' ' || p.family_name`)))
          .orderBy('p.family_name')
          .orderBy('p.given_name')
          .limit(limit)
          .execute(),
        db
          .selectFrom('organizations as o')
          .select(['o.id', 'o.kind', 'o.name'])
          .where((eb) => eb.and(matches(sql.ref<string>('o.name'))))
          .orderBy('o.name')
          .limit(limit)
          .execute(),
      ]);
      return {
        practitioners: practitioners.map((p) => ({
          id: p.id,
          name: p.name,
          profession: p.profession,
          specialty: p.specialty,
          organization:
            p.organization_id === null ? null : { id: p.organization_id, name: p.organization_name ?? '' },
        })),
        organizations,
      };
    },
    async isEmpty() {
      const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
      return row === undefined;
    },
    async listOrganizations(kind) {
      const rows = await db
        .selectFrom('organizations')
        .select(['id', 'kind', 'name', 'finess', 'parent_id', 'specialty'])
        .where('kind', '=', kind)
        .orderBy('name')
        .execute();
      return rows.map((o) => ({
        id: o.id,
        kind: o.kind,
        name: o.name,
        finess: o.finess,
        parentId: o.parent_id,
        specialty: o.specialty,
      }));
    },
    async listPractitioners() {
      const rows = await db
        .selectFrom('practitioners as p')
        .leftJoin('organizations as o', 'o.id', 'p.organization_id')
        .select([
          'p.id',
          'p.rpps',
          'p.family_name',
          'p.given_name',
          'p.profession',
          'p.specialty',
          'p.organization_id',
          'o.name as organization',
        ])
        .orderBy('p.family_name')
        .orderBy('p.given_name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        rpps: r.rpps,
        familyName: r.family_name,
        givenName: r.given_name,
        profession: r.profession,
        specialty: r.specialty,
        organizationId: r.organization_id,
        organization: r.organization,
      }));
    },
  };
}

/** The name key of a name column, as domain/identity/name-key.ts makes it: lower case, common accents off. */
export function searchKey(name: Expression<string>): RawBuilder<string> {
  return sql<string>`regexp_replace(translate(lower(${name}), 'àâäáãçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaceeeeiiiinooooouuuuyy'), '[^a-z0-9]+', ' ', 'g')`;
}
