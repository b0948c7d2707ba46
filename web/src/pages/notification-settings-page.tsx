import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  NotificationSettingsInput,
  NotificationSettingsView,
} from '../../../src/contracts/notification-contracts.ts';
import { api } from '../api-client.ts';
import { toApiError, type ApiError } from '../api-error.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

const MODES = ['urgent-now-digest-rest', 'all-now', 'digest-only', 'off'] as const;
const DETAIL_LEVELS = ['minimal', 'titles'] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** My e-mail preferences for notifications: address, when e-mails leave, and how much they may say. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notificationSettings.title'));
  const settings = useResource('notification-settings', (signal) => api.notificationSettings(signal));
  return (
    <div className="page notification-settings-page" data-testid="notification-settings-page">
      <div className="page-heading">
        <h1 tabIndex={-1}>{t('notificationSettings.title')}</h1>
      </div>
      <p className="page-intro">{t('notificationSettings.intro')}</p>
      {settings.status === 'loading' && <LoadingState />}
      {settings.status === 'error' && <ProblemMessage error={settings.error} onRetry={settings.reload} />}
      {settings.status === 'ready' && <SettingsForm initial={settings.data} />}
    </div>
  );
}

function SettingsForm({ initial }: { initial: NotificationSettingsView }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<NotificationSettingsInput>({
    emailAddress: initial.emailAddress,
    emailMode: initial.emailMode,
    digestHour: initial.digestHour,
    detailLevel: initial.detailLevel,
  });
  const [status, setStatus] = useState<
    { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; error: ApiError }
  >({ kind: 'idle' });
  const change = (patch: Partial<NotificationSettingsInput>) => {
    setForm((current) => ({ ...current, ...patch }));
    setStatus({ kind: 'idle' });
  };
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.saveNotificationSettings(form);
      setForm({ ...form, emailAddress: saved.emailAddress });
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', error: toApiError(error) });
    }
  };
  const usesDigest = form.emailMode === 'urgent-now-digest-rest' || form.emailMode === 'digest-only';

  return (
    <form className="card form settings-form" onSubmit={(event) => void submit(event)} noValidate>
      {!initial.emailEnabled && (
        <p className="notice notice-info" data-testid="settings-email-disabled">
          {t('notificationSettings.emailDisabled')}
        </p>
      )}
      <div className="field">
        <label htmlFor="settings-email">{t('notificationSettings.emailAddress')}</label>
        <input
          id="settings-email"
          type="email"
          autoComplete="email"
          data-testid="settings-email"
          value={form.emailAddress ?? ''}
          onChange={(event) =>
            change({ emailAddress: event.target.value === '' ? null : event.target.value })
          }
        />
        <p className="field-hint">{t('notificationSettings.emailAddressHint')}</p>
      </div>

      <fieldset className="field settings-choices">
        <legend>{t('notificationSettings.mode')}</legend>
        {MODES.map((mode) => (
          <label key={mode} className="settings-choice">
            <input
              type="radio"
              name="emailMode"
              value={mode}
              data-testid={`settings-mode-${mode}`}
              checked={form.emailMode === mode}
              onChange={() => change({ emailMode: mode })}
            />
            <span>{t(`notificationSettings.modes.${mode}`)}</span>
          </label>
        ))}
      </fieldset>

      {usesDigest && (
        <div className="field">
          <label htmlFor="settings-digest-hour">{t('notificationSettings.digestHour')}</label>
          <select
            id="settings-digest-hour"
            data-testid="settings-digest-hour"
            value={form.digestHour}
            onChange={(event) => change({ digestHour: Number(event.target.value) })}
          >
            {HOURS.map((hour) => (
              <option key={hour} value={hour}>
                {t('notificationSettings.hour', { hour: String(hour).padStart(2, '0') })}
              </option>
            ))}
          </select>
          <p className="field-hint">{t('notificationSettings.timeZone', { zone: initial.timeZone })}</p>
        </div>
      )}

      <fieldset className="field settings-choices">
        <legend>{t('notificationSettings.detailLevel')}</legend>
        {DETAIL_LEVELS.map((level) => (
          <label key={level} className="settings-choice">
            <input
              type="radio"
              name="detailLevel"
              value={level}
              data-testid={`settings-detail-${level}`}
              checked={form.detailLevel === level}
              onChange={() => change({ detailLevel: level })}
            />
            <span>{t(`notificationSettings.detailLevels.${level}`)}</span>
          </label>
        ))}
        <p className="field-hint">{t('notificationSettings.privacy')}</p>
      </fieldset>

      {status.kind === 'error' && <ProblemMessage error={status.error} testId="settings-error" />}
      {status.kind === 'saved' && (
        <p className="notice notice-info" role="status" data-testid="settings-saved">
          {t('notificationSettings.saved')}
        </p>
      )}
      <div>
        <button
          type="submit"
          className="button button-primary"
          data-testid="settings-save"
          disabled={status.kind === 'saving'}
        >
          {status.kind === 'saving' ? t('notificationSettings.saving') : t('notificationSettings.save')}
        </button>
      </div>
    </form>
  );
}
