import type { AdtApplyOutcome } from '../adt-inbox/adt-applier.ts';
import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { AdtTraits, LocalPatientId } from '../hl7/adt-event.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import type { MatchCandidate, UncertainReason } from './patient-matching.ts';

/**
 * The matching queue (issue 7): ADT messages whose patient Relais could not name for certain wait
 * here for a human, who links them to one of the candidates or sets them aside. Resolving an item
 * applies the messages held behind it, in arrival order.
 *
 * Who: administrators see every item; a professional sees (and resolves) the items all of whose
 * candidates they coordinate — so nobody compares identities of patients they have no business with.
 */

/** A pending item: the hospital's identity side by side with each candidate's. */
export interface MatchQueueItem {
  readonly id: string;
  readonly facility: string;
  readonly event: string;
  readonly createdAt: Date;
  readonly reason: UncertainReason;
  readonly localIds: readonly LocalPatientId[];
  readonly traits: AdtTraits;
  readonly candidates: readonly MatchCandidate[];
  /** Messages waiting behind the item, its own included. */
  readonly heldMessages: number;
}

export type MatchQueueDecision =
  | { readonly kind: 'linked'; readonly patientId: string; readonly accountId: string }
  | { readonly kind: 'dismissed'; readonly reason: string; readonly accountId: string };

export interface MatchQueueStore {
  /** Pending items, oldest first. */
  pending(limit: number): Promise<MatchQueueItem[]>;
  /** An item's state and candidates, or null. */
  item(id: string): Promise<{ readonly status: string; readonly candidateIds: readonly string[] } | null>;
  /**
   * Records the decision on a still-pending item and applies its held messages, all in one
   * transaction. Errors: `conflict` when someone resolved it first.
   */
  resolve(id: string, decision: MatchQueueDecision, at: Date): Promise<readonly AdtApplyOutcome[]>;
}

/** Port: which of these patients the practitioner coordinates today (care-team role `coordinator`). */
export interface CoordinationFacts {
  coordinatedAmong(
    practitionerId: string,
    patientIds: readonly string[],
    on: Date,
  ): Promise<ReadonlySet<string>>;
}

export const MATCH_QUEUE_PAGE = 100;
const DISMISS_REASON_MAX = 500;

export function createMatchQueueService(deps: {
  store: MatchQueueStore;
  facts: CoordinationFacts;
  audit: AuditTrail;
  clock: Clock;
}) {
  const { store, facts, audit, clock } = deps;

  const professional = (principal: Principal): Extract<Principal, { kind: 'professional' }> => {
    if (principal.kind !== 'professional') {
      throw new DomainError('forbidden', 'the matching queue is for administrators and coordinators');
    }
    return principal;
  };

  /** Whether the professional may see items whose candidates are these patients. */
  const visibility = async (
    principal: Extract<Principal, { kind: 'professional' }>,
    candidates: string[],
  ) => {
    if (principal.roles.includes('admin')) return () => true;
    const coordinated = await facts.coordinatedAmong(principal.practitionerId, candidates, clock());
    return (ids: readonly string[]) => ids.length > 0 && ids.every((id) => coordinated.has(id));
  };

  const resolvable = async (principal: Principal, itemId: string) => {
    const pro = professional(principal);
    const item = isUuid(itemId) ? await store.item(itemId) : null;
    if (item === null) throw new DomainError('not-found', `no matching-queue item ${itemId}`);
    const visible = await visibility(pro, [...item.candidateIds]);
    if (!visible(item.candidateIds)) {
      throw new DomainError('forbidden', 'this item concerns patients you do not coordinate');
    }
    if (item.status !== 'pending') throw new DomainError('conflict', `the item is already ${item.status}`);
    return { pro, item };
  };

  return {
    /** Pending items the principal may resolve; each candidate shown is an audited read. */
    async list(principal: Principal, origin: RequestOrigin): Promise<MatchQueueItem[]> {
      const pro = professional(principal);
      const pending = await store.pending(MATCH_QUEUE_PAGE);
      const visible = await visibility(
        pro,
        pending.flatMap((item) => item.candidates.map((c) => c.patientId)),
      );
      const items = pending.filter((item) => visible(item.candidates.map((c) => c.patientId)));
      const now = clock();
      const shown = [...new Set(items.flatMap((item) => item.candidates.map((c) => c.patientId)))];
      await audit.append(
        shown.map((patientId) =>
          auditEntryFor(pro, patientId, { action: 'read', resource: 'adt-match-queue' }, origin, now, {
            outcome: 'allowed',
            reason: 'matching queue: candidate shown',
            role: pro.roles.includes('admin') ? 'admin' : 'coordinator',
          }),
        ),
      );
      return items;
    },

    /** Links the item's hospital patient to one of its candidates. Errors: not-found, forbidden, invalid-input, conflict. */
    async link(
      principal: Principal,
      itemId: string,
      patientId: string,
      origin: RequestOrigin,
    ): Promise<readonly AdtApplyOutcome[]> {
      const { pro, item } = await resolvable(principal, itemId);
      if (!item.candidateIds.includes(patientId)) {
        throw new DomainError('invalid-input', 'the patient is not one of the item’s candidates');
      }
      const now = clock();
      // Linking ties a hospital's messages to a patient's record: an access to that patient's data.
      await audit.append([
        auditEntryFor(pro, patientId, { action: 'write', resource: 'hospital-id' }, origin, now, {
          outcome: 'allowed',
          reason: 'matching queue: linked by a human',
          role: pro.roles.includes('admin') ? 'admin' : 'coordinator',
        }),
      ]);
      return store.resolve(itemId, { kind: 'linked', patientId, accountId: pro.accountId }, now);
    },

    /** Sets the item aside: its messages concern no Relais patient. Errors: not-found, forbidden, invalid-input, conflict. */
    async dismiss(
      principal: Principal,
      itemId: string,
      reason: string,
      origin: RequestOrigin,
    ): Promise<readonly AdtApplyOutcome[]> {
      const trimmed = reason.trim();
      if (trimmed.length === 0 || trimmed.length > DISMISS_REASON_MAX) {
        throw new DomainError('invalid-input', `the reason must be 1 to ${DISMISS_REASON_MAX} characters`);
      }
      const { pro } = await resolvable(principal, itemId);
      const now = clock();
      await audit.append([
        auditEntryFor(pro, null, { action: 'write', resource: 'adt-match-queue' }, origin, now, {
          outcome: 'allowed',
          reason: 'matching queue: set aside',
          role: pro.roles.includes('admin') ? 'admin' : 'coordinator',
        }),
      ]);
      return store.resolve(itemId, { kind: 'dismissed', reason: trimmed, accountId: pro.accountId }, now);
    },
  };
}

export type MatchQueueService = ReturnType<typeof createMatchQueueService>;
