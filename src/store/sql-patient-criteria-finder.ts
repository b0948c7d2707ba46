import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { prefixRange } from '../domain/identity/prefix-range.ts';
import type {
  AnyOf,
  DateBound,
  NameWords,
  PatientCriteria,
  PatientSortKey,
} from '../domain/record/patient-criteria.ts';
import type { VersionedIdentity } from '../domain/record/patient-versions.ts';
import type { Database } from './database-schema.ts';
import { withinRange } from './name-key-prefix.ts';
import { preparedOncePerShape } from './prepared-once.ts';
import type { KeptPatientVersions } from './kept-patient-versions.ts';
import { disjointBranches, patientsWithinReach } from './sql-patient-finder.ts';

/** The name keys as the care-team rows carry them (migration 0006), each with a search index. */
type NameKey = 'family_name_key' | 'used_family_name_key' | 'given_name_key';
type Hit = 'm.family_name_key' | 'm.used_family_name_key' | 'm.given_name_key';

const NAME_KEYS: readonly NameKey[] = ['family_name_key', 'used_family_name_key', 'given_name_key'];
const FAMILY_KEYS: readonly NameKey[] = ['family_name_key', 'used_family_name_key'];
const GIVEN_KEYS: readonly NameKey[] = ['given_name_key'];

/** Where each sort key is read: the care-team row carries the names, the patient the rest. */
const SORT_COLUMN = {
  family: 'm.family_name_key',
  given: 'm.given_name_key',
  birthdate: 'p.birth_date',
  _lastUpdated: 'p.updated_at',
  _id: 'm.patient_id',
} as const satisfies Record<PatientSortKey, string>;

/** A care-team row of the reach (`m`) and its patient (`p`), as the criteria read them. */
type Hits = ExpressionBuilder<
  Database & { m: Pick<Database['care_team_members'], 'patient_id' | NameKey>; p: Database['patients'] },
  'm' | 'p'
>;

const OPERATOR = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** A name criterion as the statement binds it: each alternative's words as prefix ranges. */
type BoundNameCriterion = AnyOf<readonly (readonly [string, string])[]>;

/**
 * The criteria as the statement binds them: name words as the prefix ranges the indexes read, each
 * alternative's longest word first (it picks the rows; the others filter them), so that the statement's
 * text depends on the criteria's shape only and is built once per shape.
 */
interface BoundCriteria extends Omit<PatientCriteria, 'names' | 'families' | 'givens'> {
  readonly names: readonly BoundNameCriterion[];
  readonly families: readonly BoundNameCriterion[];
  readonly givens: readonly BoundNameCriterion[];
}

/** The criteria's fields whose values shape the statement (the others are bound as parameters). */
const SHAPING_FIELDS: ReadonlySet<string> = new Set(['comparator', 'key']);

function boundCriteria(criteria: PatientCriteria): BoundCriteria {
  const ranges = (criterion: AnyOf<NameWords>): BoundNameCriterion =>
    criterion.map((words) => [...words].sort((a, b) => b.length - a.length).map(prefixRange));
  return {
    ...criteria,
    names: criteria.names.map(ranges),
    families: criteria.families.map(ranges),
    givens: criteria.givens.map(ranges),
  };
}

/**
 * Finds, among the patients within a practitioner's reach only, those meeting every criterion: the
 * total and the page asked for, each with its current identity version. Out-of-reach patients are
 * filtered before anything is counted, so the total never reveals them.
 *
 * The matches are counted, ordered and cut on the care-team rows, whose name-key indexes carry every
 * name key and the patient's version number: a name search reads no patient row, unless another
 * criterion or the order needs the patient's own columns. The page is version numbers, whose
 * identities come from the kept versions, the ones not kept in a second statement. The statement's
 * text depends only on the criteria's shape (each word is bound as the bounds of a range), so it is
 * built once per shape, and prepared and planned once per connection.
 */
export function createSqlPatientCriteriaFinder(db: Kysely<Database>, kept: KeptPatientVersions) {
  const pageStatement = preparedOncePerShape(
    'patient-criteria',
    SHAPING_FIELDS,
    ({ practitionerId, criteria }: { practitionerId: string; criteria: BoundCriteria }) =>
      pageOf(db, practitionerId, criteria).compile(),
    'generic',
  );
  return async function findByCriteria(
    practitionerId: string,
    criteria: PatientCriteria,
  ): Promise<{ total: number; patients: VersionedIdentity[] }> {
    const bound = boundCriteria(criteria);
    const { rows } = await db.executeQuery(pageStatement({ practitionerId, criteria: bound }));
    const total =
      rows[0] !== undefined
        ? Number(rows[0].total)
        : criteria.offset === 0
          ? 0
          : Number(
              (
                await matchingHits(db, practitionerId, bound)
                  .select((eb) => eb.fn.countAll<string>().as('total'))
                  .executeTakeFirst()
              )?.total ?? 0,
            );
    const named = rows.map((row) => ({ patientId: row.patient_id, versionId: row.version_id }));
    const patients = await kept.numbered(named);
    // The triggers write a version with the row that names it: a missing one is a broken store.
    if (patients.includes(undefined)) throw new Error('a patient found has no row for its version');
    return { total, patients: patients as VersionedIdentity[] };
  };
}

/**
 * The page asked for with the total: the matching care-team rows counted, ordered and cut, each with
 * the version number its row carries (migration 0034), so the page reads no patient row.
 */
function pageOf(db: Kysely<Database>, practitionerId: string, criteria: BoundCriteria) {
  let page = matchingHits(db, practitionerId, criteria).select([
    'm.patient_id',
    'm.identity_version as version_id',
    sql<string>`count(*) over ()`.as('total'),
  ]);
  for (const { key, descending } of criteria.sort)
    page = page.orderBy(SORT_COLUMN[key], descending ? 'desc' : 'asc');
  return page.orderBy('m.patient_id').offset(criteria.offset).limit(criteria.count);
}

/**
 * The care-team rows (`m`, one per patient) of the patients within reach meeting every criterion,
 * joined to the patient (`p`) only when a criterion or the order reads the patient's own columns.
 */
function matchingHits(db: Kysely<Database>, practitionerId: string, criteria: BoundCriteria) {
  const needsPatient =
    criteria.identifiers.length + criteria.birthDates.length + criteria.lastUpdated.length > 0 ||
    criteria.sort.some(({ key }) => key === 'birthdate' || key === '_lastUpdated');
  const hits = db.selectFrom(reachFor(db, practitionerId, criteria).as('m'));
  const withPatient = hits.innerJoin('patients as p', 'p.patient_id', 'm.patient_id');
  // Without the join, no condition and no sort column below reads `p`.
  const source = needsPatient ? withPatient : (hits as unknown as typeof withPatient);
  return source.where((eb) => eb.and(conditions(eb, criteria)));
}

/**
 * The care-team rows of the patients within reach, one per patient, narrowed by the most selective
 * criterion there is: ids, else INS, which name a few patients to look up in the reach; else the first
 * name criterion, the longest word of each of its alternatives reading a range of the name-key
 * indexes, one branch per key, rather than every patient of the practitioner. The narrowing is only a
 * necessary condition: every criterion still filters the rows after it.
 */
function reachFor(db: Kysely<Database>, practitionerId: string, criteria: BoundCriteria) {
  return patientsWithinReach(db, practitionerId, (rows) => {
    const [ids] = criteria.ids.filter((values) => values.length > 0);
    if (ids !== undefined) return rows().where('patient_id', 'in', ids);
    const [identifiers] = criteria.identifiers.filter((values) => values.length > 0);
    if (identifiers !== undefined) {
      const holders = db.selectFrom('patients as q').select('q.patient_id').where(holdsIns('q', identifiers));
      return rows().where('patient_id', 'in', holders);
    }
    const [narrowing] = [
      ...criteria.names.map((alternatives) => ({ alternatives, keys: NAME_KEYS })),
      ...criteria.families.map((alternatives) => ({ alternatives, keys: FAMILY_KEYS })),
      ...criteria.givens.map((alternatives) => ({ alternatives, keys: GIVEN_KEYS })),
    ];
    const ranges = (narrowing?.alternatives ?? []).flatMap(([driver]) =>
      driver === undefined ? [] : (narrowing?.keys.map((key) => withinRange(key, driver)) ?? []),
    );
    return ranges.length === 0 ? rows() : disjointBranches(rows, ranges);
  });
}

/** Whether the patient under `alias` holds one of the INS (under the OID named, or under any). */
function holdsIns(alias: string, values: PatientCriteria['identifiers'][number]): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const holds = values.map(({ oid, matricule }) =>
    oid === null
      ? sql`${column('ins_matricule')} = ${matricule}`
      : sql`(${column('ins_matricule')} = ${matricule} and ${column('ins_oid')} = ${oid})`,
  );
  return holds.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(holds, sql` or `)})`;
}

function conditions(eb: Hits, criteria: BoundCriteria) {
  const anyWords = (alternatives: BoundNameCriterion, keys: readonly NameKey[]) =>
    eb.or(
      alternatives.map((words) =>
        eb.and(words.map((word) => eb.or(keys.map((key) => withinRange(`m.${key}` satisfies Hit, word))))),
      ),
    );
  return [
    // An empty list of values matches nothing (values that can name no patient were dropped).
    ...criteria.ids.map((ids) => (ids.length === 0 ? eb.lit(false) : eb('m.patient_id', 'in', ids))),
    ...criteria.identifiers.map((values) => holdsIns('p', values)),
    ...criteria.names.map((alternatives) => anyWords(alternatives, NAME_KEYS)),
    ...criteria.families.map((alternatives) => anyWords(alternatives, FAMILY_KEYS)),
    ...criteria.givens.map((alternatives) => anyWords(alternatives, GIVEN_KEYS)),
    ...criteria.birthDates.map((bound) => eb('p.birth_date', OPERATOR[bound.comparator], bound.value)),
    ...criteria.lastUpdated.map((bound) => dateBound(eb, bound)),
  ];
}

function dateBound(eb: Hits, bound: DateBound) {
  return eb('p.updated_at', OPERATOR[bound.comparator], sql<Date>`${bound.value}::timestamptz`);
}
