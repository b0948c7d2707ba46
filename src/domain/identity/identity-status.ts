/**
 * RNIV identity confidence statuses (reference french-health-it.md row A6;
 * FR Core FRCoreCodeSystemIdentityStatus.fsh, quoting RNIV EXI SI 07/09).
 */

/** The 4 mutually exclusive RNIV identity statuses (EXI SI 07). */
export type IdentityStatus = 'PROV' | 'RECUP' | 'VALI' | 'QUAL';

/** All identity statuses, from least to most trusted. */
export const IDENTITY_STATUSES: readonly IdentityStatus[] = Object.freeze([
  'PROV',
  'RECUP',
  'VALI',
  'QUAL',
] as const);

/** Type guard: true when `x` is exactly one of the 4 status codes (case-sensitive, as the FR Core code system). */
export function isIdentityStatus(x: string): x is IdentityStatus {
  return (IDENTITY_STATUSES as readonly string[]).includes(x);
}

/** Facts about how an identity was collected, from which its status follows. */
export type IdentityFacts = {
  /** Traits were retrieved from the INSi teleservice. */
  insiQueried: boolean;
  /** Traits were checked against a high-trust identity document (or equivalent). */
  highTrustDocumentChecked: boolean;
  /** Identity flagged "douteuse" (DOUT). */
  doubtful?: boolean;
  /** Identity flagged "fictive" (FICT). */
  fictitious?: boolean;
};

/**
 * Derives the status from the RNIV 2×2 crossing (EXI SI 07):
 * INSi no/document no → PROV, INSi yes/no → RECUP, INSi no/yes → VALI,
 * yes/yes → QUAL. A doubtful or fictitious identity stays PROV whatever
 * else is true (EXI SI 09).
 */
export function identityStatusFrom(facts: IdentityFacts): IdentityStatus {
  if (facts.doubtful === true || facts.fictitious === true) return 'PROV';
  if (facts.insiQueried) return facts.highTrustDocumentChecked ? 'QUAL' : 'RECUP';
  return facts.highTrustDocumentChecked ? 'VALI' : 'PROV';
}

/**
 * Whether the INS matricule may be transmitted or used for sharing: only for
 * a QUAL identity (RNIV, reference A6).
 */
export function mayShareIns(status: IdentityStatus): boolean {
  return status === 'QUAL';
}

/**
 * Display labels; French ones are the FR Core code system displays
 * (FRCoreCodeSystemIdentityStatus.fsh).
 */
export const IDENTITY_STATUS_LABELS: Readonly<Record<IdentityStatus, { fr: string; en: string }>> =
  Object.freeze({
    PROV: { fr: 'Identité provisoire', en: 'Provisional identity' },
    RECUP: { fr: 'Identité récupérée', en: 'Retrieved identity' },
    VALI: { fr: 'Identité validée', en: 'Validated identity' },
    QUAL: { fr: 'Identité qualifiée', en: 'Qualified identity' },
  });
