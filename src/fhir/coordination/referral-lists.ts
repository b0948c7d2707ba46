import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { MAX_REFERRAL_PAGE } from '../../domain/referrals/referral-cursor.ts';
import type { ReferralReadService } from '../../domain/referrals/referral-read-service.ts';
import type { Referral } from '../../domain/referrals/referral.ts';
import { serviceRequestToFhir } from '../mappers/service-request-mapper.ts';
import { referralTaskToFhir } from '../mappers/task-mapper.ts';
import type { FhirCaller } from '../resource-module.ts';
import type { WorkListSource } from './work-list-source.ts';

/**
 * The referrals of a list, through the referral read use cases: a patient's (the patient gate, like
 * GET /api/patients/{id}/referrals), the caller's outbox (sent) or inbox (addressed to them, their
 * service or specialty, or taken). Each is bounded by the domain (MAX_REFERRAL_PAGE).
 */
export async function referralsOf(
  reads: ReferralReadService,
  { principal, origin }: FhirCaller,
  source: WorkListSource,
): Promise<Referral[]> {
  const page = { limit: MAX_REFERRAL_PAGE, after: null };
  switch (source.kind) {
    case 'patient':
      return (await reads.patientReferrals(principal, source.patientId, origin)).map(
        ({ referral }) => referral,
      );
    case 'requested-by-me':
      return (await reads.outbox(principal, { ...page, state: 'all' }, origin)).items.map(
        ({ referral }) => referral,
      );
    case 'owned-by-me':
      return (await reads.inbox(principal, page, origin)).items.map(({ referral }) => referral);
  }
}

/** The order of a referral, with when it last changed (for `_lastUpdated`). */
export function referralOrderToFhir(referral: Referral): ServiceRequest {
  return { ...serviceRequestToFhir(referral), meta: { lastUpdated: referral.updatedAt.toISOString() } };
}

/** The fulfilment Task of a referral, with when it last changed (for `_lastUpdated`). */
export function referralFulfilmentToFhir(referral: Referral): Task {
  return { ...referralTaskToFhir(referral), meta: { lastUpdated: referral.updatedAt.toISOString() } };
}
