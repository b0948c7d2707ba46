import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import type { ReferralActionKind, ReferralActionRequest, ReferralDetail } from '../../api-types.ts';
import { useResource } from '../../use-resource.ts';
import { TextAreaField } from './text-area-field.tsx';

/** The actions that ask for something before they are sent. */
export type FormAction = Exclude<ReferralActionKind, 'accept' | 'mark-seen' | 'acknowledge'>;

/** The main text each action asks for, and its limit (src/domain/referrals/referral.ts LIMITS). */
const TEXT_LIMIT: Readonly<Record<FormAction, number>> = {
  decline: 2000,
  redirect: 2000,
  ask: 4000,
  answer: 4000,
  schedule: 2000,
  report: 20000,
  cancel: 2000,
};

/**
 * The fields of one action: a reason (decline, redirect, cancel), a question or an answer, the
 * appointment (date and time, place or teleconsultation, instructions for the patient), or the report
 * (a text and/or a document of the patient's record).
 */
export function ReferralActionForm({
  action,
  referral,
  busy,
  onSubmit,
  onClose,
}: {
  action: FormAction;
  referral: ReferralDetail;
  busy: boolean;
  onSubmit: (action: ReferralActionRequest) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [choice, setChoice] = useState('');
  const [at, setAt] = useState('');
  const [place, setPlace] = useState('');
  const [teleconsultation, setTeleconsultation] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const services = useResource(action === 'redirect' ? 'services' : null, (signal) => api.services(signal));
  // The report may be a document of the record: those the referral form would propose.
  const draft = useResource(action === 'report' ? `referral-draft:${referral.patient.id}` : null, (signal) =>
    api.referralDraft(referral.patient.id, signal),
  );

  const version = referral.version;
  const optional = (value: string): string | null => (value.trim() === '' ? null : value.trim());
  const request = ((): ReferralActionRequest | null => {
    switch (action) {
      case 'decline':
      case 'cancel':
        return text.trim() === '' ? null : { kind: action, version, reason: text.trim() };
      case 'redirect':
        return text.trim() === '' || choice === ''
          ? null
          : { kind: action, version, organizationId: choice, reason: text.trim() };
      case 'ask':
        return text.trim() === '' ? null : { kind: action, version, question: text.trim() };
      case 'answer':
        return text.trim() === '' ? null : { kind: action, version, answer: text.trim() };
      case 'schedule': {
        const when = new Date(at);
        if (at === '' || Number.isNaN(when.getTime()) || (!teleconsultation && place.trim() === ''))
          return null;
        return {
          kind: action,
          version,
          at: when.toISOString(),
          place: optional(place),
          teleconsultation,
          instructions: optional(text),
        };
      }
      case 'report':
        return text.trim() === '' && choice === ''
          ? null
          : { kind: action, version, text: optional(text), documentId: choice === '' ? null : choice };
    }
  })();

  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setShowErrors(true);
    if (request !== null) onSubmit(request);
  };
  const textLabel = t(`referrals.actionForm.text.${action}`);
  const textRequired = action !== 'schedule' && action !== 'report';

  return (
    <form className="task-inline-form" data-testid={`referral-form-${action}`} noValidate onSubmit={submit}>
      <h3 className="form-title">{t(`referrals.actions.${action}`)}</h3>
      {action === 'redirect' && (
        <div className="field">
          <label htmlFor={`${id}-service`}>
            {t('referrals.actionForm.service')}{' '}
            <span className="required-mark">{t('referrals.form.requiredMark')}</span>
          </label>
          <select
            id={`${id}-service`}
            data-testid="referral-redirect-service"
            value={choice}
            required
            aria-invalid={showErrors && choice === ''}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t('referrals.form.chooseOne')}</option>
            {services.status === 'ready' &&
              services.data.items
                .filter(
                  (service) => !(referral.target.kind === 'service' && referral.target.id === service.id),
                )
                .map((service) => (
                  <option key={service.id} value={service.id}>
                    {service.name}
                  </option>
                ))}
          </select>
        </div>
      )}
      {action === 'schedule' && (
        <>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-at`}>
                {t('referrals.actionForm.at')}{' '}
                <span className="required-mark">{t('referrals.form.requiredMark')}</span>
              </label>
              <input
                id={`${id}-at`}
                type="datetime-local"
                data-testid="referral-schedule-at"
                required
                aria-invalid={showErrors && at === ''}
                value={at}
                onChange={(event) => setAt(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-place`}>
                {t('referrals.actionForm.place')}
                {!teleconsultation && (
                  <>
                    {' '}
                    <span className="required-mark">{t('referrals.form.requiredMark')}</span>
                  </>
                )}
              </label>
              <input
                id={`${id}-place`}
                type="text"
                maxLength={500}
                data-testid="referral-schedule-place"
                aria-invalid={showErrors && !teleconsultation && place.trim() === ''}
                value={place}
                onChange={(event) => setPlace(event.target.value)}
              />
            </div>
          </div>
          <label className="checkbox-label">
            <input
              type="checkbox"
              data-testid="referral-schedule-teleconsultation"
              checked={teleconsultation}
              onChange={(event) => setTeleconsultation(event.target.checked)}
            />
            {t('referrals.actionForm.teleconsultation')}
          </label>
        </>
      )}
      <TextAreaField
        label={textLabel}
        value={text}
        maxLength={TEXT_LIMIT[action]}
        required={textRequired}
        showErrors={showErrors}
        missingText={t('referrals.actionForm.missing')}
        rows={action === 'report' ? 6 : 3}
        testId="referral-action-text"
        onChange={setText}
      />
      {action === 'report' && draft.status === 'ready' && draft.data.recentDocuments.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-document`}>{t('referrals.actionForm.document')}</label>
          <select
            id={`${id}-document`}
            data-testid="referral-report-document"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t('referrals.actionForm.noDocument')}</option>
            {draft.data.recentDocuments.map((document) => (
              <option key={document.id} value={document.id}>
                {document.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {showErrors && request === null && (
        <p className="field-error" role="alert">
          {t(`referrals.actionForm.incomplete.${action}`)}
        </p>
      )}
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-primary button-small"
          data-testid="referral-action-confirm"
          disabled={busy}
          aria-busy={busy}
        >
          {t(`referrals.actionForm.confirm.${action}`)}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          {t('referrals.actionForm.close')}
        </button>
      </div>
    </form>
  );
}
