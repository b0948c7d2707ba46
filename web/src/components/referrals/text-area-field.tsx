import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled text area; when required and left empty after a submit attempt, says what is missing. */
export function TextAreaField({
  label,
  hint,
  value,
  maxLength,
  required = false,
  showErrors = false,
  missingText,
  rows = 3,
  testId,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  maxLength: number;
  required?: boolean;
  showErrors?: boolean;
  missingText?: string;
  rows?: number;
  testId: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const missing = required && showErrors && value.trim() === '';
  const describedBy = [hint === undefined ? '' : `${id}-hint`, missing ? `${id}-error` : '']
    .filter((part) => part !== '')
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && (
          <>
            {' '}
            <span className="required-mark">{t('referrals.form.requiredMark')}</span>
          </>
        )}
      </label>
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={missing}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {missing && (
        <p id={`${id}-error`} className="field-error">
          {missingText}
        </p>
      )}
    </div>
  );
}
