import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { DocumentSummary, LabResult } from '../record/coordination-record.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import { findRepeatedExams, type ExamValidity, type RepeatedExam } from './exam-repeat.ts';
import {
  encodeInboxCursor,
  encodeOutboxCursor,
  type InboxCursor,
  type OutboxCursor,
} from './referral-cursor.ts';
import { requireReferralProfessional, type ReferralGate } from './referral-gate.ts';
import { referralRelationsOf, type ReferralViewer } from './referral-policy.ts';
import type {
  OutboxState,
  ReferralFactsSource,
  ReferralReader,
  ReferralRecordSource,
} from './referral-ports.ts';
import { allowedReferralActions, LIMITS } from './referral.ts';
import type {
  ReferralDetailView,
  ReferralHistoryItem,
  ReferralListItem,
  ReferralPageView,
  ReferralView,
} from './referral-views.ts';

/** What the referral form proposes: recent results and documents, the liaison letter's lines, the exams. */
export interface ReferralDraftView {
  readonly recentResults: readonly LabResult[];
  readonly recentDocuments: readonly DocumentSummary[];
  readonly liaisonLetter: { readonly treatments: readonly string[]; readonly allergies: readonly string[] };
  readonly exams: readonly ExamValidity[];
}

/** Journal events the patient does not need to see: the SLA's internal alarms. */
const STAFF_ONLY_EVENTS: readonly string[] = ['referral.overdue', 'referral.escalated'];
/** The form proposes results of the last 12 months, and at most this many results and documents. */
const DRAFT_MONTHS = 12;
const DRAFT_ITEMS = 20;
const LOINC = /^\d{1,7}-\d$/;

/** Reading referrals: one referral, inbox, outbox, a patient's list, the portal, and the form's helpers. */
export function createReferralReadService(deps: {
  access: PatientAccess;
  gate: ReferralGate;
  audit: AuditTrail;
  facts: ReferralFactsSource;
  reader: ReferralReader;
  record: ReferralRecordSource;
  examValidity: readonly ExamValidity[];
  clock: Clock;
}) {
  const { access, gate, audit, facts, reader, record, examValidity, clock } = deps;

  /** Lists a page of rows; each patient listed is audited like a search hit (the worklist does the same). */
  const listed = async (
    principal: Principal,
    views: readonly ReferralView[],
    resource: string,
    origin: RequestOrigin,
    at: Date,
  ): Promise<void> => {
    const patients = [...new Set(views.map((view) => view.referral.patientId))];
    const allowed = { outcome: 'allowed', reason: `${resource} row`, role: null } as const;
    await audit.append(
      patients.map((patientId) =>
        auditEntryFor(principal, patientId, { action: 'search', resource }, origin, at, allowed),
      ),
    );
  };

  /** One referral with everything its parties may see. Errors: `forbidden`, `not-found`. */
  const readReferral = async (
    principal: Principal,
    referralId: string,
    origin: RequestOrigin,
  ): Promise<ReferralDetailView & Pick<ReferralListItem, 'relations' | 'actions'>> => {
    const opened = await gate.open(principal, referralId, 'read', origin);
    const detail = await reader.detail(opened.scope);
    if (detail === undefined) throw new DomainError('not-found', `no referral with id ${referralId}`);
    return {
      ...detail,
      relations: opened.relations,
      actions: allowedReferralActions(detail.referral, opened.relations),
    };
  };

  return {
    readReferral,

    /**
     * A question or answer of a referral, by its id alone, with its referral read as readReferral
     * reads it (the referral gate). Errors: `forbidden`, `not-found` (no such message).
     */
    async readMessage(principal: Principal, messageId: string, origin: RequestOrigin) {
      const referralId = isUuid(messageId) ? await reader.messageReferral(messageId) : undefined;
      if (referralId === undefined)
        throw new DomainError('not-found', `no referral message with id ${messageId}`);
      const detail = await readReferral(principal, referralId, origin);
      const message = detail.messages.find((candidate) => candidate.id === messageId);
      if (message === undefined)
        throw new DomainError('not-found', `no referral message with id ${messageId}`);
      return { detail, message };
    },

    /**
     * An attached or report document of the referral, for its parties even outside the care team.
     * Errors: `forbidden`, `not-found` (referral, or a document that is not one of the referral's).
     */
    async readDocument(principal: Principal, referralId: string, documentId: string, origin: RequestOrigin) {
      const opened = await gate.open(principal, referralId, 'read', origin, 'referral-document');
      const document = await reader.document(opened.scope, documentId);
      if (document === undefined)
        throw new DomainError('not-found', `no document ${documentId} in this referral`);
      return document;
    },

    /**
     * The open referrals I may take (addressed to me, my service, my specialty) or took, the urgent
     * first, then the longest waiting. Error: `forbidden` (a patient).
     */
    async inbox(
      principal: Principal,
      page: { readonly limit: number; readonly after: InboxCursor | null },
      origin: RequestOrigin,
    ): Promise<ReferralPageView> {
      const professional = requireReferralProfessional(principal);
      const at = clock();
      const viewer = await facts.viewer(professional.practitionerId, null, at);
      const rows = await reader.inbox(viewer, page.after, page.limit);
      const items = rows.slice(0, page.limit);
      await listed(principal, items, 'referral-inbox', origin, at);
      const last = items.at(-1);
      return {
        items: items.map((view) => listItem(view, viewer)),
        nextCursor:
          rows.length > page.limit && last !== undefined && last.clock !== null
            ? encodeInboxCursor({
                urgencyRank: URGENCY_RANK[last.referral.urgency],
                stageStartedAt: last.clock.startedAt,
                id: last.referral.id,
              })
            : null,
      };
    },

    /** The referrals I sent, most recently changed first. Error: `forbidden` (a patient). */
    async outbox(
      principal: Principal,
      page: { readonly state: OutboxState; readonly limit: number; readonly after: OutboxCursor | null },
      origin: RequestOrigin,
    ): Promise<ReferralPageView> {
      const professional = requireReferralProfessional(principal);
      const at = clock();
      const viewer = await facts.viewer(professional.practitionerId, null, at);
      const rows = await reader.outbox(professional.practitionerId, page.state, page.after, page.limit);
      const items = rows.slice(0, page.limit);
      await listed(principal, items, 'referral-outbox', origin, at);
      const last = items.at(-1);
      return {
        items: items.map((view) => listItem(view, viewer)),
        nextCursor:
          rows.length > page.limit && last !== undefined
            ? encodeOutboxCursor({ updatedAt: last.referral.updatedAt, id: last.referral.id })
            : null,
      };
    },

    /** The patient's referrals, for the care team. Errors: `forbidden`, `not-found` (patient). */
    async patientReferrals(
      principal: Principal,
      patientId: string,
      origin: RequestOrigin,
    ): Promise<ReferralListItem[]> {
      const professional = requireReferralProfessional(principal);
      const scope = await access.open(
        principal,
        patientId,
        { action: 'read', resource: 'referrals' },
        origin,
      );
      const [viewer, views] = await Promise.all([
        facts.viewer(professional.practitionerId, patientId, clock()),
        reader.patientReferrals(scope),
      ]);
      return views.map((view) => listItem(view, viewer));
    },

    /** The signed-in patient's own referrals and what happened to each. Error: `forbidden` (not a patient). */
    async portalReferrals(
      principal: Principal,
      origin: RequestOrigin,
    ): Promise<{ view: ReferralView; history: readonly ReferralHistoryItem[] }[]> {
      if (principal.kind !== 'patient') throw new DomainError('forbidden', 'the portal is for patients');
      const purpose = { action: 'read', resource: 'portal-referrals' } as const;
      const scope = await access.open(principal, principal.patientId, purpose, origin);
      const [views, histories] = await Promise.all([
        reader.patientReferrals(scope),
        reader.patientHistories(scope),
      ]);
      return views.map((view) => ({
        view,
        history: (histories.get(view.referral.id) ?? []).filter(
          (item) => !STAFF_ONLY_EVENTS.includes(item.type),
        ),
      }));
    },

    /**
     * Which of these exams repeat a result still within its validity window (the duplicate-test
     * warning). Errors: `invalid-input` (not LOINC codes), `forbidden`, `not-found` (patient).
     */
    async examCheck(
      principal: Principal,
      patientId: string,
      codes: readonly string[],
      origin: RequestOrigin,
    ): Promise<(RepeatedExam & { readonly lab: LabResult })[]> {
      const wrong = codes.filter((code) => !LOINC.test(code));
      if (wrong.length > 0) throw new DomainError('invalid-input', `not LOINC codes: ${wrong.join(', ')}`);
      if (codes.length > LIMITS.exams)
        throw new DomainError('invalid-input', `more than ${LIMITS.exams} exams`);
      const scope = await access.open(principal, patientId, { action: 'read', resource: 'results' }, origin);
      const windows = examValidity.filter((exam) => exam.codes.some((code) => codes.includes(code)));
      if (windows.length === 0) return [];
      const prior = await record.priorResults(scope, [...new Set(windows.flatMap((w) => w.codes))]);
      const labOf = new Map(prior.map((result) => [result.id, result.lab]));
      return findRepeatedExams(codes, prior, windows, clock()).flatMap((repeat) => {
        const lab = labOf.get(repeat.result.id);
        return lab === undefined ? [] : [{ ...repeat, lab }];
      });
    },

    /** What the referral form proposes for this patient. Errors: `forbidden`, `not-found` (patient). */
    async draft(principal: Principal, patientId: string, origin: RequestOrigin): Promise<ReferralDraftView> {
      requireReferralProfessional(principal);
      const purpose = { action: 'read', resource: 'referral-draft' } as const;
      const scope = await access.open(principal, patientId, purpose, origin);
      const since = new Date(clock());
      since.setUTCMonth(since.getUTCMonth() - DRAFT_MONTHS);
      const [recent, liaison] = await Promise.all([
        record.recent(scope, since, DRAFT_ITEMS),
        record.liaisonLines(scope),
      ]);
      return {
        recentResults: recent.results,
        recentDocuments: recent.documents,
        liaisonLetter: liaison,
        exams: examValidity,
      };
    },
  };
}

export type ReferralReadService = ReturnType<typeof createReferralReadService>;

/** Stored with each referral (referrals.urgency_rank): urgent first. */
const URGENCY_RANK = { urgent: 0, soon: 1, routine: 2 } as const;

function listItem(view: ReferralView, viewer: ReferralViewer): ReferralListItem {
  const relations = referralRelationsOf(view.referral, viewer);
  return { ...view, relations, actions: allowedReferralActions(view.referral, relations) };
}
