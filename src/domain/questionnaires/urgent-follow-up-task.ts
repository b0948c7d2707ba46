import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { SystemTaskCommand, TaskAssignee } from '../tasks/task.ts';
import type { FollowUpTeam } from './questionnaire-ports.ts';
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
 * When the patient keeps mental-health data to named professionals, it goes to one of them by name
 * (the médecin traitant, then the coordinator, then any named member), never to a role others hold.
 */
export function urgentFollowUpTask(
  response: QuestionnaireResponse,
  patientId: string,
  team: FollowUpTeam,
): SystemTaskCommand | null {
  if (response.urgentReasons.length === 0) return null;
  const instrument = INSTRUMENTS[response.instrument];
  return {
    patientId,
    title: `Suivi urgent après le questionnaire ${instrument.id} : contacter le patient`,
    details: `Questionnaire ${FILLED_BY_WORDS[response.filledBy]}.`,
    assignee: followUpAssignee(team),
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

const FOLLOW_UP_ROLES: readonly CareTeamRole[] = ['medecin_traitant', 'coordinator'];

function followUpAssignee({ members, mentalHealthNamed }: FollowUpTeam): TaskAssignee {
  if (mentalHealthNamed === null) {
    const role = members.some((member) => member.role === 'medecin_traitant')
      ? 'medecin_traitant'
      : 'coordinator';
    return { kind: 'care-team-role', role };
  }
  const named = members.filter((member) => mentalHealthNamed.includes(member.practitionerId));
  const chosen =
    FOLLOW_UP_ROLES.map((role) => named.find((member) => member.role === role)).find(Boolean) ?? named[0];
  // A named professional who left the team is still the patient's choice for this data.
  const practitionerId = chosen?.practitionerId ?? mentalHealthNamed[0];
  if (practitionerId === undefined) return { kind: 'care-team-role', role: 'coordinator' };
  return { kind: 'practitioner', practitionerId };
}
