import type { PatientAlert as Alert } from '../domain/rules/patient-alert.ts';
import type { DryRunResult, RuleSetDetail, RuleSetSummary } from '../domain/rules/rules-admin-service.ts';

/** Domain values as the rules contracts send them: dates become ISO text. */

export function presentAlert(alert: Alert) {
  return {
    id: alert.id,
    kind: alert.kind,
    text: alert.text,
    explanation: alert.explanation,
    details: alert.details,
    ruleSetId: alert.ruleSetId,
    ruleId: alert.ruleId,
    ruleLabel: alert.ruleLabel,
    raisedAt: alert.raisedAt.toISOString(),
  };
}

export function presentRuleSet(summary: RuleSetSummary) {
  return { ...summary, savedAt: summary.savedAt.toISOString() };
}

export function presentRuleSetDetail(detail: RuleSetDetail) {
  return {
    ...presentRuleSet(detail),
    source: detail.source,
    versions: detail.versions.map((v) => ({ ...v, savedAt: v.savedAt.toISOString() })),
  };
}

export function presentDryRun(result: DryRunResult) {
  return {
    evaluatedEvents: result.evaluatedEvents,
    truncated: result.truncated,
    firings: result.firings.map((f) => ({ ...f, occurredAt: f.occurredAt.toISOString() })),
    waiting: result.waiting.map((w) => ({
      ...w,
      occurredAt: w.occurredAt.toISOString(),
      dueAt: w.dueAt.toISOString(),
    })),
  };
}
