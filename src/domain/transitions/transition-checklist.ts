import { addToLocalDate, type IsoDuration } from '../pathways/iso-duration.ts';
import type { PathwayStep } from '../pathways/pathway-template.ts';
import { windowFrom, type DueRule } from '../pathways/step-window.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import { localDateOf, startOfLocalDay } from '../shared/wall-clock.ts';
import type { Stay } from '../stays/stay.ts';
import { NOTE_MAX, type AddableKind, type Transition, type TransitionItem } from './transition.ts';

/** The deadlines Relais chooses where no text sets one; configurable (RELAIS_RECONCILIATION_DAYS). */
export interface TransitionPolicy {
  /**
   * Days after the discharge day for the GP to confirm the medication reconciliation. A design
   * default (no text sets it; the reference marks it design_default): shown as such in the UI.
   */
  readonly reconciliationDays: number;
}

export const DEFAULT_TRANSITION_POLICY: TransitionPolicy = { reconciliationDays: 7 };

/** A pathway step the patient is enrolled in, as the checklist reads it. */
export interface EnrolledStep {
  readonly templateId: string;
  readonly step: PathwayStep;
}

const days = (count: number): IsoDuration => ({ years: 0, months: 0, days: count, text: `P${count}D` });
const sameDay: DueRule = { earliest: null, target: days(0), latest: days(0) };

/** The roles whose visit counts as the "médecin traitant or specialist" follow-up visit. */
const FOLLOW_UP_ROLES: readonly string[] = ['medecin_traitant', 'specialist'];

/**
 * The follow-up visit a pathway asks for after a discharge: among the active enrolments' steps
 * started by `stay.discharged` and completed by a visit (encounter evidence) with the GP or a
 * specialist, the one due first (the heart-failure pathway's "GP within 7 days"). None without such
 * a pathway: Relais asks for no visit of its own.
 */
export function followUpStepOf(
  steps: readonly EnrolledStep[],
  dischargedAt: Date,
  timeZone: string,
): (EnrolledStep & { readonly dueAt: Date }) | null {
  const candidates = steps
    .filter(
      ({ step }) =>
        step.trigger.kind === 'event' &&
        step.trigger.eventType === 'stay.discharged' &&
        FOLLOW_UP_ROLES.includes(step.role) &&
        step.evidence.some((matcher) => matcher.kind === 'encounter'),
    )
    .map((enrolled) => ({ ...enrolled, dueAt: windowFrom(dischargedAt, enrolled.step.due, timeZone).lateAt }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return candidates[0] ?? null;
}

/**
 * The checklist a discharge opens, each deadline counted on the Paris calendar from the discharge
 * (a day lasts until local midnight, so DST and month ends fall where people expect them):
 * - the lettre de liaison, due by the end of the discharge day: CSP R1112-1-2 (official rule,
 *   reference A16: sent to the médecin traitant "the same day");
 * - the follow-up visit, only where a pathway asks for it, with that step's role and window;
 * - the medication reconciliation by the GP, within the policy's design default.
 * Home nursing and equipment are added by hand when needed.
 */
export function openChecklist(
  stay: Pick<Stay, 'id' | 'patientId' | 'dischargedAt'>,
  context: {
    readonly dischargeEventId: string;
    readonly steps: readonly EnrolledStep[];
    readonly policy: TransitionPolicy;
    readonly timeZone: string;
    readonly at: Date;
    readonly newId: NewId;
  },
): { transition: Transition; items: TransitionItem[] } {
  const { at, newId, timeZone } = context;
  const dischargedAt = stay.dischargedAt ?? at;
  const transition: Transition = {
    id: newId(),
    patientId: stay.patientId,
    stayId: stay.id,
    dischargeEventId: context.dischargeEventId,
    openedAt: at,
    dischargedAt,
    status: 'open',
    closedAt: null,
    version: 1,
  };
  const item = (
    fields: Pick<TransitionItem, 'kind' | 'responsible' | 'dueAt' | 'deadlineSource'> &
      Partial<TransitionItem>,
  ): TransitionItem => ({
    id: newId(),
    patientId: stay.patientId,
    transitionId: transition.id,
    label: null,
    pathwayStep: null,
    note: null,
    status: 'pending',
    completion: null,
    taskId: null,
    createdAt: at,
    ...fields,
  });
  const followUp = followUpStepOf(context.steps, dischargedAt, timeZone);
  const items = [
    item({
      kind: 'discharge-letter',
      responsible: 'coordination',
      dueAt: windowFrom(dischargedAt, sameDay, timeZone).lateAt,
      deadlineSource: 'regulation',
    }),
    ...(followUp === null
      ? []
      : [
          item({
            kind: 'follow-up-visit',
            responsible: followUp.step.role,
            dueAt: followUp.dueAt,
            deadlineSource: 'pathway',
            label: followUp.step.label,
            pathwayStep: { templateId: followUp.templateId, stepId: followUp.step.id },
          }),
        ]),
    item({
      kind: 'medication-reconciliation',
      responsible: 'medecin_traitant',
      dueAt: windowFrom(
        dischargedAt,
        { ...sameDay, latest: days(context.policy.reconciliationDays) },
        timeZone,
      ).lateAt,
      deadlineSource: 'default',
    }),
  ];
  return { transition, items };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Home nursing or equipment a professional adds because the patient needs it: due by the end of
 * `dueOn` (Paris calendar), with a note saying what to arrange; whoever coordinates arranges it.
 * Errors: `invalid-input` (no note, bad date, a day before the discharge), `conflict` (not open).
 */
export function addedItem(
  transition: Transition,
  input: { readonly kind: AddableKind; readonly dueOn: string; readonly note: string },
  context: { readonly timeZone: string; readonly at: Date; readonly newId: NewId },
): TransitionItem {
  if (transition.status !== 'open')
    throw new DomainError('conflict', `the transition is ${transition.status}: nothing can be added`);
  const note = input.note.trim();
  const problems: string[] = [];
  if (note === '') problems.push('note: say what must be arranged');
  if (note.length > NOTE_MAX) problems.push(`note: at most ${NOTE_MAX} characters`);
  const parsed = Date.parse(`${input.dueOn}T00:00:00Z`);
  if (
    !ISO_DATE.test(input.dueOn) ||
    Number.isNaN(parsed) ||
    new Date(parsed).toISOString().slice(0, 10) !== input.dueOn
  )
    problems.push(`dueOn "${input.dueOn}" is not a date (YYYY-MM-DD)`);
  else if (input.dueOn < localDateOf(transition.dischargedAt, context.timeZone))
    problems.push('dueOn is before the discharge day');
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
  return {
    id: context.newId(),
    patientId: transition.patientId,
    transitionId: transition.id,
    kind: input.kind,
    label: null,
    responsible: 'coordination',
    dueAt: startOfLocalDay(addToLocalDate(input.dueOn, days(1)), context.timeZone),
    deadlineSource: 'manual',
    pathwayStep: null,
    note,
    status: 'pending',
    completion: null,
    taskId: null,
    createdAt: context.at,
  };
}
