/**
 * Account-level roles that widen what a user may administer (never what patient data they see): `admin`
 * administers the platform, `dpo` (the data protection officer) reviews access and audit (issue 8).
 */
export type AccountRole = 'admin' | 'dpo';

export const ACCOUNT_ROLES: readonly AccountRole[] = ['admin', 'dpo'];

/** Who is asking: a professional (through their directory entry) or a patient (for their own record). */
export type Principal =
  | {
      readonly kind: 'professional';
      readonly accountId: string;
      readonly practitionerId: string;
      readonly roles: readonly AccountRole[];
    }
  | { readonly kind: 'patient'; readonly accountId: string; readonly patientId: string };
