import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { PatientQuery } from '../domain/record/patient-query.ts';
import type { PatientFinder } from '../domain/record/record-ports.ts';
import { patientsObjectingTo } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { startsWith } from './name-key-prefix.ts';
import { preparedPerShape } from './preparing-client.ts';

const NAME_KEYS = ['family_name_key', 'used_family_name_key', 'given_name_key'] as const;

type Members = ExpressionBuilder<Database, 'care_team_members'>;

/**
 * Searches patients within a practitioner's active care teams (objections honoured), so anyone else's
 * patients never appear. Name words are prefixes of the name keys that the care-team rows carry (migration 0006):
 * the most selective word picks entries from the practitioner's name-key indexes, the others filter.
 * The statement is prepared per shape (one per number of words, and one each for INS and birth date).
 */
export function createSqlPatientFinder(db: Kysely<Database>): PatientFinder {
  const reachByQuery = (practitionerId: string, query: PatientQuery) =>
    patientsWithinReach(db, practitionerId, (rows) => {
      if (query.kind === 'name') {
        const driver = query.words.reduce((longest, word) => (word.length > longest.length ? word : longest));
        const everyWordMatches = (eb: Members) =>
          eb.and(query.words.map((word) => eb.or(NAME_KEYS.map((key) => startsWith(key, word)))));
        // One branch per key, so each reads its own index.
        return disjointBranches(
          () => rows().where(everyWordMatches),
          NAME_KEYS.map((key) => startsWith(key, driver)),
        );
      }
      return rows().where('patient_id', 'in', (eb) => {
        const patients = eb.selectFrom('patients').select('patients.patient_id');
        return query.kind === 'ins'
          ? patients.where('ins_matricule', '=', query.matricule)
          : patients.where('birth_date', '=', query.birthDate);
      });
    });

  return {
    async search(practitionerId, query, limit) {
      // Order and cut within reach first, so only the patients shown are read.
      const firstInReach = db
        .selectFrom(reachByQuery(practitionerId, query).as('r'))
        .selectAll()
        .orderBy('r.family_name_key')
        .orderBy('r.given_name_key')
        .orderBy('r.patient_id')
        .limit(limit);
      const page = db
        .selectFrom(firstInReach.as('r'))
        .innerJoin('patients as p', 'p.patient_id', 'r.patient_id')
        .select([
          'p.patient_id',
          'p.birth_family_name',
          'p.used_family_name',
          'p.first_given_name',
          'p.sex',
          'p.birth_date',
          'p.identity_status',
        ])
        .orderBy('r.family_name_key')
        .orderBy('r.given_name_key')
        .orderBy('r.patient_id');
      const { rows } = await db.executeQuery(preparedPerShape('patient-search', page.compile(), 'generic'));
      return rows.map((row) => ({
        patientId: row.patient_id,
        birthFamilyName: row.birth_family_name,
        usedFamilyName: row.used_family_name,
        firstGivenName: row.first_given_name,
        sex: row.sex,
        birthDate: row.birth_date,
        identityStatus: row.identity_status,
      }));
    },
  };
}

/** A practitioner's listed care-team rows (one per patient), with the name keys a search reads. */
export type CareTeamRows = ReturnType<typeof listedCareTeamRows>;

/**
 * The practitioner's active care-team rows, one per patient: the listed one (migration 0035), so a
 * patient met in two memberships is met once. `listed` is written as a literal, not a parameter, so
 * that a generic plan still proves the name-key indexes' predicate and reads them.
 */
function listedCareTeamRows(db: Kysely<Database>, practitionerId: string) {
  return db
    .selectFrom('care_team_members')
    .select(['patient_id', 'family_name_key', 'used_family_name_key', 'given_name_key', 'identity_version'])
    .where('practitioner_id', '=', practitionerId)
    .where(sql<boolean>`listed`);
}

/**
 * The rows meeting any of the conditions, as one branch per condition (each reading its own index
 * range), each branch leaving out the rows an earlier one has: the branches are disjoint, so they
 * are put together as they are (UNION ALL), with no deduplication to pay for.
 */
export function disjointBranches(rows: () => CareTeamRows, conditions: readonly RawBuilder<boolean>[]) {
  const branches = conditions.map((condition, index) => {
    const earlier = conditions.slice(0, index);
    const branch = rows().where(condition);
    return earlier.length === 0
      ? branch
      : branch.where(sql<boolean>`(${sql.join(earlier, sql` or `)}) is not true`);
  });
  const [first, ...others] = branches;
  if (first === undefined) throw new Error('disjointBranches needs at least one condition');
  return others.reduce((union, branch) => union.unionAll(branch), first);
}

/**
 * The patients within a practitioner's reach among those `narrowed` picks from the practitioner's
 * listed care-team rows, one per patient (`rows()`, as often as it needs, e.g. one branch per name-key
 * index): a patient who objects to the practitioner is out of it, name included. Every patient search
 * starts here. The objections are read once per search, as a set (hashed), and applied once above the
 * narrowing, so a long list costs no probe per row and a search of several branches plans them once.
 */
export function patientsWithinReach(
  db: Kysely<Database>,
  practitionerId: string,
  narrowed: (rows: () => CareTeamRows) => CareTeamRows,
) {
  return db
    .selectFrom(narrowed(() => listedCareTeamRows(db, practitionerId)).as('reach'))
    .selectAll()
    .where(sql<boolean>`reach.patient_id not in (${patientsObjectingTo(practitionerId)})`);
}
