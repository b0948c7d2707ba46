import type { DomainEvent, EventType } from '../journal/domain-event.ts';

/** An event a rule reacts to: always about a patient. */
export type TriggerEvent = DomainEvent & { readonly patientId: string };

export function isTriggerEvent(event: DomainEvent): event is TriggerEvent {
  return event.patientId !== null;
}

/** A numeric result as rules see it. */
export interface ResultFact {
  readonly id: string;
  readonly display: string;
  readonly value: number;
  readonly unit: string | null;
  readonly effectiveAt: Date;
}

export interface ConditionFact {
  readonly code: string;
  readonly display: string;
}

export interface EventFact {
  readonly id: string;
  readonly type: EventType;
  readonly occurredAt: Date;
}

export interface TargetFact {
  readonly value: number;
  readonly unit: string | null;
}

/**
 * What is known of one patient at the moment a rule is evaluated (`asOf`): data recorded later is
 * left out, so a replay or a dry-run decides as the live engine did.
 */
export interface PatientFacts {
  /** Numeric results by LOINC code, newest (by effective time) first. */
  readonly results: ReadonlyMap<string, readonly ResultFact[]>;
  /** Active conditions. */
  readonly conditions: readonly ConditionFact[];
  /** The patient's events of the types rules count or wait for, in any order. */
  readonly events: readonly EventFact[];
  /** The patient's own targets by name (e.g. hba1c). */
  readonly targets: ReadonlyMap<string, TargetFact>;
}

export const NO_FACTS: PatientFacts = {
  results: new Map(),
  conditions: [],
  events: [],
  targets: new Map(),
};
