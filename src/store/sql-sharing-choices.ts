import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { PatientScope } from '../domain/access/patient-scope.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type {
  ChoiceActor,
  SharingChoiceStore,
  SharingChoiceView,
  Withdrawal,
} from '../domain/sharing/sharing-ports.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

/** "Given Family", the way the record names professionals. */
const fullName = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;

/** A patient's sharing choices; each change is written with its journal events in one transaction. */
export function createSqlSharingChoices(db: Kysely<Database>): SharingChoiceStore {
  const views = (scope: PatientScope) =>
    db
      .selectFrom('sharing_choices as c')
      .leftJoin('practitioners as p', 'p.id', 'c.practitioner_id')
      .leftJoin('organizations as po', 'po.id', 'p.organization_id')
      .leftJoin('organizations as o', 'o.id', 'c.organization_id')
      .leftJoin('accounts as ra', 'ra.id', 'c.recorded_by_account_id')
      .leftJoin('practitioners as rp', 'rp.id', 'ra.practitioner_id')
      .leftJoin('accounts as wa', 'wa.id', 'c.withdrawn_by_account_id')
      .leftJoin('practitioners as wp', 'wp.id', 'wa.practitioner_id')
      .select((eb) => [
        'c.id',
        'c.kind',
        'c.category',
        'c.on_behalf',
        'c.recorded_at',
        'c.withdrawn_at',
        'p.id as practitioner_id',
        fullName('p').as('practitioner_name'),
        'p.profession',
        'p.specialty',
        'po.name as practitioner_organization',
        'o.id as organization_id',
        'o.name as organization_name',
        'ra.kind as recorder_kind',
        fullName('rp').as('recorder_name'),
        'wa.kind as withdrawer_kind',
        fullName('wp').as('withdrawer_name'),
        jsonArrayFrom(
          eb
            .selectFrom('practitioners as ap')
            .leftJoin('organizations as ao', 'ao.id', 'ap.organization_id')
            .select([
              'ap.id',
              fullName('ap').as('name'),
              'ap.profession',
              'ap.specialty',
              'ao.name as organization',
            ])
            .where(sql<boolean>`ap.id = any(c.allowed_practitioner_ids)`)
            .orderBy('ap.family_name')
            .orderBy('ap.given_name'),
        ).as('allowed'),
      ])
      .where('c.patient_id', '=', scope.patientId);

  type ViewRow = Awaited<ReturnType<ReturnType<typeof views>['execute']>>[number];

  const viewOf = (row: ViewRow): SharingChoiceView => ({
    id: row.id,
    kind: row.kind,
    practitioner:
      row.practitioner_id === null
        ? null
        : {
            id: row.practitioner_id,
            name: row.practitioner_name,
            profession: row.profession ?? '',
            specialty: row.specialty,
            organization: row.practitioner_organization,
          },
    organization:
      row.organization_id === null ? null : { id: row.organization_id, name: row.organization_name ?? '' },
    category: row.category,
    allowedPractitioners: row.allowed,
    onBehalf: row.on_behalf,
    recordedAt: row.recorded_at.toISOString(),
    // An account that no longer exists is told by the flag the row keeps.
    recordedBy: actorOf(row.recorder_kind ?? (row.on_behalf ? 'professional' : 'patient'), row.recorder_name),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    withdrawnBy:
      row.withdrawn_at === null ? null : actorOf(row.withdrawer_kind ?? 'professional', row.withdrawer_name),
  });

  return {
    async list(scope) {
      const rows = await views(scope)
        .orderBy(sql`c.withdrawn_at is null`, 'desc')
        .orderBy(sql`coalesce(c.withdrawn_at, c.recorded_at)`, 'desc')
        .execute();
      return rows.map(viewOf);
    },

    async find(scope, choiceId) {
      const row = await views(scope).where('c.id', '=', choiceId).executeTakeFirst();
      return row === undefined ? undefined : viewOf(row);
    },

    async context(scope, choice, on) {
      const named = [
        ...(choice.practitionerId === null ? [] : [choice.practitionerId]),
        ...choice.allowedPractitionerIds,
      ];
      const [practitioners, organization, team, inForce] = await Promise.all([
        named.length === 0
          ? []
          : db
              .selectFrom('practitioners as p')
              .leftJoin('organizations as o', 'o.id', 'p.organization_id')
              .select(['p.id', fullName('p').as('name'), 'p.organization_id', 'o.parent_id'])
              .where('p.id', 'in', named)
              .execute(),
        choice.organizationId === null
          ? undefined
          : db
              .selectFrom('organizations')
              .select('name')
              .where('id', '=', choice.organizationId)
              .executeTakeFirst(),
        db
          .selectFrom('care_team_members as m')
          .select('m.practitioner_id')
          .where('m.patient_id', '=', scope.patientId)
          .where(activeOn('m', isoDate(on)))
          .execute(),
        db
          .selectFrom('sharing_choices')
          .select(['id', 'kind', 'practitioner_id', 'organization_id', 'category'])
          .where('patient_id', '=', scope.patientId)
          .where('withdrawn_at', 'is', null)
          .execute(),
      ]);
      return {
        practitioners: new Map(
          practitioners.map((p) => [
            p.id,
            {
              name: p.name,
              organizationIds: [p.organization_id, p.parent_id].filter((id): id is string => id !== null),
            },
          ]),
        ),
        organizationName: organization?.name ?? null,
        careTeam: new Set(team.map((m) => m.practitioner_id)),
        inForce: inForce.map((c) => ({
          id: c.id,
          kind: c.kind,
          practitionerId: c.practitioner_id,
          organizationId: c.organization_id,
          category: c.category,
        })),
      };
    },

    async record(scope, choice, replaced, events) {
      await inTransaction(db, async (trx) => {
        if (replaced !== null) await withdrawInForce(trx, scope, replaced);
        await trx
          .insertInto('sharing_choices')
          .values({
            patient_id: scope.patientId,
            id: choice.id,
            kind: choice.kind,
            practitioner_id: choice.practitionerId,
            organization_id: choice.organizationId,
            category: choice.category,
            allowed_practitioner_ids: [...choice.allowedPractitionerIds],
            recorded_by_account_id: choice.recordedByAccountId,
            on_behalf: choice.onBehalf,
            recorded_at: choice.recordedAt,
          })
          .execute();
        await insertEvents(trx, events);
      });
    },

    async withdraw(scope, withdrawal, event) {
      await inTransaction(db, async (trx) => {
        await withdrawInForce(trx, scope, withdrawal);
        await insertEvents(trx, [event]);
      });
    },
  };
}

function actorOf(kind: 'patient' | 'professional', name: string | null): ChoiceActor {
  return { kind, name: kind === 'professional' ? name : null };
}

/** Dates the withdrawal of a choice still in force; a second withdrawal (a race) finds none. */
async function withdrawInForce(trx: Transaction<Database>, scope: PatientScope, withdrawal: Withdrawal) {
  const result = await trx
    .updateTable('sharing_choices')
    .set({ withdrawn_at: withdrawal.at, withdrawn_by_account_id: withdrawal.byAccountId })
    .where('patient_id', '=', scope.patientId)
    .where('id', '=', withdrawal.choiceId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new DomainError('conflict', 'this sharing choice was withdrawn meanwhile: reload and try again');
}
