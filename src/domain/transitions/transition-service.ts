import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { startOfLocalDay } from '../shared/wall-clock.ts';
import { addToLocalDate, type IsoDuration } from '../pathways/iso-duration.ts';
import { closesWith, completeItem, type AddableKind, type TransitionItem } from './transition.ts';
import { addedItem } from './transition-checklist.ts';
import { itemEvent, transitionEndedEvent, type TransitionEventContext } from './transition-events.ts';
import { transitionIndicators, type TransitionIndicators } from './transition-indicators.ts';
import type {
  InpatientRow,
  ItemRow,
  StayWithTransition,
  TransitionReader,
  TransitionStore,
  TransitionWithItems,
  TransitionWorklistReader,
} from './transition-ports.ts';
import { itemTaskOrigin } from './transition-progress.ts';
import { DUE_SOON_MS, inpatientMustAct, itemMustAct, type MustAct } from './transition-worklist.ts';

const ONE_DAY: IsoDuration = { years: 0, months: 0, days: 1, text: 'P1D' };

/** The longest period the indicators are computed over. */
export const MAX_INDICATOR_DAYS = 366;

export interface TransitionWorklist {
  readonly inpatients: readonly (InpatientRow & { readonly mustAct: MustAct })[];
  readonly items: readonly (ItemRow & { readonly mustAct: MustAct })[];
}

/**
 * Stays and transitions for professionals: every patient read and write goes through the access gate;
 * the caseload lists (worklist, indicators) audit each patient they show.
 */
export function createTransitionService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  reader: TransitionReader;
  store: TransitionStore;
  worklistReader: TransitionWorklistReader;
  completeSystemTasks: (
    origin: ReturnType<typeof itemTaskOrigin>,
    by: { accountId: string; practitionerId: string; name: string },
  ) => Promise<number>;
  clock: Clock;
  newId: NewId;
  timeZone: string;
}) {
  const { access, reader, store, clock, newId, timeZone } = deps;
  const professional = (principal: Principal) => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'stays and transitions are followed by the care team');
    return principal;
  };
  const open = (principal: Principal, patientId: string, action: 'read' | 'write', origin: RequestOrigin) =>
    access.open(professional(principal), patientId, { action, resource: 'stay' }, origin);

  /** The open transition of a stay, at the version the caller saw. Errors: `not-found`, `conflict`. */
  const openTransition = async (
    patientId: string,
    stayId: string,
    version: number,
  ): Promise<TransitionWithItems> => {
    const found = await store.openOfStay(patientId, stayId);
    if (found === null)
      throw new DomainError('not-found', `no open transition for stay ${stayId} of this patient`);
    if (found.transition.version !== version)
      throw new DomainError(
        'conflict',
        'someone else changed this transition meanwhile: reload it and try again',
      );
    return found;
  };

  /** Saves one item's change (and the close it brings); `conflict` when someone got there first. */
  const saveItem = async (
    found: TransitionWithItems,
    item: TransitionItem,
    context: TransitionEventContext,
  ) => {
    const type = found.items.some((i) => i.id === item.id)
      ? 'transition.item-completed'
      : 'transition.item-added';
    const items = [...found.items.filter((i) => i.id !== item.id), item];
    const next = closesWith(found.transition, items, context.at);
    const saved = await store.save({
      transition: { ...next, version: found.transition.version + 1 },
      expectedVersion: found.transition.version,
      items: [item],
      events: [
        itemEvent(type, found.transition, item, context),
        ...(next.status === 'closed' ? [transitionEndedEvent('transition.closed', next, context)] : []),
      ],
    });
    if (!saved)
      throw new DomainError(
        'conflict',
        'someone else changed this transition meanwhile: reload it and try again',
      );
  };

  /** Audits each patient a caseload list shows, as a search hit. */
  const auditListed = async (principal: Principal, patientIds: readonly string[], origin: RequestOrigin) => {
    const unique = [...new Set(patientIds)];
    if (unique.length === 0) return;
    const at = clock();
    await deps.audit.append(
      unique.map((patientId) =>
        auditEntryFor(
          principal,
          patientId,
          { action: 'search', resource: 'transition-worklist' },
          origin,
          at,
          {
            outcome: 'allowed',
            reason: 'hospitalisation worklist row within care team',
            role: null,
          },
        ),
      ),
    );
  };

  return {
    /** The territory's time zone, whose calendar the deadlines are counted on (for presenting them). */
    timeZone,

    /** A patient's stays, latest first, each with its transition. Errors: `forbidden`, `not-found`. */
    async staysOf(
      principal: Principal,
      patientId: string,
      origin: RequestOrigin,
    ): Promise<StayWithTransition[]> {
      return reader.staysOf(await open(principal, patientId, 'read', origin));
    },

    /** One stay with its transition and items. Errors: `forbidden`, `not-found` (patient or stay). */
    async stay(
      principal: Principal,
      patientId: string,
      stayId: string,
      origin: RequestOrigin,
    ): Promise<StayWithTransition> {
      const found = await reader.stay(await open(principal, patientId, 'read', origin), stayId);
      if (found === null) throw new DomainError('not-found', `no stay with id ${stayId} for this patient`);
      return found;
    },

    /**
     * Adds home nursing or equipment to a stay's open transition. Returns the item's id. Errors:
     * `invalid-input`, `forbidden`, `not-found`, `conflict` (changed meanwhile, or not open).
     */
    async addItem(
      principal: Principal,
      patientId: string,
      stayId: string,
      input: {
        readonly kind: AddableKind;
        readonly dueOn: string;
        readonly note: string;
        readonly version: number;
      },
      origin: RequestOrigin,
    ): Promise<string> {
      await open(principal, patientId, 'write', origin);
      const found = await openTransition(patientId, stayId, input.version);
      const at = clock();
      const item = addedItem(found.transition, input, { timeZone, at, newId });
      await saveItem(found, item, { at, actorAccountId: principal.accountId, newId });
      return item.id;
    },

    /**
     * Marks an item done or not needed, with a note (needed for "not needed"); the item's task, if it
     * went late, is completed in the caller's name. Errors: `invalid-input`, `forbidden`, `not-found`,
     * `conflict` (changed meanwhile, already closed).
     */
    async markItem(
      principal: Principal,
      patientId: string,
      stayId: string,
      itemId: string,
      input: {
        readonly status: 'done' | 'not-needed';
        readonly note: string | null;
        readonly version: number;
      },
      origin: RequestOrigin,
    ): Promise<void> {
      const { practitionerId } = professional(principal);
      await open(principal, patientId, 'write', origin);
      const found = await openTransition(patientId, stayId, input.version);
      const item = found.items.find((i) => i.id === itemId);
      if (item === undefined) throw new DomainError('not-found', `no item ${itemId} in this transition`);
      const by = await store.professionalOf(principal.accountId);
      const at = clock();
      const done = completeItem(item, {
        status: input.status,
        at,
        byAccountId: principal.accountId,
        byName: by?.name ?? null,
        evidence: input.note,
        evidenceRef: null,
      });
      await saveItem(found, done, { at, actorAccountId: principal.accountId, newId });
      await deps.completeSystemTasks(itemTaskOrigin(done), {
        accountId: principal.accountId,
        practitionerId,
        name: by?.name ?? '',
      });
    },

    /**
     * The hospitalisation worklist over the caseload (patients whose active care team the caller is
     * in): current inpatients, and open transitions' items that are late or due within a day, each
     * with who must act. Every patient listed is audited. Error: `forbidden` (patient).
     */
    async worklist(principal: Principal, origin: RequestOrigin): Promise<TransitionWorklist> {
      const { practitionerId } = professional(principal);
      const now = clock();
      const [inpatients, items] = await Promise.all([
        deps.worklistReader.inpatients(practitionerId, now),
        deps.worklistReader.itemsNeedingAction(practitionerId, new Date(now.getTime() + DUE_SOON_MS), now),
      ]);
      await auditListed(
        principal,
        [...inpatients, ...items].map((row) => row.patientId),
        origin,
      );
      return {
        inpatients: inpatients.map((row) => ({ ...row, mustAct: inpatientMustAct(row) })),
        items: items.map((row) => ({ ...row, mustAct: itemMustAct(row) })),
      };
    },

    /**
     * The indicators over the caseload's discharges from `from` to `to` included (days on the Paris
     * calendar); counts only, no patient shown. Errors: `forbidden` (patient), `invalid-input`
     * (period reversed or longer than a year).
     */
    async indicators(
      principal: Principal,
      period: { readonly from: string; readonly to: string },
    ): Promise<TransitionIndicators> {
      const { practitionerId } = professional(principal);
      const from = startOfLocalDay(period.from, timeZone);
      const to = startOfLocalDay(addToLocalDate(period.to, ONE_DAY), timeZone);
      const days = (to.getTime() - from.getTime()) / 86_400_000;
      if (Number.isNaN(days) || days <= 0 || days > MAX_INDICATOR_DAYS + 1)
        throw new DomainError(
          'invalid-input',
          `from must be on or before to, and the period at most ${MAX_INDICATOR_DAYS} days`,
        );
      const now = clock();
      return transitionIndicators(
        await deps.worklistReader.indicatorFacts(practitionerId, from, to, now),
        now,
      );
    },
  };
}

export type TransitionService = ReturnType<typeof createTransitionService>;
