import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { SystemTaskCommand } from '../tasks/task.ts';
import { INSTRUMENTS } from './instrument-catalog.ts';
import type { QuestionnaireResponse } from './questionnaire-response.ts';
import { explainUrgentReason } from './urgent-follow-up.ts';

const FILLED_BY_WORDS: Readonly<Record<QuestionnaireResponse['filledBy'], string>> = {
  patient: 'rempli par le patient sur le portail',
  professional: 'rempli avec un professionnel',
};

/**
 * The urgent task an urgent response raises, or null when it raised none: for the médecin traitant,
 * or for the coordinator when the patient has no médecin traitant today; due at once; explained in
 * French words (the task list's language); keyed `questionnaire:<responseId>` so it exists only once.
 */
export function urgentFollowUpTask(
  response: QuestionnaireResponse,
  patientId: string,
  activeRoles: readonly string[],
): SystemTaskCommand | null {
  if (response.urgentReasons.length === 0) return null;
  const instrument = INSTRUMENTS[response.instrument];
  const role: CareTeamRole = activeRoles.includes('medecin_traitant') ? 'medecin_traitant' : 'coordinator';
  return {
    patientId,
    title: `Suivi urgent après le questionnaire ${instrument.id} : contacter le patient`,
    details: `Questionnaire ${FILLED_BY_WORDS[response.filledBy]}.`,
    assignee: { kind: 'care-team-role', role },
    priority: 'urgent',
    // Due when filled in: the worklist puts it first, among the overdue.
    dueAt: response.completedAt,
    about: { kind: 'questionnaire-response', id: response.id },
    origin: {
      kind: 'questionnaire',
      ref: response.id,
      explanation: response.urgentReasons
        .map((reason) => explainUrgentReason(instrument, reason, 'fr'))
        .join(' ; '),
    },
    idempotencyKey: `questionnaire:${response.id}`,
  };
}
