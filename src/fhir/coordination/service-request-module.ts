import type { ServiceRequest } from '@medplum/fhirtypes';
import type { ReferralReadService } from '../../domain/referrals/referral-read-service.ts';
import type { ResourceModule } from '../resource-module.ts';
import { searchList } from '../search/list-search.ts';
import { DIRECTORY_TARGETS, patientIncludes } from '../search/search-includes.ts';
import type { SearchParamDefinition } from '../search/search-request.ts';
import { referralOrderToFhir, referralsOf } from './referral-lists.ts';
import { workListSourceOf } from './work-list-source.ts';
import { requiredCodes } from '../required-codes.ts';

const SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { name: 'patient', type: 'reference', documentation: 'the patient (Patient/<id>): their referrals' },
  { name: 'subject', type: 'reference', documentation: 'the same as patient' },
  {
    name: 'requester',
    type: 'reference',
    documentation: 'who sent it; without patient, yourself only (your outbox)',
  },
  {
    name: 'performer',
    type: 'reference',
    documentation: 'the professional or service asked; without patient, yourself only (your inbox)',
  },
  { name: 'status', type: 'token', documentation: 'active, on-hold, completed, revoked' },
  { name: 'authored', type: 'date', documentation: 'when it was sent' },
  { name: '_lastUpdated', type: 'date', documentation: 'when it last changed' },
];

/**
 * ServiceRequest: a referral or télé-expertise request as the order of a closed-loop referral. Read by
 * id through the referral gate (its parties, audited; objections refuse); searched within one
 * patient's referrals (the patient gate) or the caller's own outbox or inbox.
 */
export function serviceRequestModule(reads: ReferralReadService): ResourceModule<ServiceRequest> {
  return {
    type: 'ServiceRequest',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    includes: [
      ...patientIncludes<ServiceRequest>(['patient', 'subject'], (order) => order.subject),
      { param: 'requester', targets: ['Practitioner'], references: (order) => [order.requester] },
      { param: 'performer', targets: DIRECTORY_TARGETS, references: (order) => order.performer ?? [] },
    ],

    async read({ principal, origin }, id) {
      return referralOrderToFhir((await reads.readReferral(principal, id, origin)).referral);
    },

    async search(caller, request) {
      const source = workListSourceOf(caller.principal, request, {
        type: 'ServiceRequest',
        patient: ['patient', 'subject'],
        requester: 'requester',
        owner: 'performer',
      });
      const referrals = await referralsOf(reads, caller, source);
      return searchList(referrals.map(referralOrderToFhir), request, {
        status: {
          type: 'token',
          values: (order) => [order.status],
          codes: requiredCodes('http://hl7.org/fhir/ValueSet/request-status'),
        },
        requester: { type: 'reference', values: (order) => [order.requester?.reference] },
        performer: {
          type: 'reference',
          values: (order) => (order.performer ?? []).map((performer) => performer.reference),
        },
        authored: { type: 'date', values: (order) => [order.authoredOn] },
        _lastUpdated: { type: 'date', values: (order) => [order.meta?.lastUpdated] },
      });
    },
  };
}
