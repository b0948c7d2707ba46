import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asks why before a change that needs a reason (end a pathway, skip a step, an item not needed), or
 * takes an optional note (`required` false); the server keeps it. The input's test id is
 * `inputTestId`, by default `<testId>-reason`; the confirm button's is `<testId>-confirm`.
 */
export function ReasonForm({
  label,
  confirmLabel,
  cancelLabel,
  testId,
  inputTestId = `${testId}-reason`,
  required = true,
  maxLength = 500,
  busy,
  onSubmit,
  onCancel,
}: {
  label: string;
  confirmLabel: string;
  cancelLabel?: string;
  testId: string;
  inputTestId?: string;
  required?: boolean;
  maxLength?: number;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const missing = required && reason.trim() === '';
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!missing) onSubmit(reason.trim());
  };
  return (
    <form className="task-inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="text"
          data-testid={inputTestId}
          maxLength={maxLength}
          required={required}
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
          disabled={busy || missing}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          {cancelLabel ?? t('tasks.close')}
        </button>
      </div>
    </form>
  );
}
