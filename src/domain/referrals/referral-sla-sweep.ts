import { coordinatingRole } from '../care-team/coordinating-role.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import type { SystemTaskCommand, TaskPriority } from '../tasks/task.ts';
import { referralClockEvent } from './referral-events.ts';
import type { ReferralClockStore } from './referral-ports.ts';
import { overdueAssignee, type ReferralStage } from './referral-sla.ts';
import type { ReferralUrgency } from './referral.ts';
import type { ReferralClock, ReferralView } from './referral-views.ts';

/** How many referrals one statement marks; a sweep goes on until a batch comes back short. */
const BATCH = 500;
const DAY_MS = 86_400_000;

const PRIORITY: Readonly<Record<ReferralUrgency, TaskPriority>> = {
  urgent: 'urgent',
  soon: 'high',
  routine: 'normal',
};

/** What each stage waits for, in the words of a worklist title. */
const WAITING: Readonly<Record<ReferralStage, string>> = {
  accept: "en attente d'acceptation",
  answer: 'en attente de votre réponse à une question',
  schedule: 'accepté, en attente de rendez-vous',
  report: 'en attente de compte rendu',
  acknowledge: 'en attente de votre lecture du compte rendu',
};

/**
 * The SLA job's work: open referrals whose stage went past its deadline are marked overdue and give a
 * task to whoever must act; those still overdue at their escalation date give a task to the patient's
 * coordinator. The tasks are created first, keyed by referral and stage start, then the referral is
 * marked: a crash in between only makes the next run find the referral again, and create nothing twice.
 */
export function createReferralSlaSweep(deps: {
  store: ReferralClockStore;
  createTasks: (commands: readonly SystemTaskCommand[]) => Promise<unknown>;
  clock: Clock;
  newId: NewId;
}) {
  const { store, createTasks, clock, newId } = deps;

  const round = async (kind: 'overdue' | 'escalated', now: Date): Promise<number> => {
    const views =
      kind === 'overdue' ? await store.dueForOverdue(now, BATCH) : await store.dueForEscalation(now, BATCH);
    const due = views.flatMap((view) => (view.clock === null ? [] : [{ view, clock: view.clock }]));
    if (due.length === 0) return 0;
    const coordinated =
      kind === 'escalated'
        ? await store.withCoordinator([...new Set(due.map(({ view }) => view.referral.patientId))], now)
        : new Set<string>();
    await createTasks(
      due.map(({ view, clock: stageClock }) =>
        taskOf(kind, view, stageClock, now, coordinated.has(view.referral.patientId)),
      ),
    );
    const type = kind === 'overdue' ? 'referral.overdue' : 'referral.escalated';
    const marks = due.map(({ view, clock: stageClock }) => ({
      view,
      event: referralClockEvent(type, view.referral, stageClock.stage, stageClock.dueAt, {
        at: now,
        actorAccountId: null,
        actorName: null,
        targetLabel: view.targetLabel,
        performerName: view.performerName,
        newId,
      }),
    }));
    await store.mark(kind, marks, now);
    return views.length;
  };

  return {
    /** One sweep over the open referrals; returns how many were found overdue and escalated. */
    async sweep(): Promise<{ overdue: number; escalated: number }> {
      const now = clock();
      const all = async (kind: 'overdue' | 'escalated'): Promise<number> => {
        let total = 0;
        let found: number;
        do {
          found = await round(kind, now);
          total += found;
        } while (found === BATCH);
        return total;
      };
      // Escalation after marking: a referral found overdue late may be due for both in one sweep.
      const overdue = await all('overdue');
      return { overdue, escalated: await all('escalated') };
    },
  };
}

export type ReferralSlaSweep = ReturnType<typeof createReferralSlaSweep>;

function taskOf(
  kind: 'overdue' | 'escalated',
  view: ReferralView,
  clock: ReferralClock,
  now: Date,
  hasCoordinator: boolean,
): SystemTaskCommand {
  const { referral } = view;
  const what = referral.kind === 'tele-expertise' ? 'Télé-expertise' : 'Adressage';
  const days = Math.max(1, Math.floor((now.getTime() - clock.startedAt.getTime()) / DAY_MS));
  const waiting = `${what} ${WAITING[clock.stage]} depuis ${days} jour${days > 1 ? 's' : ''}`;
  const deadline = clock.dueAt.toISOString().slice(0, 10);
  return {
    patientId: referral.patientId,
    title:
      kind === 'overdue' ? waiting : `À relancer : ${waiting.charAt(0).toLowerCase()}${waiting.slice(1)}`,
    details: null,
    assignee:
      kind === 'overdue'
        ? overdueAssignee(referral, clock.stage)
        : { kind: 'care-team-role', role: coordinatingRole(hasCoordinator) },
    priority: PRIORITY[referral.urgency],
    dueAt: kind === 'overdue' ? clock.escalateAt : null,
    about: { kind: 'referral', id: referral.id },
    origin: {
      kind: 'referral',
      ref: referral.id,
      explanation:
        kind === 'overdue'
          ? `Délai de l'étape dépassé (échéance du ${deadline}, urgence ${referral.urgency}) : ${view.targetLabel}`
          : `Toujours en retard à la date d'escalade (échéance du ${deadline}) : la coordination est sollicitée`,
    },
    idempotencyKey: `referral-${kind}:${referral.id}:${clock.startedAt.toISOString()}`,
  };
}
