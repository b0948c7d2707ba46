import type { CareTeamRole } from './care-team-role.ts';

/**
 * Who coordinates the patient's care when something is missing (an overdue referral, a missing
 * discharge letter): the care team's coordinator, or where there is none the médecin traitant, whose
 * role it is to coordinate care (Code de la sécurité sociale, L162-5-3).
 */
export function coordinatingRole(
  hasCoordinator: boolean,
): Extract<CareTeamRole, 'coordinator' | 'medecin_traitant'> {
  return hasCoordinator ? 'coordinator' : 'medecin_traitant';
}
