import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSetSummary } from '../../../../src/contracts/rules-contracts.ts';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { eventTypeLabel } from '../../labels.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** One rule set: its version, its rules with what they listen to and do, and a switch for each. */
export function RuleSetCard({
  ruleSet,
  onChanged,
  onEdit,
}: {
  ruleSet: RuleSetSummary;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // A switch shows its new position at once; the reloaded set then confirms it.
  const [switched, setSwitched] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => setSwitched(new Map()), [ruleSet]);

  const toggle = async (ruleId: string, enabled: boolean) => {
    setBusy(ruleId);
    setFailure(null);
    setSwitched((current) => new Map(current).set(ruleId, enabled));
    try {
      await api.switchRule(ruleSet.id, ruleId, enabled);
      onChanged();
    } catch (error) {
      setFailure(toApiError(error));
      setSwitched((current) => {
        const next = new Map(current);
        next.delete(ruleId);
        return next;
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card section-card" aria-labelledby={`set-${ruleSet.id}`} data-testid="rule-set">
      <div className="item-head">
        <h2 id={`set-${ruleSet.id}`} className="card-title">
          {ruleSet.label?.[language] ?? ruleSet.id}
        </h2>
        <button type="button" className="button button-secondary" onClick={onEdit}>
          {t('rules.edit')}
        </button>
      </div>
      <p className="item-meta">
        <code className="code">{ruleSet.id}</code> · {t('rules.version', { version: ruleSet.version })} (
        {t(`rules.origin.${ruleSet.origin}`)},{' '}
        {t('rules.savedAt', { date: formatDateTime(ruleSet.savedAt, language) })})
      </p>
      {ruleSet.problems.length > 0 && (
        <div className="notice notice-danger" role="alert">
          <p>{t('rules.invalid')}</p>
          <ul>
            {ruleSet.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure !== null && <ProblemMessage error={failure} />}
      <div className="table-scroll">
        <table className="table rules-table">
          <thead>
            <tr>
              <th scope="col">{t('rules.columns.rule')}</th>
              <th scope="col">{t('rules.columns.on')}</th>
              <th scope="col">{t('rules.columns.actions')}</th>
              <th scope="col">{t('rules.columns.enabled')}</th>
            </tr>
          </thead>
          <tbody>
            {ruleSet.rules.map((rule) => {
              const enabled = switched.get(rule.id) ?? rule.enabled;
              return (
                <tr
                  key={rule.id}
                  data-testid="rule"
                  data-rule={rule.id}
                  className={enabled ? '' : 'row-muted'}
                >
                  <th scope="row" className="cell-label">
                    <span className="cell-strong">{rule.label[language]}</span>
                    {rule.source !== null && <span className="cell-sub">{rule.source}</span>}
                  </th>
                  <td>{rule.on.map((type) => eventTypeLabel(type)).join(', ')}</td>
                  <td>{rule.actions.map((kind) => translateOr(`rules.actions.${kind}`, kind)).join(', ')}</td>
                  <td>
                    <input
                      type="checkbox"
                      className="switch"
                      checked={enabled}
                      disabled={busy === rule.id}
                      aria-label={t('rules.switchLabel', { label: rule.label[language] })}
                      onChange={(event) => void toggle(rule.id, event.target.checked)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
