import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientAlert } from '../../../../src/contracts/rules-contracts.ts';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { useResource } from '../../use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';

const BADGE: Readonly<Record<PatientAlert['kind'], string>> = {
  alert: 'badge-danger',
  'referral-suggestion': 'badge-warning',
  'pathway-suggestion': 'badge-info',
};

/**
 * What the coordination rules raised on this patient, each with the reason in words; shown only when
 * there is something to show, and dismissed by any member of the care team.
 */
export function AlertsSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const alerts = useResource(`alerts:${patientId}`, (signal) => api.alerts(patientId, signal));
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  if (alerts.status !== 'ready' || alerts.data.items.length === 0) return null;

  const dismiss = async (alertId: string) => {
    setBusy(alertId);
    setFailure(null);
    try {
      await api.dismissAlert(patientId, alertId);
      alerts.reload();
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card section-card alerts-card" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title" className="card-title">
        {t('alerts.title')}
        <span className="card-count">{alerts.data.items.length}</span>
      </h2>
      {failure !== null && <ProblemMessage error={failure} message={t('alerts.dismissFailed')} />}
      <ul className="item-list">
        {alerts.data.items.map((alert) => (
          <li key={alert.id} className="item alert-item" data-testid="alert" data-kind={alert.kind}>
            <div className="item-head">
              <span className="item-title">
                <span className={`badge ${BADGE[alert.kind]}`}>{t(`alerts.kinds.${alert.kind}`)}</span>
                {alert.text[language]}
              </span>
              <button
                type="button"
                className="button button-quiet"
                disabled={busy === alert.id}
                aria-label={t('alerts.dismissLabel', { text: alert.text[language] })}
                onClick={() => void dismiss(alert.id)}
              >
                {t('alerts.dismiss')}
              </button>
            </div>
            <p className="item-body" data-testid="alert-explanation">
              {t('alerts.why', { explanation: alert.explanation[language] })}
            </p>
            <p className="item-meta">
              {t('alerts.raised', {
                rule: alert.ruleLabel[language],
                date: formatDateTime(alert.raisedAt, language),
              })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
