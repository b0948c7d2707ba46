import type { Principal } from './principal.ts';

/** What the caller wants to do with a patient's data; `resource` names the part (e.g. "record", "results"). */
export interface AccessPurpose {
  readonly action: 'read' | 'write';
  readonly resource: string;
}

/** The facts the decision needs, loaded by the caller: the principal's active care-team roles for the patient. */
export interface AccessFacts {
  readonly activeCareTeamRoles: readonly string[];
}

/** The outcome, always with a reason in words (it goes to the audit trail and to the user). */
export type AccessDecision = { readonly allowed: boolean; readonly reason: string };

/** What patients report about themselves and may therefore write: their screening questionnaires. */
const PATIENT_REPORTED: readonly string[] = ['questionnaire'];

/**
 * Decides whether a principal may act on a patient's data. Pure: consent, objections and
 * break-the-glass grants (issue 8) extend `AccessFacts` and add rules here, and nowhere else.
 */
export function decidePatientAccess(
  principal: Principal,
  patientId: string,
  facts: AccessFacts,
  purpose: AccessPurpose,
): AccessDecision {
  if (principal.kind === 'patient') {
    if (principal.patientId !== patientId) {
      return { allowed: false, reason: 'a patient may only see their own record' };
    }
    if (purpose.action === 'write' && !PATIENT_REPORTED.includes(purpose.resource)) {
      return { allowed: false, reason: 'patients cannot change their coordination record here' };
    }
    return { allowed: true, reason: 'the patient themself' };
  }
  const [role] = facts.activeCareTeamRoles;
  if (role === undefined) return { allowed: false, reason: "not in the patient's care team" };
  return { allowed: true, reason: `care team member (${facts.activeCareTeamRoles.join(', ')})` };
}
