import type { Kysely } from 'kysely';
import type { ReferralStore } from '../domain/referrals/referral-ports.ts';
import { isoDate } from '../domain/shared/clock.ts';
import type { Database } from './database-schema.ts';
import { REFERRAL_COLUMNS, referralRow, referralStateRow, storedReferralOf } from './referral-rows.ts';
import { insertEvents, inTransaction } from './write-transaction.ts';

/** Writes referrals, their thread and the services' SLA overrides, with their events, one transaction per call. */
export function createSqlReferralStore(db: Kysely<Database>): ReferralStore {
  return {
    async insert(referral, deadline, event) {
      await inTransaction(db, async (trx) => {
        await trx.insertInto('referrals').values(referralRow(referral, deadline)).execute();
        await insertEvents(trx, [event]);
      });
    },

    async find(referralId) {
      const row = await db
        .selectFrom('referrals')
        .select(REFERRAL_COLUMNS)
        .where('id', '=', referralId)
        .executeTakeFirst();
      return row === undefined ? undefined : storedReferralOf(row);
    },

    async saveChange({ referral, deadline, events, message, careTeamMember }) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('referrals')
          .set({ ...referralStateRow(referral, deadline), version: referral.version + 1 })
          .where('patient_id', '=', referral.patientId)
          .where('id', '=', referral.id)
          .where('version', '=', referral.version)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        if (message !== null) {
          await trx
            .insertInto('referral_messages')
            .values({
              patient_id: referral.patientId,
              referral_id: referral.id,
              id: message.id,
              kind: message.kind,
              author_practitioner_id: message.authorPractitionerId,
              body: message.text,
              created_at: message.at,
            })
            .execute();
        }
        if (careTeamMember !== null) {
          // The search copies of the patient's name keys are filled by the table's trigger (0006).
          await trx
            .insertInto('care_team_members')
            .values({
              patient_id: referral.patientId,
              id: careTeamMember.id,
              practitioner_id: careTeamMember.practitionerId,
              role: careTeamMember.role,
              started_on: isoDate(referral.updatedAt),
              ended_on: null,
              added_by: events[0]?.actorAccountId ?? null,
            })
            .execute();
        }
        await insertEvents(trx, events);
        return true;
      });
    },

    async slaOverrides(organizationId) {
      const rows = await db
        .selectFrom('referral_sla_overrides')
        .select(['kind', 'urgency', 'stage', 'working_days'])
        .where('organization_id', '=', organizationId)
        .execute();
      return rows.map((row) => ({
        kind: row.kind,
        urgency: row.urgency,
        stage: row.stage,
        workingDays: row.working_days,
      }));
    },

    async replaceSlaOverrides(organizationId, overrides, by, event) {
      await inTransaction(db, async (trx) => {
        await trx
          .deleteFrom('referral_sla_overrides')
          .where('organization_id', '=', organizationId)
          .execute();
        if (overrides.length > 0) {
          await trx
            .insertInto('referral_sla_overrides')
            .values(
              overrides.map((override) => ({
                organization_id: organizationId,
                kind: override.kind,
                urgency: override.urgency,
                stage: override.stage,
                working_days: override.workingDays,
                updated_by: by,
                updated_at: event.occurredAt,
              })),
            )
            .execute();
        }
        await insertEvents(trx, [event]);
      });
    },
  };
}
