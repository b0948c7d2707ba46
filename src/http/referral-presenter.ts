import type {
  ExamCheckResult,
  PortalReferralList,
  ReferralDetail,
  ReferralDraft,
  ReferralSummary,
  ServiceSla,
} from '../contracts/referral-contracts.ts';
import type { LabResult } from '../domain/record/coordination-record.ts';
import type { ExamValidity, RepeatedExam } from '../domain/referrals/exam-repeat.ts';
import type { ReferralDraftView } from '../domain/referrals/referral-read-service.ts';
import type { ReferralStage } from '../domain/referrals/referral-sla.ts';
import type { ServiceSlaEntry } from '../domain/referrals/referral-sla-settings.ts';
import type {
  ReferralClock,
  ReferralDetailView,
  ReferralHistoryItem,
  ReferralListItem,
  ReferralView,
} from '../domain/referrals/referral-views.ts';

type Locale = 'fr' | 'en';

/** Who the current stage waits on (the performer acts for the target once they took it). */
const WAITING_ON: Readonly<Record<ReferralStage, 'target' | 'performer' | 'referrer'>> = {
  accept: 'target',
  answer: 'referrer',
  schedule: 'performer',
  report: 'performer',
  acknowledge: 'referrer',
};

/** A referral in an inbox, an outbox or a patient's list, as the API shows it. */
export function presentReferralSummary(item: ReferralListItem): ReferralSummary {
  const { referral } = item;
  const { target } = referral;
  return {
    id: referral.id,
    version: referral.version,
    kind: referral.kind,
    urgency: referral.urgency,
    status: referral.status,
    patient: item.patient,
    referrer: { practitionerId: referral.referrerPractitionerId, name: item.referrerName },
    target: {
      kind: target.kind,
      id:
        target.kind === 'practitioner'
          ? target.practitionerId
          : target.kind === 'service'
            ? target.organizationId
            : target.specialty,
      label: item.targetLabel,
    },
    performer:
      referral.performerPractitionerId === null
        ? null
        : { practitionerId: referral.performerPractitionerId, name: item.performerName ?? '' },
    reason: referral.reason,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
    deadline: item.clock === null ? null : presentDeadline(item.clock),
    appointmentAt: referral.appointment?.at.toISOString() ?? null,
    relations: item.relations,
    actions: item.actions,
  };
}

function presentDeadline(clock: ReferralClock): NonNullable<ReferralSummary['deadline']> {
  return {
    stage: clock.stage,
    waitingOn: WAITING_ON[clock.stage],
    since: clock.startedAt.toISOString(),
    dueAt: clock.dueAt.toISOString(),
    overdue: clock.overdueAt !== null,
    escalated: clock.escalatedAt !== null,
  };
}

/** One referral with its attachments, thread and history, as the API shows it. */
export function presentReferralDetail(item: ReferralDetailView & ReferralListItem): ReferralDetail {
  const { referral } = item;
  return {
    ...presentReferralSummary(item),
    clinicalQuestion: referral.clinicalQuestion,
    preferences: referral.preferences,
    attachedResults: item.attachedResults,
    attachedDocuments: item.attachedDocuments,
    requestedExams: referral.requestedExams,
    liaisonLetter: referral.liaisonLetter,
    appointment:
      referral.appointment === null
        ? null
        : { ...referral.appointment, at: referral.appointment.at.toISOString() },
    report:
      referral.report === null
        ? null
        : { text: referral.report.text, document: item.reportDocument, at: referral.report.at.toISOString() },
    declineReason: referral.declineReason,
    cancelReason: referral.cancelReason,
    closedAt: referral.closedAt?.toISOString() ?? null,
    messages: item.messages.map((message) => ({
      id: message.id,
      kind: message.kind,
      author: message.authorName,
      text: message.text,
      at: message.at.toISOString(),
    })),
    history: item.history.map((entry) => ({
      at: entry.at.toISOString(),
      type: entry.type,
      by: textOf(entry.payload['by']),
      note: noteOf(entry),
    })),
  };
}

/** What a history line adds to its type: where it was sent on to, when the appointment is. */
function noteOf(entry: ReferralHistoryItem): string | null {
  switch (entry.type) {
    case 'referral.redirected':
      return textOf(entry.payload['to']);
    case 'referral.scheduled':
      return textOf(entry.payload['appointmentAt']);
    case 'referral.overdue':
    case 'referral.escalated':
      return textOf(entry.payload['stage']);
    default:
      return null;
  }
}

const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The patient's own referrals: facts the portal words in plain language. */
export function presentPortalReferrals(
  items: readonly { view: ReferralView; history: readonly ReferralHistoryItem[] }[],
): PortalReferralList {
  return {
    items: items.map(({ view, history }) => {
      const { referral } = view;
      return {
        id: referral.id,
        kind: referral.kind,
        urgency: referral.urgency,
        status: referral.status,
        reason: referral.reason,
        referrerName: view.referrerName,
        to: view.performerName ?? view.targetLabel,
        sentAt: referral.createdAt.toISOString(),
        appointment:
          referral.appointment === null
            ? null
            : { ...referral.appointment, at: referral.appointment.at.toISOString() },
        reportReturnedAt: referral.report?.at.toISOString() ?? null,
        closedAt: referral.closedAt?.toISOString() ?? null,
        history: history.map((entry) => ({ at: entry.at.toISOString(), type: entry.type })),
      };
    }),
  };
}

function presentExam(exam: ExamValidity, locale: Locale) {
  return {
    id: exam.id,
    label: exam.label[locale],
    validityDays: exam.validityDays,
    officialRule: exam.officialRule,
    source: exam.source,
  };
}

/** The duplicate-test warning, labelled in the caller's language. */
export function presentExamCheck(
  repeats: readonly (RepeatedExam & { readonly lab: LabResult })[],
  locale: Locale,
): ExamCheckResult {
  return {
    repeats: repeats.map((repeat) => ({
      code: repeat.code,
      exam: presentExam(repeat.exam, locale),
      result: repeat.lab,
      validUntil: repeat.validUntil.toISOString(),
    })),
  };
}

/** What the referral form proposes, labelled in the caller's language. */
export function presentReferralDraft(draft: ReferralDraftView, locale: Locale): ReferralDraft {
  return {
    recentResults: draft.recentResults,
    recentDocuments: draft.recentDocuments,
    liaisonLetter: draft.liaisonLetter,
    exams: draft.exams.map((exam) => ({ ...presentExam(exam, locale), code: exam.codes[0] ?? '' })),
  };
}

export function presentServiceSla(organizationId: string, entries: readonly ServiceSlaEntry[]): ServiceSla {
  return { organizationId, entries };
}
