import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { coordinatingRole } from '../care-team/coordinating-role.ts';
import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { PathwayCatalog } from '../pathways/pathway-catalog.ts';
import type { CreateSystemTasks } from '../rules/rule-tasks.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { shorten } from '../shared/shorten.ts';
import { localDateOf } from '../shared/wall-clock.ts';
import { LIMITS, type SystemTaskCommand } from '../tasks/task.ts';
import {
  cancelTransition,
  closesWith,
  completeItem,
  isOpenItem,
  itemsFallingLate,
  type ItemCompletion,
  type ItemKind,
  type Responsible,
  type TransitionItem,
} from './transition.ts';
import { openChecklist, type EnrolledStep, type TransitionPolicy } from './transition-checklist.ts';
import {
  itemEvent,
  transitionEndedEvent,
  transitionOpenedEvent,
  type TransitionEventContext,
} from './transition-events.ts';
import type { TransitionStore, TransitionWithItems } from './transition-ports.ts';

/** The events the transitions consumer reads. */
export const TRANSITION_EVENTS = [
  'stay.discharged',
  'stay.discharge-cancelled',
  'discharge-letter.received',
  'medication-reconciliation.confirmed',
  'pathway.step-completed',
  'pathway.step-skipped',
] as const satisfies readonly EventType[];
type TransitionEvent = DomainEvent & { readonly type: (typeof TRANSITION_EVENTS)[number] };
const isTransitionEvent = (event: DomainEvent): event is TransitionEvent =>
  (TRANSITION_EVENTS as readonly string[]).includes(event.type);

/** The origin of an item's task: the transition and the item, so completing one item closes its task only. */
export const itemTaskOrigin = (item: Pick<TransitionItem, 'transitionId' | 'id'>) =>
  ({ kind: 'transition', ref: `${item.transitionId}/${item.id}` }) as const;

/** What the task of a late item says, in French like the other system tasks. */
const LATE_TASK: Readonly<Record<ItemKind, { title: string; why: string }>> = {
  'discharge-letter': {
    title: 'Lettre de liaison de sortie non reçue',
    why: 'La lettre de liaison est due le jour de la sortie (CSP R1112-1-2) : la demander à l’établissement.',
  },
  'follow-up-visit': { title: 'Consultation de suivi après la sortie non faite', why: '' },
  'medication-reconciliation': {
    title: 'Conciliation médicamenteuse de sortie à confirmer',
    why: 'Traitement d’avant l’hospitalisation et ordonnance de sortie à rapprocher (délai par défaut, configurable).',
  },
  'home-nursing': {
    title: 'Soins infirmiers à domicile à organiser',
    why: 'Prévus à la sortie et pas encore organisés.',
  },
  equipment: { title: 'Matériel à domicile à organiser', why: 'Prévu à la sortie et pas encore organisé.' },
};

/** Who a late item's task goes to: its role, or whoever coordinates when the role is vacant. */
export function lateItemRole(responsible: Responsible, held: ReadonlySet<CareTeamRole>): CareTeamRole {
  if (responsible !== 'coordination' && held.has(responsible)) return responsible;
  return coordinatingRole(held.has('coordinator'));
}

/**
 * The system side of transitions, driven by the journal and the clock: a discharge opens the
 * transition and its checklist, the letter, the reconciliation and the pathway's visit complete their
 * items, a cancelled discharge cancels it, and the scan marks items late and raises their tasks.
 * Every write is keyed (a transition per discharge event, a task per item) and checks the
 * transition's version, so a batch handed over again after a crash changes nothing twice.
 */
export function createTransitionProgress(deps: {
  store: TransitionStore;
  catalog: PathwayCatalog;
  createSystemTasks: CreateSystemTasks;
  completeSystemTasks: (
    origin: ReturnType<typeof itemTaskOrigin>,
    by: { accountId: string; practitionerId: string; name: string } | null,
  ) => Promise<number>;
  cancelSystemTasks: (origin: ReturnType<typeof itemTaskOrigin>, reason: string) => Promise<number>;
  clock: Clock;
  newId: NewId;
  timeZone: string;
  policy: TransitionPolicy;
}) {
  const { store, catalog, clock, newId, timeZone } = deps;
  const context = (actorAccountId: string | null): TransitionEventContext => ({
    at: clock(),
    actorAccountId,
    newId,
  });

  const open = async (event: DomainEvent, patientId: string) => {
    const stayId = String(event.payload['stayId']);
    const dischargedAt = new Date(String(event.payload['dischargedAt'] ?? event.occurredAt.toISOString()));
    const enrolments = await store.activeEnrolments([patientId]);
    // As the pathways do: a discharge before the enrolment started starts none of its steps.
    const steps: EnrolledStep[] = enrolments
      .filter((enrolment) => enrolment.startAt <= event.occurredAt)
      .flatMap((enrolment) => {
        const template = catalog.version(enrolment.templateId, enrolment.templateVersion);
        return (template?.steps ?? []).map((step) => ({ templateId: enrolment.templateId, step }));
      });
    const at = clock();
    const { transition, items } = openChecklist(
      { id: stayId, patientId, dischargedAt },
      { dischargeEventId: event.id, steps, policy: deps.policy, timeZone, at, newId },
    );
    await store.save({
      transition,
      expectedVersion: null,
      items,
      events: [transitionOpenedEvent(transition, items, context(null))],
    });
  };

  /** Completes the first open item of `kind` (and the transition when it was the last), and its task. */
  const complete = async (
    found: TransitionWithItems | null,
    pick: (item: TransitionItem) => boolean,
    completion: Omit<ItemCompletion, 'byName'>,
  ) => {
    const item = found?.items.find((candidate) => pick(candidate) && isOpenItem(candidate));
    if (found === null || item === undefined) return; // none, or already done: a replay
    const by = completion.byAccountId === null ? null : await store.professionalOf(completion.byAccountId);
    const done = completeItem(item, { ...completion, byName: by?.name ?? null });
    const ctx = context(completion.byAccountId);
    const items = found.items.map((candidate) => (candidate.id === done.id ? done : candidate));
    const next = closesWith(found.transition, items, ctx.at);
    const saved = await store.save({
      transition: { ...next, version: found.transition.version + 1 },
      expectedVersion: found.transition.version,
      items: [done],
      events: [
        itemEvent('transition.item-completed', found.transition, done, ctx),
        ...(next.status === 'closed' ? [transitionEndedEvent('transition.closed', next, ctx)] : []),
      ],
    });
    if (!saved) throw new Error('a transition changed while the journal was handled; the batch is retried');
    await deps.completeSystemTasks(
      itemTaskOrigin(done),
      by === null || completion.byAccountId === null ? null : { accountId: completion.byAccountId, ...by },
    );
  };

  const handle = async (event: TransitionEvent) => {
    const patientId = event.patientId;
    if (patientId === null) return;
    const stayId = String(event.payload['stayId'] ?? '');
    const evidenceRef = (key: string) => {
      const value = event.payload[key];
      return value === undefined || value === null ? null : String(value);
    };
    const byEvent = { at: event.occurredAt, byAccountId: event.actorAccountId };
    switch (event.type) {
      case 'stay.discharged':
        return open(event, patientId);
      case 'stay.discharge-cancelled': {
        const found = await store.openOfStay(patientId, stayId);
        if (found === null) return;
        const ctx = context(null);
        const cancelled = cancelTransition(found.transition, ctx.at);
        if (
          !(await store.save({
            transition: { ...cancelled, version: found.transition.version + 1 },
            expectedVersion: found.transition.version,
            items: [],
            events: [transitionEndedEvent('transition.cancelled', cancelled, ctx)],
          }))
        )
          throw new Error('a transition changed while the journal was handled; the batch is retried');
        for (const item of found.items.filter((i) => i.taskId !== null))
          await deps.cancelSystemTasks(itemTaskOrigin(item), 'Sortie annulée par l’hôpital');
        return;
      }
      case 'discharge-letter.received':
        return complete(await store.openOfStay(patientId, stayId), (i) => i.kind === 'discharge-letter', {
          ...byEvent,
          status: 'done',
          evidence: 'Lettre de liaison reçue',
          evidenceRef: evidenceRef('letterId'),
        });
      case 'medication-reconciliation.confirmed':
        return complete(
          await store.openOfStay(patientId, stayId),
          (i) => i.kind === 'medication-reconciliation',
          {
            ...byEvent,
            status: 'done',
            evidence: 'Conciliation confirmée',
            evidenceRef: evidenceRef('reconciliationId'),
          },
        );
      case 'pathway.step-completed':
      case 'pathway.step-skipped': {
        // The step done after a discharge (or skipped) settles the visit that discharge's checklist
        // mirrors: an older occurrence of the step may be the one completed, so match by step and time.
        const skipped = event.type === 'pathway.step-skipped';
        const evidenceAt = new Date(String(event.payload['evidenceAt'] ?? event.occurredAt.toISOString()));
        for (const found of await store.openOfPatient(patientId)) {
          if (!skipped && evidenceAt < found.transition.dischargedAt) continue;
          await complete(
            found,
            (i) =>
              i.kind === 'follow-up-visit' &&
              i.pathwayStep?.templateId === event.payload['templateId'] &&
              i.pathwayStep?.stepId === event.payload['stepId'],
            {
              ...byEvent,
              status: skipped ? 'not-needed' : 'done',
              evidence: skipped
                ? 'Étape passée dans le parcours'
                : String(event.payload['evidence'] ?? 'Étape du parcours faite'),
              evidenceRef: evidenceRef('occurrenceId'),
            },
          );
        }
        return;
      }
    }
  };

  /** The task of a late item; none for the pathway's visit, whose rupture task the pathway raises. */
  const lateTask = (
    found: TransitionWithItems,
    item: TransitionItem,
    role: CareTeamRole,
  ): SystemTaskCommand | null => {
    if (item.kind === 'follow-up-visit') return null;
    const text = LATE_TASK[item.kind];
    const day = localDateOf(found.transition.dischargedAt, timeZone);
    return {
      patientId: item.patientId,
      title: text.title,
      details: null,
      assignee: { kind: 'care-team-role', role },
      priority: item.kind === 'discharge-letter' ? 'high' : 'normal',
      dueAt: null,
      about: { kind: 'stay', id: found.transition.stayId },
      origin: {
        ...itemTaskOrigin(item),
        explanation: shorten(`Sortie d’hospitalisation du ${day}. ${text.why}`, LIMITS.explanation),
      },
      idempotencyKey: `transition-late:${item.id}`,
    };
  };

  return {
    /** Handles a batch of journal events in order; resolves once its effects are durable. */
    async handleEvents(events: readonly DomainEvent[]): Promise<void> {
      for (const event of events) if (isTransitionEvent(event)) await handle(event);
    },

    /**
     * Marks the items past due at the clock's time late, at most `limit` transitions' worth, and raises
     * a task for each (the item's role, or whoever coordinates). Returns how many items went late.
     */
    async runScan(limit: number): Promise<number> {
      const now = clock();
      const candidates = await store.fallingLate(now, limit);
      if (candidates.length === 0) return 0;
      const held = await store.heldRoles([...new Set(candidates.map((c) => c.transition.patientId))], now);
      let marked = 0;
      for (const found of candidates) {
        const roles = held.get(found.transition.patientId) ?? new Set<CareTeamRole>();
        const late = itemsFallingLate(found.items, now).map((item) => ({
          item,
          role: lateItemRole(item.responsible, roles),
        }));
        const commands = late.flatMap(({ item, role }) => {
          const task = lateTask(found, item, role);
          return task === null ? [] : [{ itemId: item.id, task }];
        });
        // The tasks first, keyed by item: a crash before the save finds them again on the next scan.
        const created = await deps.createSystemTasks(commands.map((c) => c.task));
        const taskOf = new Map(commands.map((c, i) => [c.itemId, created[i]?.id ?? null]));
        const ctx = context(null);
        const changed = late.map(({ item }) => ({
          ...item,
          status: 'late' as const,
          taskId: taskOf.get(item.id) ?? null,
        }));
        const saved = await store.save({
          transition: { ...found.transition, version: found.transition.version + 1 },
          expectedVersion: found.transition.version,
          items: changed,
          events: changed.map((item, i) =>
            itemEvent('transition.item-late', found.transition, item, ctx, {
              assignedRole: late[i]?.role ?? '',
            }),
          ),
        });
        if (saved) marked += changed.length;
      }
      return marked;
    },
  };
}

export type TransitionProgress = ReturnType<typeof createTransitionProgress>;
