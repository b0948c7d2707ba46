import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api-error.ts';
import { useAction } from '../../use-action.ts';
import { useResource } from '../../use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { TextAreaField } from '../referrals/text-area-field.tsx';
import { breakGlassApi } from './break-glass-api.ts';

/** The shortest reason the server takes, once trimmed (BREAK_GLASS_REASON in the domain). */
const REASON_MIN = 10;
const REASON_MAX = 1000;

/**
 * A record refused because the caller is not in the care team: the refusal, and the emergency way in
 * (break-the-glass). It asks why, says for how long and that the patient and the coordinator will
 * know, then lets the page load the record.
 */
export function BreakGlassOffer({
  patientId,
  refusal,
  onOpened,
}: {
  patientId: string;
  refusal: ApiError;
  onOpened: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <div className="break-glass-offer" data-testid="break-glass-offer">
      <ProblemMessage error={refusal} testId="record-error" message={t('record.errors.forbidden')} />
      {asking ? (
        <BreakGlassForm patientId={patientId} onOpened={onOpened} onCancel={() => setAsking(false)} />
      ) : (
        <div className="break-glass-start">
          <p>{t('breakGlass.offer')}</p>
          <button
            type="button"
            className="button button-danger"
            data-testid="break-glass-start"
            onClick={() => setAsking(true)}
          >
            {t('breakGlass.action')}
          </button>
        </div>
      )}
    </div>
  );
}

function BreakGlassForm({
  patientId,
  onOpened,
  onCancel,
}: {
  patientId: string;
  onOpened: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const policy = useResource('break-glass-policy', (signal) => breakGlassApi.policy(signal));
  const [reason, setReason] = useState('');
  const action = useAction();
  const tooShort = reason.trim().length < REASON_MIN;
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (tooShort) return;
    if (await action.run(() => breakGlassApi.open(patientId, reason.trim()))) onOpened();
  };
  return (
    <form
      className="break-glass-form"
      data-testid="break-glass-form"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h2>{t('breakGlass.action')}</h2>
      <p className="break-glass-explanation" data-testid="break-glass-explanation">
        {policy.status === 'ready'
          ? t('breakGlass.explanation', { count: policy.data.hours })
          : t('breakGlass.explanationNoHours')}
      </p>
      <TextAreaField
        label={t('breakGlass.reasonLabel')}
        hint={t('breakGlass.reasonHint', { min: REASON_MIN })}
        value={reason}
        maxLength={REASON_MAX}
        required
        rows={3}
        testId="break-glass-reason"
        onChange={setReason}
      />
      {action.error !== null && <ProblemMessage error={action.error} testId="break-glass-error" />}
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-danger"
          data-testid="break-glass-confirm"
          disabled={action.busy || tooShort}
        >
          {t('breakGlass.confirm')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('breakGlass.cancel')}
        </button>
      </div>
    </form>
  );
}
