import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks why before a change that needs a reason (end a pathway, skip a step); the server keeps it. */
export function ReasonForm({
  label,
  confirmLabel,
  testId,
  busy,
  onSubmit,
  onCancel,
}: {
  label: string;
  confirmLabel: string;
  testId: string;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (reason.trim() !== '') onSubmit(reason.trim());
  };
  return (
    <form className="task-inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="text"
          data-testid={`${testId}-reason`}
          maxLength={500}
          required
          autoFocus
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-primary button-small"
          data-testid={`${testId}-confirm`}
          disabled={busy || reason.trim() === ''}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          {t('tasks.close')}
        </button>
      </div>
    </form>
  );
}
