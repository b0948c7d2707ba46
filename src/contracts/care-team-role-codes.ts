/**
 * The care-team role codes the API accepts, shared by the schemas and the web forms. Kept free of the
 * schema library so the browser bundle stays small; mirrors domain/care-team (a test checks it).
 */
export const CARE_TEAM_ROLE_CODES = [
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

export type CareTeamRoleCode = (typeof CARE_TEAM_ROLE_CODES)[number];
