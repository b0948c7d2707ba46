import type { Insertable, Selectable } from 'kysely';
import type { ReferralDeadline } from '../domain/referrals/referral-sla.ts';
import type { ReferralClock, StoredReferral } from '../domain/referrals/referral-views.ts';
import type {
  LiaisonLetter,
  Referral,
  ReferralStatus,
  ReferralTarget,
  RequestedExam,
} from '../domain/referrals/referral.ts';
import type { ReferralsTable } from './database-schema.ts';

/** The referral columns a read needs (not the generated sort key). */
export const REFERRAL_COLUMNS = [
  'patient_id',
  'id',
  'kind',
  'urgency',
  'status',
  'referrer_practitioner_id',
  'target_kind',
  'target_practitioner_id',
  'target_organization_id',
  'target_specialty',
  'performer_practitioner_id',
  'reason',
  'clinical_question',
  'preferred_place',
  'prefers_teleconsultation',
  'availability',
  'attached_result_ids',
  'attached_document_ids',
  'requested_exams',
  'liaison_letter',
  'appointment_at',
  'appointment_place',
  'appointment_teleconsultation',
  'appointment_instructions',
  'report_text',
  'report_document_id',
  'reported_at',
  'held_from',
  'decline_reason',
  'cancel_reason',
  'created_at',
  'updated_at',
  'closed_at',
  'stage',
  'stage_started_at',
  'due_at',
  'escalate_at',
  'overdue_at',
  'escalated_at',
  'version',
] as const satisfies readonly (keyof ReferralsTable)[];

export type ReferralRow = Pick<Selectable<ReferralsTable>, (typeof REFERRAL_COLUMNS)[number]>;

/** All of a referral's columns, for an insert. */
export function referralRow(referral: Referral, deadline: ReferralDeadline): Insertable<ReferralsTable> {
  return {
    patient_id: referral.patientId,
    id: referral.id,
    kind: referral.kind,
    urgency: referral.urgency,
    referrer_practitioner_id: referral.referrerPractitionerId,
    reason: referral.reason,
    clinical_question: referral.clinicalQuestion,
    preferred_place: referral.preferences.place,
    prefers_teleconsultation: referral.preferences.teleconsultation,
    availability: referral.preferences.availability,
    attached_result_ids: [...referral.attachedResultIds],
    attached_document_ids: [...referral.attachedDocumentIds],
    requested_exams: JSON.stringify(referral.requestedExams),
    liaison_letter: referral.liaisonLetter === null ? null : JSON.stringify(referral.liaisonLetter),
    created_at: referral.createdAt,
    ...referralStateRow(referral, deadline),
  };
}

/** The columns an action may alter, with the clock of the stage it enters (fresh: not overdue). */
export function referralStateRow(referral: Referral, deadline: ReferralDeadline | null) {
  const { target, appointment, report } = referral;
  return {
    status: referral.status,
    target_kind: target.kind,
    target_practitioner_id: target.kind === 'practitioner' ? target.practitionerId : null,
    target_organization_id: target.kind === 'service' ? target.organizationId : null,
    target_specialty: target.kind === 'specialty' ? target.specialty : null,
    performer_practitioner_id: referral.performerPractitionerId,
    appointment_at: appointment?.at ?? null,
    appointment_place: appointment?.place ?? null,
    appointment_teleconsultation: appointment?.teleconsultation ?? null,
    appointment_instructions: appointment?.instructions ?? null,
    report_text: report?.text ?? null,
    report_document_id: report?.documentId ?? null,
    reported_at: report?.at ?? null,
    held_from: referral.heldFrom,
    decline_reason: referral.declineReason,
    cancel_reason: referral.cancelReason,
    updated_at: referral.updatedAt,
    closed_at: referral.closedAt,
    stage: deadline?.stage ?? null,
    stage_started_at: deadline?.startedAt ?? null,
    due_at: deadline?.dueAt ?? null,
    escalate_at: deadline?.escalateAt ?? null,
    overdue_at: null,
    escalated_at: null,
  };
}

export function storedReferralOf(row: ReferralRow): StoredReferral {
  return { referral: referralOf(row), clock: clockOf(row) };
}

function referralOf(row: ReferralRow): Referral {
  return {
    id: row.id,
    patientId: row.patient_id,
    kind: row.kind,
    urgency: row.urgency,
    status: row.status,
    referrerPractitionerId: row.referrer_practitioner_id,
    target: targetOf(row),
    performerPractitionerId: row.performer_practitioner_id,
    reason: row.reason,
    clinicalQuestion: row.clinical_question,
    preferences: {
      place: row.preferred_place,
      teleconsultation: row.prefers_teleconsultation,
      availability: row.availability,
    },
    attachedResultIds: row.attached_result_ids,
    attachedDocumentIds: row.attached_document_ids,
    requestedExams: row.requested_exams as RequestedExam[],
    liaisonLetter: row.liaison_letter as LiaisonLetter | null,
    appointment:
      row.appointment_at === null
        ? null
        : {
            at: row.appointment_at,
            place: row.appointment_place,
            teleconsultation: row.appointment_teleconsultation ?? false,
            instructions: row.appointment_instructions,
          },
    report:
      row.reported_at === null
        ? null
        : { text: row.report_text, documentId: row.report_document_id, at: row.reported_at },
    heldFrom: row.held_from as ReferralStatus | null,
    declineReason: row.decline_reason,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    version: row.version,
  };
}

function clockOf(row: ReferralRow): ReferralClock | null {
  const { stage, stage_started_at, due_at, escalate_at } = row;
  if (stage === null || stage_started_at === null || due_at === null || escalate_at === null) return null;
  return {
    stage,
    startedAt: stage_started_at,
    dueAt: due_at,
    escalateAt: escalate_at,
    overdueAt: row.overdue_at,
    escalatedAt: row.escalated_at,
  };
}

// The table's check constraint (referrals_target_shape) guarantees the column matching the kind is set.
function targetOf(row: ReferralRow): ReferralTarget {
  if (row.target_kind === 'practitioner' && row.target_practitioner_id !== null)
    return { kind: 'practitioner', practitionerId: row.target_practitioner_id };
  if (row.target_kind === 'service' && row.target_organization_id !== null)
    return { kind: 'service', organizationId: row.target_organization_id };
  if (row.target_specialty !== null) return { kind: 'specialty', specialty: row.target_specialty };
  throw new Error(`referral ${row.id} has a target the schema should have refused`);
}
