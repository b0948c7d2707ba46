import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { InpatientRow, ItemRow, TeamMember } from './transition-ports.ts';
import { lateItemRole } from './transition-progress.ts';

/** How far ahead a pending item shows in the worklist ("due" rather than "late"). */
export const DUE_SOON_MS = 24 * 3_600_000;

/** Who must act on a row: the role asked, and the care-team members who hold it. */
export interface MustAct {
  readonly role: CareTeamRole;
  readonly members: readonly TeamMember[];
}

const heldIn = (team: readonly TeamMember[]) => new Set(team.map((m) => m.role as CareTeamRole));
const holders = (team: readonly TeamMember[], role: CareTeamRole) => team.filter((m) => m.role === role);

/** An item's row: its role, or whoever coordinates when that role is vacant (as its task goes). */
export function itemMustAct(row: ItemRow): MustAct {
  const role = lateItemRole(row.item.responsible, heldIn(row.team));
  return { role, members: holders(row.team, role) };
}

/**
 * A current inpatient: whoever coordinates follows the stay and prepares the return home (the
 * coordinator, or the médecin traitant where there is none).
 */
export function inpatientMustAct(row: InpatientRow): MustAct {
  const role = lateItemRole('coordination', heldIn(row.team));
  return { role, members: holders(row.team, role) };
}
