import type { DocumentSummary, LabResult } from '../record/coordination-record.ts';
import type { ReferralActionKind, Referral, ReferralRelation } from './referral.ts';
import type { ReferralStage } from './referral-sla.ts';

/** Where the current stage stands against its deadline (null once the referral is closed). */
export interface ReferralClock {
  readonly stage: ReferralStage;
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly escalateAt: Date;
  /** When the SLA job found the stage overdue; cleared when the stage changes. */
  readonly overdueAt: Date | null;
  readonly escalatedAt: Date | null;
}

/** A referral as stored, with its SLA clock. */
export interface StoredReferral {
  readonly referral: Referral;
  readonly clock: ReferralClock | null;
}

/** A referral with the names around it, as its parties see it. */
export interface ReferralView extends StoredReferral {
  readonly patient: { readonly id: string; readonly name: string; readonly birthDate: string };
  readonly referrerName: string;
  /** The named professional, the service's name, or the specialty in words. */
  readonly targetLabel: string;
  readonly performerName: string | null;
}

export interface ReferralMessageView {
  readonly id: string;
  readonly kind: 'question' | 'answer';
  readonly authorPractitionerId: string;
  readonly authorName: string;
  readonly text: string;
  readonly at: Date;
}

/** One journal event of the referral, for its history. */
export interface ReferralHistoryItem {
  readonly at: Date;
  readonly type: string;
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
}

/** Everything the parties of one referral may see. */
export interface ReferralDetailView extends ReferralView {
  readonly attachedResults: readonly LabResult[];
  readonly attachedDocuments: readonly DocumentSummary[];
  readonly reportDocument: DocumentSummary | null;
  readonly messages: readonly ReferralMessageView[];
  readonly history: readonly ReferralHistoryItem[];
}

/** A referral in a list, with how the viewer relates to it and what they may do now. */
export interface ReferralListItem extends ReferralView {
  readonly relations: readonly ReferralRelation[];
  readonly actions: readonly ReferralActionKind[];
}

/** A page of an inbox or outbox; `nextCursor` is null on the last page. */
export interface ReferralPageView {
  readonly items: readonly ReferralListItem[];
  readonly nextCursor: string | null;
}
