import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { DomainError } from '../shared/domain-error.ts';

export const TRANSITION_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type TransitionStatus = (typeof TRANSITION_STATUSES)[number];

export const ITEM_KINDS = [
  'discharge-letter',
  'follow-up-visit',
  'medication-reconciliation',
  'home-nursing',
  'equipment',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The items a professional adds when the patient needs them; the others come with the discharge. */
export const ADDABLE_KINDS = ['home-nursing', 'equipment'] as const;
export type AddableKind = (typeof ADDABLE_KINDS)[number];

export const ITEM_STATUSES = ['pending', 'late', 'done', 'not-needed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/**
 * Where an item's deadline comes from, so the screens can tell an official rule from a default:
 * `regulation` (a text of law), `pathway` (the patient's pathway step), `default` (Relais's
 * configurable design default), `manual` (set by whoever added the item).
 */
export const DEADLINE_SOURCES = ['regulation', 'pathway', 'default', 'manual'] as const;
export type DeadlineSource = (typeof DEADLINE_SOURCES)[number];

/**
 * Who must act on an item: a role of the care team, or `coordination` — the coordinator, or the
 * médecin traitant where there is none (care-team/coordinating-role.ts).
 */
export type Responsible = CareTeamRole | 'coordination';

/** After a discharge, what must happen for the patient to be safely back home (one per discharge). */
export interface Transition {
  readonly id: string;
  readonly patientId: string;
  readonly stayId: string;
  /** The `stay.discharged` event that opened it: a replayed event opens nothing twice. */
  readonly dischargeEventId: string;
  readonly openedAt: Date;
  readonly dischargedAt: Date;
  readonly status: TransitionStatus;
  readonly closedAt: Date | null;
  /** Bumped by every change to the transition or one of its items (optimistic concurrency). */
  readonly version: number;
}

/** Who completed an item (a professional, or the system for an event such as a letter received). */
export interface ItemCompletion {
  readonly status: 'done' | 'not-needed';
  readonly at: Date;
  readonly byAccountId: string | null;
  readonly byName: string | null;
  /** What shows it: "lettre reçue", "consultation du …", or the professional's note. */
  readonly evidence: string | null;
  /** The letter, reconciliation or pathway step occurrence that completed it, when one did. */
  readonly evidenceRef: string | null;
}

export interface TransitionItem {
  readonly id: string;
  readonly patientId: string;
  readonly transitionId: string;
  readonly kind: ItemKind;
  /** The pathway step's wording for a follow-up visit; null for the other kinds (the UI names them). */
  readonly label: { readonly fr: string; readonly en: string } | null;
  readonly responsible: Responsible;
  /** The first instant the item is late (the end of its last day on time, Europe/Paris). */
  readonly dueAt: Date;
  readonly deadlineSource: DeadlineSource;
  /** The pathway step a follow-up visit mirrors. */
  readonly pathwayStep: { readonly templateId: string; readonly stepId: string } | null;
  /** What whoever added the item wrote (home nursing or equipment to arrange). */
  readonly note: string | null;
  readonly status: ItemStatus;
  readonly completion: ItemCompletion | null;
  /** The task raised when the item went late. */
  readonly taskId: string | null;
  readonly createdAt: Date;
}

export const NOTE_MAX = 1000;

/** Whether an item still asks for work. */
export const isOpenItem = (item: Pick<TransitionItem, 'status'>): boolean =>
  item.status === 'pending' || item.status === 'late';

/**
 * Completes an open item (done or not needed). Not needed asks for a note saying why. Errors:
 * `conflict` (already closed), `invalid-input` (no note where one is needed, note too long).
 */
export function completeItem(item: TransitionItem, completion: ItemCompletion): TransitionItem {
  if (!isOpenItem(item))
    throw new DomainError('conflict', `this item is already ${item.status}: reload the transition`);
  const evidence = completion.evidence?.trim() ?? '';
  if (evidence.length > NOTE_MAX)
    throw new DomainError('invalid-input', `the note is longer than ${NOTE_MAX} characters`);
  if (completion.status === 'not-needed' && evidence === '')
    throw new DomainError('invalid-input', 'say why this item is not needed');
  return { ...item, status: completion.status, completion: { ...completion, evidence: evidence || null } };
}

/** The open items past their deadline at `now`, which the scan marks late. */
export function itemsFallingLate(items: readonly TransitionItem[], now: Date): TransitionItem[] {
  return items.filter((item) => item.status === 'pending' && item.dueAt <= now);
}

/** A transition closes once every item is done or not needed (it stays open while one is left). */
export function closesWith(transition: Transition, items: readonly TransitionItem[], at: Date): Transition {
  if (transition.status !== 'open' || items.some(isOpenItem)) return transition;
  return { ...transition, status: 'closed', closedAt: at };
}

/** The hospital cancelled the discharge: the transition no longer applies. Error: `conflict` if not open. */
export function cancelTransition(transition: Transition, at: Date): Transition {
  if (transition.status !== 'open')
    throw new DomainError('conflict', `the transition is already ${transition.status}`);
  return { ...transition, status: 'cancelled', closedAt: at };
}
