declare const grantedByReferralGate: unique symbol;

/**
 * Proof that the referral gate let a party of the referral in, and that the audit entry is durable:
 * the referral reader takes one, so a referral's attachments are read only by its parties (who may be
 * outside the patient's care team: that is the point of attaching them). Only referral-gate.ts makes it.
 */
export interface ReferralScope {
  readonly referralId: string;
  readonly patientId: string;
  readonly [grantedByReferralGate]: true;
}
