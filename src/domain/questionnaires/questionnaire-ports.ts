import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { QuestionnaireResponse } from './questionnaire-response.ts';

/** Port: keeps a patient's questionnaire responses. Every method takes a passed, audited access check. */
export interface QuestionnaireStore {
  /** Saves a response and its journal event in one transaction. */
  saveResponse(scope: PatientScope, response: QuestionnaireResponse, event: DomainEvent): Promise<void>;
  /** The patient's responses, newest first, at most `limit`. */
  listResponses(scope: PatientScope, limit: number): Promise<QuestionnaireResponse[]>;
  /** The roles held in the patient's care team on `on` (to route an urgent follow-up). */
  activeCareTeamRoles(scope: PatientScope, on: Date): Promise<string[]>;
}
