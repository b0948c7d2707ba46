import { mayShareIns } from '../identity/identity-status.ts';
import type { PatientIdentity } from './coordination-record.ts';

/**
 * Applies the RNIV rule that an INS is used or shared only when the identity is qualifiée
 * (french-health-it.md A6): otherwise the matricule is withheld and the reason given instead.
 */
export function withInsSharingRule(identity: PatientIdentity): PatientIdentity {
  if (identity.ins === null || mayShareIns(identity.identityStatus)) return identity;
  return {
    ...identity,
    ins: null,
    insWithheldReason: `identity status is ${identity.identityStatus}: the INS is shared only when qualifiée (QUAL)`,
  };
}
