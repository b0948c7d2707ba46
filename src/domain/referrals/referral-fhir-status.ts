import type { ReferralStatus } from './referral.ts';

/**
 * How each status reads in FHIR R4 as the closed-loop referral guides use it (HL7 BSeR, IHE 360X): the
 * ServiceRequest is the order, the Task tracks its fulfilment; the order completes only when the
 * referrer has the report in hand (our `closed`).
 */
export interface FhirReferralStatus {
  readonly serviceRequest: 'active' | 'on-hold' | 'completed' | 'revoked';
  readonly task:
    'requested' | 'accepted' | 'rejected' | 'on-hold' | 'in-progress' | 'completed' | 'cancelled';
  /** Task.businessStatus, for the steps FHIR's Task.status does not name. */
  readonly businessStatus: string | null;
}

export const FHIR_REFERRAL_STATUS: Readonly<Record<ReferralStatus, FhirReferralStatus>> = {
  requested: { serviceRequest: 'active', task: 'requested', businessStatus: null },
  on_hold: { serviceRequest: 'on-hold', task: 'on-hold', businessStatus: 'information-requested' },
  accepted: { serviceRequest: 'active', task: 'accepted', businessStatus: null },
  scheduled: { serviceRequest: 'active', task: 'in-progress', businessStatus: 'scheduled' },
  seen: { serviceRequest: 'active', task: 'in-progress', businessStatus: 'patient-seen' },
  reported: { serviceRequest: 'active', task: 'completed', businessStatus: 'report-sent' },
  closed: { serviceRequest: 'completed', task: 'completed', businessStatus: 'report-acknowledged' },
  declined: { serviceRequest: 'revoked', task: 'rejected', businessStatus: null },
  cancelled: { serviceRequest: 'revoked', task: 'cancelled', businessStatus: null },
};
