import type { Kysely, Selectable } from 'kysely';
import type { QuestionnaireStore } from '../domain/questionnaires/questionnaire-ports.ts';
import type { QuestionnaireResponse } from '../domain/questionnaires/questionnaire-response.ts';
import type { UrgentReason } from '../domain/questionnaires/urgent-follow-up.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database, QuestionnaireResponsesTable } from './database-schema.ts';
import { addEventRow, type RowsByTable } from './entry-rows.ts';

/** Keeps questionnaire responses; each one is written with its journal event in one transaction. */
export function createSqlQuestionnaireStore(db: Kysely<Database>): QuestionnaireStore {
  return {
    async saveResponse(scope, response, event) {
      const rows: RowsByTable = {};
      addEventRow(rows, event);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('questionnaire_responses')
          .values({
            patient_id: scope.patientId,
            id: response.id,
            instrument: response.instrument,
            answers: [...response.answers],
            difficulty: response.difficulty,
            score: response.score,
            band: response.band,
            urgent: response.urgentReasons.length > 0,
            urgent_reasons: JSON.stringify(response.urgentReasons),
            filled_by: response.filledBy,
            filled_by_account_id: response.filledByAccountId,
            completed_at: response.completedAt,
          })
          .execute();
        await trx
          .insertInto('events')
          .values(rows.events ?? [])
          .execute();
      });
    },

    async listResponses(scope, limit) {
      const rows = await db
        .selectFrom('questionnaire_responses')
        .selectAll()
        .where('patient_id', '=', scope.patientId)
        .orderBy('completed_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(responseOf);
    },

    async followUpTeam(scope, on) {
      const [members, restrictions] = await Promise.all([
        db
          .selectFrom('care_team_members as m')
          .select(['m.practitioner_id as practitionerId', 'm.role'])
          .where('m.patient_id', '=', scope.patientId)
          .where(activeOn('m', isoDate(on)))
          .execute(),
        db
          .selectFrom('sharing_choices')
          .select('allowed_practitioner_ids')
          .where('patient_id', '=', scope.patientId)
          .where('kind', '=', 'restriction')
          .where('category', '=', 'mental-health')
          .where('withdrawn_at', 'is', null)
          .execute(),
      ]);
      const named = restrictions.flatMap((row) => row.allowed_practitioner_ids);
      return { members, mentalHealthNamed: restrictions.length === 0 ? null : named };
    },
  };
}

function responseOf(row: Selectable<QuestionnaireResponsesTable>): QuestionnaireResponse {
  return {
    id: row.id,
    instrument: row.instrument,
    answers: row.answers,
    difficulty: row.difficulty,
    score: row.score,
    band: row.band,
    // Written by saveResponse from the domain's own list, so it reads back as that list.
    urgentReasons: row.urgent_reasons as UrgentReason[],
    filledBy: row.filled_by,
    filledByAccountId: row.filled_by_account_id,
    completedAt: row.completed_at,
  };
}
