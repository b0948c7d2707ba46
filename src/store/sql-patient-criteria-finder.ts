import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DateBound, PatientCriteria, PatientSortKey } from '../domain/record/patient-criteria.ts';
import type { VersionedIdentity } from '../domain/record/patient-versions.ts';
import type { Database } from './database-schema.ts';
import { identityOfRow } from './patient-identity-columns.ts';
import { patientsWithinReach, prefixPattern } from './sql-patient-finder.ts';

type Patients = ExpressionBuilder<Database & { p: Database['patients'] }, 'p'>;
type NameKey = 'p.family_name_key' | 'p.used_family_name_key' | 'p.given_name_key';

const NAME_KEYS: readonly NameKey[] = ['p.family_name_key', 'p.used_family_name_key', 'p.given_name_key'];
const FAMILY_KEYS: readonly NameKey[] = ['p.family_name_key', 'p.used_family_name_key'];
const GIVEN_KEYS: readonly NameKey[] = ['p.given_name_key'];

const SORT_COLUMN = {
  family: 'p.family_name_key',
  given: 'p.given_name_key',
  birthdate: 'p.birth_date',
  _lastUpdated: 'p.updated_at',
  _id: 'p.patient_id',
} as const satisfies Record<PatientSortKey, string>;

const OPERATOR = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/**
 * Finds, among the patients within a practitioner's reach only, those meeting every criterion: the
 * total and the page asked for, each with its current identity version. Out-of-reach patients are
 * filtered before anything is counted, so the total never reveals them. The page carries the total
 * (one statement); only a page past the end needs the count on its own.
 */
export function createSqlPatientCriteriaFinder(db: Kysely<Database>) {
  return async function findByCriteria(
    practitionerId: string,
    criteria: PatientCriteria,
  ): Promise<{ total: number; patients: VersionedIdentity[] }> {
    const matching = db
      .selectFrom('patients as p')
      .where('p.patient_id', 'in', reachFor(db, practitionerId, criteria))
      .where((eb) => eb.and(conditions(eb, criteria)));
    let page = matching.selectAll('p').select(sql<string>`count(*) over ()`.as('total'));
    for (const { key, descending } of criteria.sort)
      page = page.orderBy(SORT_COLUMN[key], descending ? 'desc' : 'asc');
    const rows = await page.orderBy('p.patient_id').offset(criteria.offset).limit(criteria.count).execute();
    const total =
      rows[0] !== undefined
        ? Number(rows[0].total)
        : criteria.offset === 0
          ? 0
          : Number(
              (await matching.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirst())
                ?.total ?? 0,
            );
    return {
      total,
      patients: rows.map((row) => ({
        patientId: row.patient_id,
        versionId: row.version_id,
        lastUpdated: new Date(row.updated_at),
        identity: identityOfRow(row),
      })),
    };
  };
}

/**
 * The ids of the patients within reach, narrowed by the first name criterion when there is one: the
 * care-team rows carry the name keys with an index per key and practitioner (migration 0006), so the
 * longest word of each of its alternatives reads a range of those indexes, one branch per key, rather
 * than every patient of the database. The narrowing is only a necessary condition (some word of the
 * matching alternative starts some key): every criterion still filters the patients after it.
 */
function reachFor(db: Kysely<Database>, practitionerId: string, criteria: PatientCriteria) {
  const reach = () => patientsWithinReach(db, practitionerId).clearSelect().select('patient_id');
  const [narrowing] = [
    ...criteria.names.map((alternatives) => ({ alternatives, keys: NAME_KEYS })),
    ...criteria.families.map((alternatives) => ({ alternatives, keys: FAMILY_KEYS })),
    ...criteria.givens.map((alternatives) => ({ alternatives, keys: GIVEN_KEYS })),
  ];
  const branches = (narrowing?.alternatives ?? []).flatMap((words) => {
    const driver = words.reduce((longest, word) => (word.length > longest.length ? word : longest), '');
    return (
      narrowing?.keys.map((key) => reach().where(CARE_TEAM_KEY[key], 'like', prefixPattern(driver))) ?? []
    );
  });
  const [first, ...others] = branches;
  return first === undefined ? reach() : others.reduce((union, branch) => union.union(branch), first);
}

/** The care-team column that carries each name key of the patient. */
const CARE_TEAM_KEY = {
  'p.family_name_key': 'family_name_key',
  'p.used_family_name_key': 'used_family_name_key',
  'p.given_name_key': 'given_name_key',
} as const satisfies Record<NameKey, string>;

function conditions(eb: Patients, criteria: PatientCriteria) {
  const anyWords = (alternatives: readonly (readonly string[])[], keys: readonly NameKey[]) =>
    eb.or(
      alternatives.map((words) =>
        eb.and(words.map((word) => eb.or(keys.map((key) => eb(key, 'like', prefixPattern(word)))))),
      ),
    );
  return [
    // An empty list of values matches nothing (values that can name no patient were dropped).
    ...criteria.ids.map((ids) => (ids.length === 0 ? eb.lit(false) : eb('p.patient_id', 'in', ids))),
    ...criteria.identifiers.map((values) =>
      eb.or(
        values.map(({ oid, matricule }) =>
          oid === null
            ? eb('p.ins_matricule', '=', matricule)
            : eb.and([eb('p.ins_matricule', '=', matricule), eb('p.ins_oid', '=', oid)]),
        ),
      ),
    ),
    ...criteria.names.map((alternatives) => anyWords(alternatives, NAME_KEYS)),
    ...criteria.families.map((alternatives) => anyWords(alternatives, FAMILY_KEYS)),
    ...criteria.givens.map((alternatives) => anyWords(alternatives, GIVEN_KEYS)),
    ...criteria.birthDates.map((bound) => eb('p.birth_date', OPERATOR[bound.comparator], bound.value)),
    ...criteria.lastUpdated.map((bound) => dateBound(eb, bound)),
  ];
}

function dateBound(eb: Patients, bound: DateBound) {
  return eb('p.updated_at', OPERATOR[bound.comparator], sql<Date>`${bound.value}::timestamptz`);
}
