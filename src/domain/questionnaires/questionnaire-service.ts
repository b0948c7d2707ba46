import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import type { TaskService } from '../tasks/task-service.ts';
import { INSTRUMENTS, instrumentOf } from './instrument-catalog.ts';
import type { QuestionnaireStore } from './questionnaire-ports.ts';
import type { QuestionnaireResponse } from './questionnaire-response.ts';
import { maxScoreOf, type ScreeningInstrument } from './screening-instrument.ts';
import { scoreScreening } from './screening-score.ts';
import { historyOf, type QuestionnaireHistory } from './screening-trend.ts';
import {
  urgentReasonsOf,
  validateUrgentThresholds,
  type UrgentFollowUpThresholds,
} from './urgent-follow-up.ts';
import { urgentFollowUpTask } from './urgent-follow-up-task.ts';

/** A questionnaire as sent: the instrument's id, one answer per item (null when skipped), the difficulty. */
export interface QuestionnaireSubmission {
  readonly instrument: string;
  readonly answers: readonly (number | null)[];
  readonly difficulty: number | null;
}

/** A recorded response and the urgent follow-up task it raised, if any. */
export interface SubmittedQuestionnaire {
  readonly response: QuestionnaireResponse;
  readonly followUpTaskId: string | null;
}

/** The most recent responses a history shows. */
export const HISTORY_LIMIT = 100;

/** Screening questionnaires: the instruments, completing one (patient or professional), the history. */
export function createQuestionnaireService(deps: {
  access: PatientAccess;
  store: QuestionnaireStore;
  clock: Clock;
  newId: NewId;
  thresholds: UrgentFollowUpThresholds;
  /** The task use cases, through which an urgent response raises its follow-up (ADR 0004). */
  tasks: Pick<TaskService, 'createSystemTasks'>;
}) {
  const { access, store, clock, newId, thresholds, tasks } = deps;
  validateUrgentThresholds(thresholds);

  return {
    /** The instruments Relais scores. */
    instruments(): readonly ScreeningInstrument[] {
      return Object.values(INSTRUMENTS);
    },

    /**
     * Scores a completed questionnaire and records it with its `questionnaire.completed` event; an urgent
     * result also creates one urgent follow-up task. A patient completes their own; a professional of the
     * care team completes one with the patient.
     * Errors: `invalid-input` (unknown instrument, missing or invalid answers), `not-found`, `forbidden`.
     */
    async submit(
      principal: Principal,
      patientId: string,
      submission: QuestionnaireSubmission,
      origin: RequestOrigin,
    ): Promise<SubmittedQuestionnaire> {
      const instrument = instrumentOf(submission.instrument);
      const score = scoreScreening(instrument, submission);
      const scope = await access.open(
        principal,
        patientId,
        { action: 'write', resource: 'questionnaire', category: 'mental-health' },
        origin,
      );
      const response: QuestionnaireResponse = {
        id: newId(),
        instrument: instrument.id,
        answers: score.answers,
        difficulty: score.difficulty,
        score: score.total,
        band: score.band,
        urgentReasons: urgentReasonsOf(instrument, score, thresholds),
        filledBy: principal.kind,
        filledByAccountId: principal.accountId,
        completedAt: clock(),
      };
      const followUp = urgentFollowUpTask(
        response,
        patientId,
        response.urgentReasons.length > 0
          ? await store.followUpTeam(scope, response.completedAt)
          : { members: [], mentalHealthNamed: null },
      );
      // The task and the response are two transactions (each context writes its own tables). The task
      // goes first: should the second write fail, the urgent signal still reaches a clinician.
      const [task] = followUp === null ? [] : await tasks.createSystemTasks([followUp]);
      await store.saveResponse(scope, response, completedEvent(response, patientId, newId()));
      return { response, followUpTaskId: task?.id ?? null };
    },

    /** The patient's questionnaires, newest first, with each instrument's trend. Errors: `not-found`, `forbidden`. */
    async history(
      principal: Principal,
      patientId: string,
      origin: RequestOrigin,
    ): Promise<QuestionnaireHistory> {
      const scope = await access.open(
        principal,
        patientId,
        { action: 'read', resource: 'questionnaire', category: 'mental-health' },
        origin,
      );
      return historyOf(await store.listResponses(scope, HISTORY_LIMIT));
    },
  };
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;

/** The journal event: enough for the timeline to say "PHQ-9: 12/27, moderate, urgent follow-up". */
function completedEvent(response: QuestionnaireResponse, patientId: string, id: string): DomainEvent {
  return {
    id,
    type: 'questionnaire.completed',
    patientId,
    actorAccountId: response.filledByAccountId,
    occurredAt: response.completedAt,
    payload: {
      responseId: response.id,
      instrument: response.instrument,
      score: response.score,
      maxScore: maxScoreOf(INSTRUMENTS[response.instrument]),
      band: response.band,
      urgent: response.urgentReasons.length > 0,
      filledBy: response.filledBy,
    },
  };
}
