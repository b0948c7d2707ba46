/** Account-level roles that widen what a user may administer (never what patient data they see). */
export type AccountRole = 'admin';

/** Who is asking: a professional (through their directory entry) or a patient (for their own record). */
export type Principal =
  | {
      readonly kind: 'professional';
      readonly accountId: string;
      readonly practitionerId: string;
      readonly roles: readonly AccountRole[];
    }
  | { readonly kind: 'patient'; readonly accountId: string; readonly patientId: string };
