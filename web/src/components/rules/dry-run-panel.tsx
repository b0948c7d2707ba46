import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DryRunResult } from '../../../../src/contracts/rules-contracts.ts';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage, translateOr, type Language } from '../../i18n.ts';
import { eventTypeLabel, roleLabel } from '../../labels.ts';
import { ProblemMessage } from '../problem-message.tsx';

type SimulatedAction = DryRunResult['firings'][number]['actions'][number];

/** `2026-11-20T09:30` for a datetime-local input, in the browser's time zone. */
function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** A dry-run of a rule set (saved, or the text being edited) over a past period, as a table. */
export function DryRunPanel({ ruleSetId, draft }: { ruleSetId: string; draft: string | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [from, setFrom] = useState(() => localInput(new Date(Date.now() - 30 * 86_400_000)));
  // The input counts in minutes: up to the next one, so events of the last seconds are included.
  const [to, setTo] = useState(() => localInput(new Date(Date.now() + 60_000)));
  const [useDraft, setUseDraft] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const run = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRunning(true);
    setFailure(null);
    try {
      setResult(
        await api.dryRun({
          ruleSetId,
          source: useDraft && draft !== null ? draft : null,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
        }),
      );
    } catch (error) {
      setResult(null);
      setFailure(toApiError(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="card section-card" aria-labelledby="dry-run-title" data-testid="dry-run">
      <h2 id="dry-run-title" className="card-title">
        {t('rules.dryRun.title')}
      </h2>
      <p className="item-meta">{t('rules.dryRun.intro')}</p>
      <form className="dry-run-form" onSubmit={(event) => void run(event)}>
        <label className="field-label">
          {t('rules.dryRun.from')}
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field-label">
          {t('rules.dryRun.to')}
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        {draft !== null && (
          <label className="checkbox-label">
            <input type="checkbox" checked={useDraft} onChange={(e) => setUseDraft(e.target.checked)} />
            {t('rules.dryRun.useDraft')}
          </label>
        )}
        <button type="submit" className="button button-primary" disabled={running}>
          {running ? t('rules.dryRun.running') : t('rules.dryRun.run')}
        </button>
      </form>
      {failure !== null && <ProblemMessage error={failure} />}
      {result !== null && <DryRunTable result={result} language={language} />}
    </section>
  );
}

function DryRunTable({ result, language }: { result: DryRunResult; language: Language }) {
  const { t } = useTranslation();
  return (
    <div data-testid="dry-run-result">
      <p role="status">
        {t('rules.dryRun.summary', {
          events: result.evaluatedEvents,
          firings: result.firings.length,
          waiting: result.waiting.length,
        })}
      </p>
      {result.truncated && (
        <p className="notice notice-info">{t('rules.dryRun.truncated', { count: result.evaluatedEvents })}</p>
      )}
      {result.firings.length === 0 ? (
        <p className="empty-text">{t('rules.dryRun.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('rules.dryRun.columns.when')}</th>
                <th scope="col">{t('rules.dryRun.columns.patient')}</th>
                <th scope="col">{t('rules.dryRun.columns.rule')}</th>
                <th scope="col">{t('rules.dryRun.columns.why')}</th>
                <th scope="col">{t('rules.dryRun.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {result.firings.map((firing, index) => (
                <tr key={`${firing.ruleId}-${firing.occurredAt}-${index}`} data-testid="dry-run-firing">
                  <td>
                    {formatDateTime(firing.occurredAt, language)}
                    <span className="cell-sub">{eventTypeLabel(firing.eventType)}</span>
                  </td>
                  <td>{t('rules.dryRun.patient', { number: firing.patient })}</td>
                  <td>{firing.ruleLabel[language]}</td>
                  <td>{firing.explanation[language]}</td>
                  <td>
                    <ul className="plain-list">
                      {firing.actions.map((action, i) => (
                        <li key={i}>{actionInWords(action, language)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.waiting.length > 0 && (
        <>
          <h3 className="subsection-title">{t('rules.dryRun.waitingTitle')}</h3>
          <ul className="plain-list">
            {result.waiting.map((check, index) => (
              <li key={index}>
                {t('rules.dryRun.patient', { number: check.patient })} · {check.ruleId} ·{' '}
                {t('rules.dryRun.due', { date: formatDateTime(check.dueAt, language) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** "Tâche — Appeler le patient (pour : Infirmier, priorité urgente)". */
function actionInWords(action: SimulatedAction, language: Language): string {
  const kind = translateOr(`rules.actions.${action.kind}`, action.kind);
  const details = [
    action.role === null ? '' : translateOr('rules.dryRun.role', '', { role: roleLabel(action.role) }),
    action.priority === null
      ? ''
      : translateOr('rules.dryRun.priority', '', {
          priority: translateOr(`rules.priorities.${action.priority}`, action.priority),
        }),
  ].filter((part) => part !== '');
  const text = action.text?.[language];
  // A suggestion's text already says what it is ("Adressage suggéré en …").
  const said = action.kind.startsWith('suggest') || action.kind.startsWith('enrol');
  const head = text === undefined ? kind : said ? text : `${kind} — ${text}`;
  return details.length > 0 ? `${head} (${details.join(', ')})` : head;
}
