import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { CreateSystemTasks } from '../rules/rule-tasks.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { shorten } from '../shared/shorten.ts';
import { localDateOf } from '../shared/wall-clock.ts';
import { LIMITS, type SystemTaskCommand } from '../tasks/task.ts';
import type { PathwayCatalog } from './pathway-catalog.ts';
import type { Enrolment } from './pathway-enrolment.ts';
import {
  enrolledEvent,
  ruptureEvent,
  stepCompletedEvent,
  stepDueEvent,
  type PathwayEventContext,
} from './pathway-events.ts';
import type { EvidenceSource, PathwayProgressStore } from './pathway-ports.ts';
import {
  dueTransitions,
  firstOccurrences,
  matchEvidence,
  occurrencesForEvent,
  stepsTakingEvidence,
  type PlanContext,
} from './pathway-progress.ts';
import { stepOf, type PathwayStep, type PathwayTemplate } from './pathway-template.ts';
import { whyListed } from './pathway-worklist.ts';
import type { StepOccurrence } from './step-occurrence.ts';

/** The journal events that may carry evidence; the evidence source reads what each one points at. */
export const EVIDENCE_EVENTS: readonly string[] = [
  'result.recorded',
  'document.added',
  'appointment.booked',
  'task.completed',
  'questionnaire.completed',
];

/**
 * The system side of pathways, driven by the journal and the clock: enrolment by rule, steps started
 * by events, completion by evidence, and the due scan that raises ruptures as tasks. Every write is
 * keyed (enrolment per patient and template, occurrence per cause, task per occurrence), so a batch
 * handed over again after a crash changes nothing twice.
 */
export function createPathwayProgress(deps: {
  catalog: PathwayCatalog;
  store: PathwayProgressStore;
  evidence: EvidenceSource;
  createSystemTasks: CreateSystemTasks;
  clock: Clock;
  newId: NewId;
  timeZone: string;
}) {
  const { catalog, store, clock, newId, timeZone } = deps;
  const plan: PlanContext = { timeZone, newId };
  const templateOf = (e: { templateId: string; templateVersion: number }) =>
    catalog.version(e.templateId, e.templateVersion);
  const system = (at: Date): PathwayEventContext => ({ at, actorAccountId: null, newId });
  const triggerTypes = () =>
    new Set(
      catalog
        .latest()
        .flatMap((t) => t.steps.flatMap((s) => (s.trigger.kind === 'event' ? [s.trigger.eventType] : []))),
    );

  /** Enrolments asked for by rules (`rule.fired` events naming templates), from the trigger's time. */
  const enrolmentsByRule = (events: readonly DomainEvent[]) =>
    events.flatMap((event) => {
      const templates = String(event.payload['enrolIn'] ?? '');
      if (event.type !== 'rule.fired' || event.patientId === null || templates === '') return [];
      const startAt = new Date(String(event.payload['triggerAt'] ?? event.occurredAt.toISOString()));
      return templates.split(',').flatMap((templateId) => {
        const template = catalog.latestOf(templateId);
        if (template === undefined || event.patientId === null) return [];
        const enrolment: Enrolment = {
          id: newId(),
          patientId: event.patientId,
          templateId,
          templateVersion: template.version,
          status: 'active',
          startedOn: localDateOf(startAt, timeZone),
          startAt,
          origin: {
            kind: 'rule',
            ref: `${String(event.payload['ruleSetId'])}/${String(event.payload['ruleId'])}`,
          },
          pausedAt: null,
          endedAt: null,
          endReason: null,
          version: 1,
        };
        return [
          {
            enrolment,
            occurrences: firstOccurrences(template, enrolment, plan),
            event: enrolledEvent(enrolment, template, system(clock())),
          },
        ];
      });
    });

  /** The rupture task, or the step's own task for steps only a professional can attest. */
  const taskFor = (
    occurrence: StepOccurrence,
    template: PathwayTemplate,
    step: PathwayStep,
    held: ReadonlySet<CareTeamRole>,
    kind: 'rupture' | 'step',
    now: Date,
  ): SystemTaskCommand => {
    const role: CareTeamRole = held.has(step.role)
      ? step.role
      : held.has('coordinator') || !held.has('medecin_traitant')
        ? 'coordinator'
        : 'medecin_traitant';
    const title =
      kind === 'rupture' ? `Parcours en rupture : ${step.label.fr}` : `Parcours : ${step.label.fr}`;
    return {
      patientId: occurrence.patientId,
      title: shorten(title, LIMITS.title),
      details: `${template.title.fr}${role === step.role ? '' : ` — rôle « ${step.role} » vacant dans l'équipe de soins`}`,
      assignee: { kind: 'care-team-role', role },
      priority: kind === 'rupture' ? 'high' : 'normal',
      dueAt: kind === 'rupture' ? now : occurrence.lateAt,
      about: { kind: 'pathway-step', id: occurrence.id },
      origin: {
        kind: 'pathway',
        ref: `${template.id}/${step.id}`,
        explanation: shorten(whyListed(step, occurrence, now, timeZone).fr, LIMITS.explanation),
      },
      idempotencyKey: `pathway-${kind}:${occurrence.id}`,
    };
  };

  return {
    /** Handles a batch of journal events; resolves once its effects are durable. */
    async handleEvents(events: readonly DomainEvent[]): Promise<void> {
      const byRule = enrolmentsByRule(events);
      if (byRule.length > 0) await store.applyProgress({ enrolments: byRule, completions: [], created: [] });
      const triggers = triggerTypes();
      const triggering = events.filter((e) => e.patientId !== null && triggers.has(e.type));
      const evidenceEvents = events.filter((e) => e.patientId !== null && EVIDENCE_EVENTS.includes(e.type));
      if (triggering.length === 0 && evidenceEvents.length === 0) return;
      const patients = [...new Set([...triggering, ...evidenceEvents].map((e) => e.patientId ?? ''))];
      const [enrolments, evidence] = await Promise.all([
        store.activeEnrolments(patients),
        deps.evidence.load(evidenceEvents),
      ]);
      // Only the open occurrences some of the evidence could complete, of the patients it is about.
      const steps = stepsTakingEvidence(
        [...new Set(enrolments.flatMap((enrolment) => templateOf(enrolment) ?? []))],
        evidence,
      );
      const open =
        steps.length === 0
          ? []
          : await store.openOccurrences([...new Set(evidence.map((e) => e.patientId))], steps);
      const created = triggering.flatMap((event) =>
        enrolments
          .filter((e) => e.patientId === event.patientId)
          .flatMap((enrolment) => {
            const template = templateOf(enrolment);
            return template === undefined ? [] : occurrencesForEvent(template, enrolment, event, plan);
          }),
      );
      const completions = matchEvidence(
        { templateOf, enrolments, open: [...open, ...created], evidence },
        plan,
      );
      if (created.length === 0 && completions.length === 0) return;
      const at = clock();
      await store.applyProgress({
        enrolments: [],
        completions: completions.map((c) => ({
          occurrence: c.occurrence,
          event: stepCompletedEvent(c.occurrence, c.step, c.next, system(at)),
        })),
        created: [...created, ...completions.flatMap((c) => c.next)],
      });
    },

    /**
     * Moves open occurrences on at the clock's time, at most `limit`: due ones get an event (and a
     * task when only a professional can attest the step), ruptures a task for the step's role in the
     * care team, or the coordinator when it is vacant. Returns how many it moved on.
     */
    async runDueScan(limit: number): Promise<number> {
      const now = clock();
      const candidates = await store.dueForTransition(now, limit);
      const transitions = dueTransitions(candidates, now).flatMap((t) => {
        const template = templateOf(t.occurrence);
        const step = template === undefined ? undefined : stepOf(template, t.occurrence.stepId);
        return template === undefined || step === undefined ? [] : [{ ...t, template, step }];
      });
      if (transitions.length === 0) return 0;
      const held = await store.heldRoles([...new Set(transitions.map((t) => t.occurrence.patientId))], now);
      const attested = (step: PathwayStep) => step.evidence.some((m) => m.kind === 'task');
      const tasks = transitions.flatMap(({ occurrence, to, template, step }) => {
        const roles = held.get(occurrence.patientId) ?? new Set<CareTeamRole>();
        if (to === 'rupture' && !attested(step))
          return [taskFor(occurrence, template, step, roles, 'rupture', now)];
        if (attested(step) && (to === 'due' || occurrence.status === 'scheduled'))
          return [taskFor(occurrence, template, step, roles, 'step', now)];
        return [];
      });
      await deps.createSystemTasks(tasks);
      await store.applyTransitions(
        transitions.map(({ occurrence, to, step }) => {
          const assigned = tasks.find((t) => t.about?.id === occurrence.id);
          const role = assigned?.assignee.kind === 'care-team-role' ? assigned.assignee.role : step.role;
          return {
            occurrence,
            to,
            event:
              to === 'due'
                ? stepDueEvent(occurrence, step, system(now))
                : ruptureEvent(occurrence, step, role, system(now)),
          };
        }),
      );
      return transitions.length;
    },
  };
}

export type PathwayProgress = ReturnType<typeof createPathwayProgress>;
