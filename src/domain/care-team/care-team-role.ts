/** Roles in a patient's care team (équipe de soins); `medecin_traitant` is the GP of record, at most one. */
export const CARE_TEAM_ROLES = [
  'medecin_traitant',
  'specialist',
  'nurse',
  'pharmacist',
  'physiotherapist',
  'dietitian',
  'social_worker',
  'psychologist',
  'coordinator',
] as const;

export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];

export function isCareTeamRole(value: string): value is CareTeamRole {
  return (CARE_TEAM_ROLES as readonly string[]).includes(value);
}
