import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import type { PathwayTemplate } from '../../api-types.ts';
import { currentLanguage } from '../../i18n.ts';
import { eventTypeLabel } from '../../labels.ts';
import { inLanguage } from '../../pathway-labels.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** Today in the browser's calendar, as YYYY-MM-DD (what a date input holds). */
function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Enrols the patient in a pathway the patient does not follow yet, from a start date (today by default). */
export function EnrolForm({
  patientId,
  templates,
  onDone,
  onCancel,
}: {
  patientId: string;
  templates: readonly PathwayTemplate[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const id = useId();
  const [templateId, setTemplateId] = useState('');
  const [startOn, setStartOn] = useState(today);
  const { busy, error, run } = useAction();
  const chosen = templates.find((template) => template.id === templateId);
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (templateId === '' || startOn === '') return;
    void run(() => api.enrolInPathway(patientId, { templateId, startOn })).then((done) => {
      if (done) onDone();
    });
  };

  return (
    <form className="new-task-form" onSubmit={submit} noValidate data-testid="pathway-enrol-form">
      <h3 className="form-title">{t('pathways.enrol.title')}</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-template`}>{t('pathways.enrol.template')}</label>
          <select
            id={`${id}-template`}
            data-testid="pathway-enrol-template"
            value={templateId}
            required
            onChange={(event) => setTemplateId(event.target.value)}
          >
            <option value="">{t('pathways.enrol.choose')}</option>
            {templates.map((template) => (
              <option key={template.id} value={template.id}>
                {inLanguage(template.title, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('pathways.enrol.startOn')}</label>
          <input
            id={`${id}-start`}
            type="date"
            data-testid="pathway-enrol-start"
            value={startOn}
            required
            onChange={(event) => setStartOn(event.target.value)}
          />
          {chosen?.startsWith != null && (
            <p className="field-hint">
              {t('pathways.enrol.startsWith', { event: eventTypeLabel(chosen.startsWith) })}
            </p>
          )}
        </div>
      </div>
      {error !== null && <ProblemMessage error={error} testId="pathway-enrol-error" />}
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-primary button-small"
          data-testid="pathway-enrol-submit"
          disabled={busy || templateId === '' || startOn === ''}
        >
          {t('pathways.enrol.submit')}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          {t('tasks.close')}
        </button>
      </div>
    </form>
  );
}
