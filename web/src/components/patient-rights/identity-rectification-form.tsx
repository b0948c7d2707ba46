import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentity } from '../../api-types.ts';
import { patientRightsApi, type IdentityRectificationOutcome } from '../../patient-rights-api.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import {
  correctionsOf,
  FORM_FIELDS,
  formOf,
  STRICT_FIELDS,
  type FormField,
  type IdentityForm,
} from './identity-fields.ts';

/**
 * Corrects the patient's identity traits and contact details, starting from the current values; a
 * reason is required, and the form warns when a strict trait of a checked identity is about to change.
 */
export function IdentityRectificationForm({
  patientId,
  identity,
  onDone,
  onCancel,
}: {
  patientId: string;
  identity: PatientIdentity;
  onDone: (outcome: IdentityRectificationOutcome) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState<IdentityForm>(() => formOf(identity));
  const [reason, setReason] = useState('');
  const action = useAction();
  const changes = correctionsOf(identity, form);
  const changed = Object.keys(changes) as FormField[];
  const lowersStatus =
    (identity.identityStatus === 'QUAL' || identity.identityStatus === 'VALI') &&
    changed.some((field) => STRICT_FIELDS.includes(field));

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    let outcome: IdentityRectificationOutcome | undefined;
    const ok = await action.run(async () => {
      outcome = await patientRightsApi.rectifyIdentity(patientId, { changes, reason: reason.trim() });
    });
    if (ok && outcome !== undefined) onDone(outcome);
  };
  const set = (field: FormField, value: string) => setForm((previous) => ({ ...previous, [field]: value }));

  return (
    <form
      className="rectification-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="rectification-form"
    >
      <div className="rectification-grid">
        {FORM_FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{t(`patientRights.fields.${field}`)}</label>
            {field === 'sex' ? (
              <select
                id={`${id}-${field}`}
                data-testid={`rectify-${field}`}
                value={form.sex}
                onChange={(event) => set('sex', event.target.value)}
              >
                {(['female', 'male', 'unknown'] as const).map((sex) => (
                  <option key={sex} value={sex}>
                    {t(`sex.${sex}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${id}-${field}`}
                type={field === 'birthDate' ? 'date' : field === 'email' ? 'email' : 'text'}
                data-testid={`rectify-${field}`}
                data-changed={changed.includes(field)}
                value={form[field]}
                onChange={(event) => set(field, event.target.value)}
              />
            )}
          </div>
        ))}
      </div>
      {lowersStatus && (
        <p className="notice notice-warning" data-testid="rectification-lowers-status">
          {t('patientRights.rectify.lowersStatus')}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('patientRights.rectify.reason')}</label>
        <input
          id={`${id}-reason`}
          type="text"
          maxLength={500}
          data-testid="rectify-reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {action.error !== null && <ProblemMessage error={action.error} testId="rectification-error" />}
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-primary"
          data-testid="rectify-submit"
          disabled={action.busy || changed.length === 0 || reason.trim() === ''}
        >
          {t('patientRights.rectify.submit', { count: changed.length })}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('patientRights.rectify.cancel')}
        </button>
      </div>
    </form>
  );
}
