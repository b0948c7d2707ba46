import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { CARE_TEAM_ROLES, type CareTeamRole } from '../domain/care-team/care-team-role.ts';
import { isoDate } from '../domain/shared/clock.ts';
import type { TaskRelation } from '../domain/tasks/task-policy.ts';
import type { WorklistCursor, WorklistFilters } from '../domain/tasks/worklist.ts';
import { activeOn, inCareTeam, noObjectionTo } from './active-care-team.ts';
import { categoryShownTo, TASK_CATEGORY } from './hidden-categories.ts';
import type { Database, TasksTable } from './database-schema.ts';

type TaskDatabase = Database & { t: TasksTable };

/** One source of a worklist: why its tasks are the practitioner's, and which tasks they are. */
interface Source {
  readonly via: TaskRelation;
  readonly condition: RawBuilder<boolean>;
}

/** What else narrows every source: the filters, the page cursor, a due-date bound. */
export interface ScanLimits {
  readonly filters: WorklistFilters;
  readonly after: WorklistCursor | null;
  readonly dueBefore: Date | null;
  /** Rows read from each source at most. */
  readonly perSource: number;
}

// Written as literals, like the partial indexes' predicates (0002-tasks.ts), so the planner matches them.
const OPEN = sql<boolean>`t.status in ('todo', 'in_progress')`;

/** How many distinct tasks the sources hold, reading at most `perSource` rows of each. */
export async function countWorklist(
  db: Kysely<Database>,
  practitionerId: string,
  limits: ScanLimits,
  on: Date,
): Promise<number> {
  const query = await worklistCountQuery(db, practitionerId, limits, on);
  return query === undefined ? 0 : Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * The open tasks a practitioner must act on, in worklist order, as a union of per-source scans: each
 * source reads its own partial index in (due_sort, priority_rank, id) order and stops after
 * `perSource` rows, so a page costs about the same with a thousand tasks or a million. A task reached
 * by two sources keeps the more direct one (TaskRelation order). Undefined when no source applies.
 */
export async function worklistQuery(
  db: Kysely<Database>,
  practitionerId: string,
  limits: ScanLimits,
  on: Date,
) {
  const union = await sourcesUnion(db, practitionerId, limits, isoDate(on));
  if (union === undefined) return undefined;
  return db
    .selectFrom(
      db
        .selectFrom(union.as('u'))
        .distinctOn('u.id')
        .select(['u.id', 'u.via', 'u.due_sort', 'u.priority_rank'])
        .orderBy('u.id')
        .orderBy('u.via_rank')
        .as('w'),
    )
    .select(['w.id', 'w.via'])
    .orderBy('w.due_sort')
    .orderBy('w.priority_rank')
    .orderBy('w.id')
    .limit(limits.perSource);
}

/** The count query of countWorklist (exported for EXPLAIN in the benchmark). */
export async function worklistCountQuery(
  db: Kysely<Database>,
  practitionerId: string,
  limits: ScanLimits,
  on: Date,
) {
  const union = await sourcesUnion(db, practitionerId, limits, isoDate(on));
  return union === undefined
    ? undefined
    : db.selectFrom(union.as('u')).select((eb) => eb.fn.count<string>('u.id').distinct().as('n'));
}

async function sourcesUnion(db: Kysely<Database>, practitionerId: string, limits: ScanLimits, today: string) {
  const scans = await sourceScans(db, practitionerId, limits, today);
  return scans.length === 0 ? undefined : scans.reduce((all, scan) => all.unionAll(scan));
}

/** One ordered, bounded scan per source that can hold matching tasks. */
async function sourceScans(db: Kysely<Database>, practitionerId: string, limits: ScanLimits, today: string) {
  const facts = await practitionerFacts(db, practitionerId, today);
  return sourcesOf(practitionerId, facts, limits.filters, today).map((source, rank) =>
    db
      .selectFrom(
        db
          .selectFrom('tasks as t')
          .select([
            't.id',
            't.due_sort',
            't.priority_rank',
            sql.lit(source.via).as('via'),
            sql.lit(rank).as('via_rank'),
          ])
          .where(OPEN)
          .where(source.condition)
          .where(noObjectionTo('t.patient_id', practitionerId))
          .where(categoryShownTo(sql.ref('t.patient_id'), TASK_CATEGORY, sql`${practitionerId}::uuid`))
          .$call((scan) => narrowed(scan, limits))
          .orderBy('t.due_sort')
          .orderBy('t.priority_rank')
          .orderBy('t.id')
          .limit(limits.perSource)
          .as('source'),
      )
      .selectAll(),
  );
}

/**
 * The sources, most direct first, pruned by what the filters exclude: a role filter leaves only role
 * tasks; an organisation filter leaves what is assigned to that organisation or to its practitioners.
 */
function sourcesOf(
  practitionerId: string,
  facts: PractitionerFacts,
  filters: WorklistFilters,
  today: string,
): Source[] {
  const holds = (role: CareTeamRole) => inCareTeam(practitionerId, 't.patient_id', today, role);
  const ownOrganization =
    filters.organizationId === undefined || filters.organizationId === facts.organizationId;
  const sources: Source[] = [];
  if (filters.role === undefined && ownOrganization) {
    sources.push({
      via: 'assignee',
      condition: sql<boolean>`t.assignee_practitioner_id = ${practitionerId}`,
    });
  }
  for (const role of facts.roles) {
    if (filters.organizationId !== undefined || (filters.role !== undefined && filters.role !== role))
      continue;
    sources.push({
      via: 'role-holder',
      condition: sql<boolean>`t.assignee_role = ${role} and ${holds(role)}`,
    });
  }
  if (facts.organizationId !== null && filters.role === undefined && ownOrganization) {
    sources.push({
      via: 'service-member',
      condition: sql<boolean>`t.assignee_organization_id = ${facts.organizationId}`,
    });
  }
  if (facts.roles.includes('coordinator')) {
    sources.push({
      via: 'coordinator',
      condition: sql<boolean>`t.patient_id is not null and ${holds('coordinator')}`,
    });
  }
  return sources;
}

/** The filters (those a source does not already imply), the cursor and the due bound. */
function narrowed<O>(
  scan: SelectQueryBuilder<TaskDatabase, 't', O>,
  limits: ScanLimits,
): SelectQueryBuilder<TaskDatabase, 't', O> {
  const { filters, after, dueBefore } = limits;
  let narrowedScan = scan;
  if (filters.patientId !== undefined)
    narrowedScan = narrowedScan.where('t.patient_id', '=', filters.patientId);
  if (filters.originKind !== undefined)
    narrowedScan = narrowedScan.where('t.origin_kind', '=', filters.originKind);
  if (filters.priority !== undefined) narrowedScan = narrowedScan.where('t.priority', '=', filters.priority);
  if (filters.role !== undefined) narrowedScan = narrowedScan.where('t.assignee_role', '=', filters.role);
  const organizationId = filters.organizationId;
  if (organizationId !== undefined) {
    narrowedScan = narrowedScan.where((eb) =>
      eb.or([
        eb('t.assignee_organization_id', '=', organizationId),
        eb(
          't.assignee_practitioner_id',
          'in',
          eb.selectFrom('practitioners').select('id').where('organization_id', '=', organizationId),
        ),
      ]),
    );
  }
  if (dueBefore !== null) narrowedScan = narrowedScan.where('t.due_sort', '<', dueBefore);
  if (after !== null) {
    // Row comparison: the index reads on from the cursor; 'infinity' is the sort key of undated tasks.
    const dueSort = after.dueAt?.toISOString() ?? 'infinity';
    narrowedScan = narrowedScan.where(
      sql<boolean>`(t.due_sort, t.priority_rank, t.id) > (${dueSort}::timestamptz, ${after.priorityRank}::smallint, ${after.id}::uuid)`,
    );
  }
  return narrowedScan;
}

interface PractitionerFacts {
  readonly organizationId: string | null;
  /** The roles the practitioner holds today in at least one patient's care team. */
  readonly roles: readonly CareTeamRole[];
}

/**
 * The practitioner's organisation and the roles they hold anywhere, in one query: one probe per known
 * role on care_team_members (practitioner_id, role, patient_id). Each probe asks for the first active
 * row in that index's order: as a bare EXISTS, PostgreSQL may guess a sequential scan finds a row
 * soon, and scan the whole table for a role the practitioner does not hold.
 */
async function practitionerFacts(
  db: Kysely<Database>,
  practitionerId: string,
  today: string,
): Promise<PractitionerFacts> {
  const row = await db
    .selectFrom('practitioners as p')
    .select('p.organization_id')
    .select(
      CARE_TEAM_ROLES.map((role) =>
        sql<boolean>`coalesce((select true from care_team_members m
          where m.practitioner_id = ${practitionerId} and m.role = ${role} and ${activeOn('m', today)}
          order by m.patient_id limit 1), false)`.as(role),
      ),
    )
    .where('p.id', '=', practitionerId)
    .executeTakeFirst();
  if (row === undefined) return { organizationId: null, roles: [] };
  const held = row as unknown as Readonly<Record<CareTeamRole, boolean>>;
  return { organizationId: row.organization_id, roles: CARE_TEAM_ROLES.filter((role) => held[role]) };
}
