import type { Kysely } from 'kysely';
import type { CharlsonResult } from '../domain/discharge/charlson.ts';
import type {
  ReadmissionAssessment,
  ReadmissionRiskStore,
} from '../domain/discharge/readmission-assessment.ts';
import type { ReadmissionRiskReader } from '../domain/discharge/readmission-risk-reads.ts';
import type { LabValue, ScoreItem } from '../domain/discharge/readmission-scores.ts';
import { hospitalBand } from '../domain/discharge/readmission-scores.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { createSqlStayReader } from './sql-stays.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

// LOINC 718-7 haemoglobin [mass/volume] in blood, 2951-2 sodium [moles/volume] in serum or plasma.
const HEMOGLOBIN = '718-7';
const SODIUM = '2951-2';

/** The readmission-risk job's store: the facts of a stay (system read, no principal) and the assessments. */
export function createSqlReadmissionRiskStore(db: Kysely<Database>): ReadmissionRiskStore {
  const stays = createSqlStayReader(db);
  return {
    async facts(patientId, stayId, on) {
      const stay = await stays.byId(patientId, stayId);
      if (stay === null) return null;
      const until = stay.dischargedAt ?? stay.admittedAt;
      const latest = async (loincCode: string): Promise<LabValue | null> => {
        const row = await db
          .selectFrom('results')
          .select(['value_numeric', 'unit'])
          .where('patient_id', '=', patientId)
          .where('loinc_code', '=', loincCode)
          .where('value_numeric', 'is not', null)
          .where('effective_at', '>=', stay.admittedAt)
          .where('effective_at', '<=', until)
          .orderBy('effective_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        return row === undefined || row.value_numeric === null
          ? null
          : { value: row.value_numeric, unit: row.unit };
      };
      const [otherStays, conditions, hemoglobin, sodium, service, coordinator] = await Promise.all([
        stays.ofPatient(patientId),
        db
          .selectFrom('conditions')
          .select(['code_system as codeSystem', 'code'])
          .where('patient_id', '=', patientId)
          .where('clinical_status', '=', 'active')
          .execute(),
        latest(HEMOGLOBIN),
        latest(SODIUM),
        stay.serviceId === null
          ? Promise.resolve(undefined)
          : db
              .selectFrom('organizations')
              .select('specialty')
              .where('id', '=', stay.serviceId)
              .executeTakeFirst(),
        db
          .selectFrom('care_team_members')
          .select('id')
          .where('patient_id', '=', patientId)
          .where('role', '=', 'coordinator')
          .where(activeOn('care_team_members', isoDate(on)))
          .limit(1)
          .executeTakeFirst(),
      ]);
      return {
        stay,
        otherStays,
        conditions,
        hemoglobin,
        sodium,
        serviceSpecialty: service?.specialty ?? null,
        hasCoordinator: coordinator !== undefined,
      };
    },

    async save(assessment, event) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .insertInto('readmission_risks')
          .values({
            patient_id: assessment.patientId,
            stay_id: assessment.stayId,
            lace: assessment.lace.total,
            lace_items: JSON.stringify({ items: assessment.lace.items, charlson: assessment.charlson }),
            lace_cutoff: assessment.cutoff,
            hospital_score: assessment.hospital?.total ?? null,
            hospital_items: JSON.stringify(assessment.hospital?.items ?? []),
            band: assessment.band,
            assessed_at: assessment.assessedAt,
          })
          .onConflict((conflict) => conflict.columns(['patient_id', 'stay_id']).doNothing())
          .executeTakeFirst();
        if (result.numInsertedOrUpdatedRows !== 1n) return false;
        await insertEvents(trx, [event]);
        return true;
      });
    },
  };
}

/** The stored assessment of a stay, through the stay gate's scope. */
export function createSqlReadmissionRiskReader(db: Kysely<Database>): ReadmissionRiskReader {
  return {
    async find(scope): Promise<ReadmissionAssessment | null> {
      const row = await db
        .selectFrom('readmission_risks')
        .selectAll()
        .where('patient_id', '=', scope.patientId)
        .where('stay_id', '=', scope.stayId)
        .executeTakeFirst();
      if (row === undefined) return null;
      // Written by the store above from the domain's scores.
      const lace = row.lace_items as { items: ScoreItem[]; charlson: CharlsonResult };
      const hospitalItems = row.hospital_items as ScoreItem[];
      return {
        patientId: row.patient_id,
        stayId: row.stay_id,
        lace: { total: row.lace, items: lace.items },
        charlson: lace.charlson,
        cutoff: row.lace_cutoff,
        band: row.band,
        hospital:
          row.hospital_score === null
            ? null
            : { total: row.hospital_score, band: hospitalBand(row.hospital_score), items: hospitalItems },
        assessedAt: row.assessed_at,
      };
    },
  };
}
