import type { Task, TaskOutput } from '@medplum/fhirtypes';
import { FHIR_REFERRAL_STATUS } from '../../domain/referrals/referral-fhir-status.ts';
import type { Referral } from '../../domain/referrals/referral.ts';
import { reference } from './fhir-mapping.ts';
import { REFERRAL_PRIORITY, targetReference } from './service-request-mapper.ts';

/**
 * The fulfilment of a referral as the Task of a closed-loop referral (BSeR, 360X): status and business
 * status per referral-fhir-status.ts, its ServiceRequest (same id) as focus, who asked, who holds it
 * (the professional who accepted, else the service asked), why it was declined or cancelled, and the
 * report sent back (its words, its document).
 */
export function referralTaskToFhir(referral: Referral): Task {
  const status = FHIR_REFERRAL_STATUS[referral.status];
  const owner =
    referral.performerPractitionerId === null
      ? targetReference(referral.target)
      : reference('Practitioner', referral.performerPractitionerId);
  const statusReason = referral.declineReason ?? referral.cancelReason;
  const output = reportOutputs(referral);
  return {
    resourceType: 'Task',
    id: referral.id,
    basedOn: [reference('ServiceRequest', referral.id)],
    status: status.task,
    ...(status.businessStatus === null ? {} : { businessStatus: { text: status.businessStatus } }),
    ...(statusReason === null ? {} : { statusReason: { text: statusReason } }),
    intent: 'order',
    priority: REFERRAL_PRIORITY[referral.urgency],
    focus: reference('ServiceRequest', referral.id),
    for: reference('Patient', referral.patientId),
    authoredOn: referral.createdAt.toISOString(),
    lastModified: referral.updatedAt.toISOString(),
    requester: reference('Practitioner', referral.referrerPractitionerId),
    ...(owner === undefined ? {} : { owner }),
    ...(output.length === 0 ? {} : { output }),
  };
}

const REPORT = { text: 'Compte rendu' };

function reportOutputs(referral: Referral): TaskOutput[] {
  const { report } = referral;
  if (report === null) return [];
  return [
    ...(report.text === null ? [] : [{ type: REPORT, valueString: report.text }]),
    ...(report.documentId === null
      ? []
      : [{ type: REPORT, valueReference: reference('DocumentReference', report.documentId) }]),
  ];
}
