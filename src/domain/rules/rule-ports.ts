import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { FactRequest } from './fact-needs.ts';
import type { LocalizedText } from './localized-text.ts';
import type { NewPatientAlert } from './patient-alert.ts';
import type { PatientFacts, TriggerEvent } from './patient-facts.ts';
import type { PastFiring, PlannedFiring } from './rule-evaluation.ts';
import type { TaskPriority } from '../tasks/task.ts';
import type { Rule } from './rule-set.ts';

/** Port: the facts rules read, loaded for a whole batch of evaluations at once. */
export interface RuleFactsSource {
  /** One PatientFacts per request key, as known at the request's `asOf`. */
  load(requests: readonly FactRequest[]): Promise<Map<string, PatientFacts>>;
  /** Firings of these rules (`set/rule` keys) for these patients whose trigger happened at or after `since`. */
  pastFirings(patientIds: readonly string[], ruleKeys: readonly string[], since: Date): Promise<PastFiring[]>;
  /** Events about patients of `types` that occurred in [from, to), oldest first, at most `limit` (dry-runs). */
  pastEvents(types: readonly EventType[], from: Date, to: Date, limit: number): Promise<TriggerEvent[]>;
}

/** What became of one action of a firing, as rule_firings keeps it. */
export type ActionOutcome =
  /** The task service was asked for it under the action's key (its `idempotency_key`). */
  | 'task-requested'
  /** An alert or a suggestion now shows on the patient's record. */
  | 'shown-on-record'
  /** The notifier took the notification over. */
  | 'notified'
  /** Kept here only, for a service to carry out later: nothing is lost. */
  | 'recorded';

export interface ActionRecord {
  readonly key: string;
  readonly kind: string;
  readonly outcome: ActionOutcome;
  /** The action's parameters (role, priority, due date, specialty…), for the reader. */
  readonly detail: Readonly<Record<string, string | boolean>>;
}

/** A firing ready to store: the decision, what each action became, the alerts and the journal event. */
export interface FiringRecord {
  readonly id: string;
  readonly firing: PlannedFiring;
  readonly actions: readonly ActionRecord[];
  readonly alerts: readonly NewPatientAlert[];
  readonly event: DomainEvent;
}

/** A rule waiting for an absence, to be decided at `dueAt` with the rule as it was scheduled. */
export interface DeferredCheck {
  readonly id: string;
  readonly ruleSetId: string;
  readonly ruleSetVersion: number;
  readonly rule: Rule;
  readonly trigger: TriggerEvent;
  readonly dueAt: Date;
}

export interface SettledCheck {
  readonly patientId: string;
  readonly checkId: string;
  readonly status: 'fired' | 'not-met' | 'cancelled';
}

/** Port: keeps what the engine decided. */
export interface RuleOutcomeStore {
  /**
   * Writes firings (each with its alerts and its `rule.fired` event), new deferred checks and settled
   * ones in one transaction. Idempotent: a firing already stored for its rule and event, an alert
   * already raised by its action and a check already scheduled are left as they are.
   */
  record(batch: {
    firings: readonly FiringRecord[];
    scheduled: readonly DeferredCheck[];
    settled: readonly SettledCheck[];
    at: Date;
  }): Promise<void>;
  /** Pending deferred checks due at `now`, oldest first, at most `limit`. */
  dueChecks(now: Date, limit: number): Promise<DeferredCheck[]>;
}

/** A rule set as stored: its latest version's text and the rules an administrator switched off. */
export interface StoredRuleSet {
  readonly id: string;
  readonly version: number;
  readonly source: string;
  readonly origin: 'shipped' | 'admin';
  readonly savedAt: Date;
  readonly disabledRules: readonly string[];
}

/** Port: the rule sets in force, as the engine reads them. */
export interface RuleSetSource {
  /**
   * Changes whenever a saved version or a switch commits: the engine reloads then. Read before
   * `active()`, so a change committing in between only costs one more reload.
   */
  revision(): Promise<string>;
  active(): Promise<StoredRuleSet[]>;
}

/** A task a rule asks for, assigned to a role of the patient's care team. */
export interface SystemTaskRequest {
  /** Idempotency key: creating the same key twice returns the first task. */
  readonly key: string;
  readonly patientId: string;
  readonly role: CareTeamRole;
  readonly title: LocalizedText;
  readonly priority: TaskPriority;
  readonly dueAt: Date;
  /** Why, in words: shown with the task. */
  readonly explanation: LocalizedText;
  readonly origin: { readonly ruleSetId: string; readonly ruleId: string; readonly eventId: string };
}

/** Port: creates tasks (the tasks context), idempotently by key; resolves once they are durable. */
export interface TaskCreator {
  create(requests: readonly SystemTaskRequest[]): Promise<void>;
}

/** A notification a rule asks for, to a role of the patient's care team. */
export interface NotifyIntent {
  readonly key: string;
  readonly patientId: string;
  readonly role: CareTeamRole;
  readonly urgent: boolean;
  readonly subject: LocalizedText;
  readonly explanation: LocalizedText;
  readonly eventId: string;
}

/** Port: hands notifications to the notification service. Returns the keys it took over. */
export interface Notifier {
  notify(intents: readonly NotifyIntent[]): Promise<ReadonlySet<string>>;
}

/** Hands nothing over: notify intents stay recorded in their firing only (tests of the engine alone). */
export const recordOnlyNotifier: Notifier = { notify: () => Promise.resolve(new Set()) };

/** One saved version of a rule set, for its history. */
export interface RuleSetVersionInfo {
  readonly version: number;
  readonly origin: 'shipped' | 'admin';
  readonly savedBy: string | null;
  readonly savedAt: Date;
}

/** Port: rule sets as administrators manage them: versions of the text and per-rule switches. */
export interface RuleSetStore extends RuleSetSource {
  find(ruleSetId: string): Promise<StoredRuleSet | undefined>;
  versions(ruleSetId: string): Promise<RuleSetVersionInfo[]>;
  /**
   * Saves version `baseVersion + 1` (1 for a new set) with its `rule-set.saved` event, provided the
   * latest version is still `baseVersion`. Error: `conflict` when someone saved in between.
   */
  save(input: {
    ruleSetId: string;
    source: string;
    origin: 'shipped' | 'admin';
    savedBy: string | null;
    savedAt: Date;
    baseVersion: number | null;
    event: DomainEvent;
  }): Promise<void>;
  /** Switches one rule on or off, with its `rule.switched` event. */
  setSwitch(input: {
    ruleSetId: string;
    ruleId: string;
    enabled: boolean;
    changedBy: string;
    changedAt: Date;
    event: DomainEvent;
  }): Promise<void>;
}
