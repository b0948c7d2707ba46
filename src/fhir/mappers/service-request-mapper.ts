import type { Organization, Practitioner, Reference, ServiceRequest } from '@medplum/fhirtypes';
import { FHIR_REFERRAL_STATUS } from '../../domain/referrals/referral-fhir-status.ts';
import { specialtyLabel } from '../../domain/referrals/referral-specialty-label.ts';
import type {
  Referral,
  ReferralKind,
  ReferralTarget,
  ReferralUrgency,
} from '../../domain/referrals/referral.ts';
import { concept, reference, SYSTEM } from './fhir-mapping.ts';

/** SNOMED CT 3457005 "Patient referral", the category BSeR gives a referral. */
const REFERRAL_CATEGORY = concept(SYSTEM.snomed, '3457005', 'Patient referral');

/** What is asked: a referral (an appointment with the performer) or a télé-expertise (an opinion). */
const KIND_WORDS: Readonly<Record<ReferralKind, string>> = {
  referral: 'Adressage',
  'tele-expertise': 'Télé-expertise',
};

/** The professional or service a referral is addressed to; none for a specialty (a pool of people). */
export function targetReference(target: ReferralTarget): Reference<Practitioner | Organization> | undefined {
  switch (target.kind) {
    case 'practitioner':
      return reference('Practitioner', target.practitionerId);
    case 'service':
      return reference('Organization', target.organizationId);
    case 'specialty':
      return undefined;
  }
}

// "Soon" is the request to act as soon as possible, short of an emergency.
export const REFERRAL_PRIORITY: Readonly<Record<ReferralUrgency, NonNullable<ServiceRequest['priority']>>> = {
  urgent: 'urgent',
  soon: 'asap',
  routine: 'routine',
};

/**
 * A referral or télé-expertise request as the order of a closed-loop referral (HL7 BSeR, IHE 360X):
 * its status per referral-fhir-status.ts, urgency, who asks, who is asked (a professional or a
 * service, else the specialty as the performer type), the reason and the clinical question, the
 * requested exams (LOINC) and the attached results and documents. The Task of the same id tracks it.
 */
export function serviceRequestToFhir(referral: Referral): ServiceRequest {
  const { target } = referral;
  const performer = targetReference(target);
  const exams = referral.requestedExams.map((exam) => concept(SYSTEM.loinc, exam.code, exam.display));
  const supportingInfo = [
    ...referral.attachedResultIds.map((id) => reference('Observation', id)),
    ...referral.attachedDocumentIds.map((id) => reference('DocumentReference', id)),
  ];
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    status: FHIR_REFERRAL_STATUS[referral.status].serviceRequest,
    intent: 'order',
    category: [REFERRAL_CATEGORY],
    code: { text: KIND_WORDS[referral.kind] },
    ...(exams.length === 0 ? {} : { orderDetail: exams }),
    priority: REFERRAL_PRIORITY[referral.urgency],
    subject: reference('Patient', referral.patientId),
    authoredOn: referral.createdAt.toISOString(),
    requester: reference('Practitioner', referral.referrerPractitionerId),
    ...(target.kind === 'specialty' ? { performerType: { text: specialtyLabel(target.specialty) } } : {}),
    ...(performer === undefined ? {} : { performer: [performer] }),
    reasonCode: [{ text: referral.reason }],
    ...(supportingInfo.length === 0 ? {} : { supportingInfo }),
    note: [{ text: referral.clinicalQuestion }],
  };
}
