import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { QuestionnaireResponse } from './questionnaire-response.ts';

/** Port: keeps a patient's questionnaire responses. Every method takes a passed, audited access check. */
export interface QuestionnaireStore {
  /** Saves a response and its journal event in one transaction. */
  saveResponse(scope: PatientScope, response: QuestionnaireResponse, event: DomainEvent): Promise<void>;
  /** The patient's responses, newest first, at most `limit`. */
  listResponses(scope: PatientScope, limit: number): Promise<QuestionnaireResponse[]>;
  /** Who may take an urgent follow-up on `on`: the active team, and whom the patient named for mental health. */
  followUpTeam(scope: PatientScope, on: Date): Promise<FollowUpTeam>;
}

/** The active care team and, when the patient restricted mental-health data, the professionals they named. */
export interface FollowUpTeam {
  readonly members: readonly { readonly practitionerId: string; readonly role: string }[];
  /** Null without a restriction in force; otherwise only these professionals may see the response. */
  readonly mentalHealthNamed: readonly string[] | null;
}
