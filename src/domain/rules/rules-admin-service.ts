import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import type { LocalizedText } from './localized-text.ts';
import { alertOf } from './patient-alert.ts';
import type { RuleFactsSource, RuleSetStore, RuleSetVersionInfo, StoredRuleSet } from './rule-ports.ts';
import { requireRulesAdmin } from './rules-admin-policy.ts';
import type { RulesEngine } from './rules-engine.ts';
import type { PlannedAction, PlannedFiring } from './rule-evaluation.ts';
import { parseRuleSet } from './rule-set-parser.ts';
import type { Rule, RuleSet } from './rule-set.ts';
import { formatProblem } from './yaml-reader.ts';

/** A rule as the administration lists it. */
export interface RuleSummary {
  readonly id: string;
  readonly version: number;
  readonly label: LocalizedText;
  readonly on: readonly string[];
  readonly actions: readonly string[];
  readonly source: string | null;
  readonly enabled: boolean;
}

/** A rule set's latest version; `problems` is non-empty when its text no longer validates. */
export interface RuleSetSummary {
  readonly id: string;
  readonly label: LocalizedText | null;
  readonly version: number;
  readonly origin: 'shipped' | 'admin';
  readonly savedAt: Date;
  readonly rules: readonly RuleSummary[];
  readonly problems: readonly string[];
}

export interface RuleSetDetail extends RuleSetSummary {
  readonly source: string;
  readonly versions: readonly RuleSetVersionInfo[];
}

/** One action of a simulated firing, for display. */
export interface SimulatedAction {
  readonly kind: PlannedAction['kind'];
  readonly role: string | null;
  readonly priority: string | null;
  readonly text: LocalizedText | null;
}

/**
 * What a dry-run found. Patients appear as numbers within the run (1, 2, …), never by identity: the
 * administrator sees what the rules would do, not who the patients are.
 */
export interface DryRunResult {
  readonly evaluatedEvents: number;
  /** True when the range held more events than a dry-run looks at. */
  readonly truncated: boolean;
  readonly firings: readonly {
    readonly patient: number;
    readonly ruleId: string;
    readonly ruleLabel: LocalizedText;
    readonly eventType: string;
    readonly occurredAt: Date;
    readonly explanation: LocalizedText;
    readonly actions: readonly SimulatedAction[];
  }[];
  readonly waiting: readonly {
    readonly patient: number;
    readonly ruleId: string;
    readonly eventType: string;
    readonly occurredAt: Date;
    readonly dueAt: Date;
  }[];
}

export const DRY_RUN_MAX_EVENTS = 5000;
const DRY_RUN_MAX_DAYS = 366;

/** Managing rule sets: list, read, edit (validated, versioned), switch rules, dry-run; and the shipped files. */
export function createRulesAdminService(deps: {
  store: RuleSetStore;
  engine: RulesEngine;
  facts: RuleFactsSource;
  audit: AuditTrail;
  clock: Clock;
  newId: NewId;
}) {
  const { store, engine, facts, audit, clock, newId } = deps;

  const savedEvent = (
    ruleSetId: string,
    version: number,
    origin: string,
    by: string | null,
  ): DomainEvent => ({
    id: newId(),
    type: 'rule-set.saved',
    patientId: null,
    actorAccountId: by,
    occurredAt: clock(),
    payload: { ruleSetId, version, origin },
  });

  /** Parses a text for `ruleSetId`. Error: `invalid-input` listing every problem with its line. */
  const validated = (ruleSetId: string, source: string): RuleSet => {
    const parsed = parseRuleSet(source, `${ruleSetId}.yaml`);
    if (!parsed.ok) {
      const problems = parsed.problems.map(formatProblem);
      throw new DomainError('invalid-input', `the rule set has ${problems.length} problem(s)`, problems);
    }
    if (parsed.ruleSet.id !== ruleSetId) {
      throw new DomainError(
        'invalid-input',
        `the text declares id "${parsed.ruleSet.id}", not "${ruleSetId}"`,
      );
    }
    return parsed.ruleSet;
  };

  const requireSet = async (ruleSetId: string): Promise<StoredRuleSet> => {
    const stored = await store.find(ruleSetId);
    if (stored === undefined) throw new DomainError('not-found', `no rule set with id ${ruleSetId}`);
    return stored;
  };

  return {
    /** Every rule set with its rules and their switches. Error: `forbidden`. */
    async list(principal: Principal): Promise<RuleSetSummary[]> {
      requireRulesAdmin(principal);
      return (await store.active()).map(summaryOf);
    },

    /** One rule set with its text and history. Errors: `forbidden`, `not-found`. */
    async get(principal: Principal, ruleSetId: string): Promise<RuleSetDetail> {
      requireRulesAdmin(principal);
      const stored = await requireSet(ruleSetId);
      return { ...summaryOf(stored), source: stored.source, versions: await store.versions(ruleSetId) };
    },

    /**
     * Saves a new version of a rule set (or creates it when `baseVersion` is null), refused whole when
     * invalid. Errors: `forbidden`, `invalid-input` (with each problem's line), `conflict` (saved meanwhile).
     */
    async save(principal: Principal, ruleSetId: string, source: string, baseVersion: number | null) {
      const admin = requireRulesAdmin(principal);
      validated(ruleSetId, source);
      await store.save({
        ruleSetId,
        source,
        origin: 'admin',
        savedBy: admin.accountId,
        savedAt: clock(),
        baseVersion,
        event: savedEvent(ruleSetId, (baseVersion ?? 0) + 1, 'admin', admin.accountId),
      });
    },

    /** Switches a rule of the latest version on or off. Errors: `forbidden`, `not-found`. */
    async switchRule(principal: Principal, ruleSetId: string, ruleId: string, enabled: boolean) {
      const admin = requireRulesAdmin(principal);
      const stored = await requireSet(ruleSetId);
      const parsed = parseRuleSet(stored.source, ruleSetId);
      if (!parsed.ok || !parsed.ruleSet.rules.some((rule) => rule.id === ruleId)) {
        throw new DomainError('not-found', `rule set ${ruleSetId} has no rule ${ruleId}`);
      }
      const at = clock();
      await store.setSwitch({
        ruleSetId,
        ruleId,
        enabled,
        changedBy: admin.accountId,
        changedAt: at,
        event: {
          id: newId(),
          type: 'rule.switched',
          patientId: null,
          actorAccountId: admin.accountId,
          occurredAt: at,
          payload: { ruleSetId, ruleId, enabled },
        },
      });
    },

    /**
     * What a rule set (a stored one, with its switches, or a text being edited) would have done on the
     * events of [from, to): nothing is written but one audit entry, since it reads patient data.
     * Errors: `forbidden`, `invalid-input` (text, range), `not-found`.
     */
    async dryRun(
      principal: Principal,
      input: { ruleSetId: string; source: string | null; from: Date; to: Date },
      origin: RequestOrigin,
    ): Promise<DryRunResult> {
      requireRulesAdmin(principal);
      const { from, to } = input;
      if (!(from < to)) throw new DomainError('invalid-input', '"from" must be before "to"');
      if (to.getTime() - from.getTime() > DRY_RUN_MAX_DAYS * 86_400_000) {
        throw new DomainError('invalid-input', `a dry-run covers at most ${DRY_RUN_MAX_DAYS} days`);
      }
      const rules = await rulesToTry(input.ruleSetId, input.source);
      const types = [...new Set(rules.flatMap(({ rule }) => rule.on))];
      const events = await facts.pastEvents(types, from, to, DRY_RUN_MAX_EVENTS + 1);
      const truncated = events.length > DRY_RUN_MAX_EVENTS;
      const evaluated = events.slice(0, DRY_RUN_MAX_EVENTS);
      const now = clock();
      const { firings, waiting } = await engine.simulate(rules, evaluated, now);
      const patientNumbers = new Map<string, number>();
      const patient = (id: string) => {
        if (!patientNumbers.has(id)) patientNumbers.set(id, patientNumbers.size + 1);
        return patientNumbers.get(id) ?? 0;
      };
      const result: DryRunResult = {
        evaluatedEvents: evaluated.length,
        truncated,
        firings: firings.map((firing) => ({
          patient: patient(firing.trigger.patientId),
          ruleId: firing.ruleId,
          ruleLabel: firing.ruleLabel,
          eventType: firing.trigger.type,
          occurredAt: firing.trigger.occurredAt,
          explanation: firing.explanation,
          actions: firing.actions.map((action) => simulatedAction(action, firing)),
        })),
        waiting: waiting.map((check) => ({
          patient: patient(check.trigger.patientId),
          ruleId: check.rule.id,
          eventType: check.trigger.type,
          occurredAt: check.trigger.occurredAt,
          dueAt: check.dueAt,
        })),
      };
      // The dry-run read these patients' data: each gets an audit entry, as any access would.
      const read = [...new Set(evaluated.map((event) => event.patientId))];
      await audit.append(
        read.map((patientId) =>
          auditEntryFor(principal, patientId, { action: 'read', resource: 'rules-dry-run' }, origin, now, {
            outcome: 'allowed',
            reason: `dry-run of rule set ${input.ruleSetId} by an administrator`,
            role: 'admin',
          }),
        ),
      );
      return result;
    },

    /**
     * Installs the shipped rule files: a new set gets version 1; a shipped default that changed gets a
     * new version, unless an administrator's edit is the latest (theirs is kept). An invalid file is
     * refused whole and reported. Returns what was installed and what was refused.
     */
    async installShipped(files: readonly { file: string; text: string }[]) {
      const installed: string[] = [];
      const refused: { file: string; problems: string[] }[] = [];
      for (const { file, text } of files) {
        const parsed = parseRuleSet(text, file);
        if (!parsed.ok) {
          refused.push({ file, problems: parsed.problems.map(formatProblem) });
          continue;
        }
        const id = parsed.ruleSet.id;
        const latest = await store.find(id);
        if (latest !== undefined && (latest.origin === 'admin' || latest.source === text)) continue;
        const baseVersion = latest?.version ?? null;
        try {
          await store.save({
            ruleSetId: id,
            source: text,
            origin: 'shipped',
            savedBy: null,
            savedAt: clock(),
            baseVersion,
            event: savedEvent(id, (baseVersion ?? 0) + 1, 'shipped', null),
          });
          installed.push(id);
        } catch (error) {
          // Another Relais process installed it at the same moment: theirs stands.
          if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
        }
      }
      return { installed, refused };
    },
  };

  /** The rules a dry-run tries: a text as written (all its rules), or a stored set as it runs. */
  async function rulesToTry(ruleSetId: string, source: string | null) {
    if (source !== null) {
      return validated(ruleSetId, source).rules.map((rule) => ({ ruleSetId, ruleSetVersion: 0, rule }));
    }
    const stored = await requireSet(ruleSetId);
    const parsed = parseRuleSet(stored.source, ruleSetId);
    if (!parsed.ok)
      throw new DomainError('invalid-input', `the stored rule set ${ruleSetId} no longer validates`);
    return parsed.ruleSet.rules
      .filter((rule) => !stored.disabledRules.includes(rule.id))
      .map((rule) => ({ ruleSetId, ruleSetVersion: stored.version, rule }));
  }
}

export type RulesAdminService = ReturnType<typeof createRulesAdminService>;

function summaryOf(stored: StoredRuleSet): RuleSetSummary {
  const parsed = parseRuleSet(stored.source, `${stored.id} v${stored.version}`);
  const base = { id: stored.id, version: stored.version, origin: stored.origin, savedAt: stored.savedAt };
  if (!parsed.ok) return { ...base, label: null, rules: [], problems: parsed.problems.map(formatProblem) };
  return {
    ...base,
    label: parsed.ruleSet.label,
    rules: parsed.ruleSet.rules.map((rule) => ruleSummaryOf(rule, !stored.disabledRules.includes(rule.id))),
    problems: [],
  };
}

function ruleSummaryOf(rule: Rule, enabled: boolean): RuleSummary {
  return {
    id: rule.id,
    version: rule.version,
    label: rule.label,
    on: rule.on,
    actions: rule.then.map((action) => action.kind),
    source: rule.source,
    enabled,
  };
}

function simulatedAction(action: PlannedAction, firing: PlannedFiring): SimulatedAction {
  switch (action.kind) {
    case 'create-task':
      return { kind: action.kind, role: action.role, priority: action.priority, text: action.title };
    case 'notify':
      return { kind: action.kind, role: action.role, priority: action.urgent ? 'urgent' : null, text: null };
    case 'raise-alert':
    case 'suggest-referral':
    case 'enrol-in-pathway':
      return {
        kind: action.kind,
        role: null,
        priority: null,
        text: alertOf(action, firing, { alertId: '', firingId: '' })?.text ?? null,
      };
  }
}
