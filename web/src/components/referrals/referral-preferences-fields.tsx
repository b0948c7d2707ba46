import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewReferralRequest } from '../../api-types.ts';

type Preferences = NewReferralRequest['preferences'];

export const NO_PREFERENCES: Preferences = { place: null, teleconsultation: false, availability: null };

/** What the patient prefers for the appointment: where, by teleconsultation, when they are free. */
export function ReferralPreferencesFields({
  value,
  onChange,
}: {
  value: Preferences;
  onChange: (value: Preferences) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const text = (input: string): string | null => (input === '' ? null : input);
  return (
    <fieldset className="form-fieldset" data-testid="referral-preferences">
      <legend>{t('referrals.form.preferences')}</legend>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-place`}>{t('referrals.form.place')}</label>
          <input
            id={`${id}-place`}
            type="text"
            maxLength={500}
            value={value.place ?? ''}
            onChange={(event) => onChange({ ...value, place: text(event.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-availability`}>{t('referrals.form.availability')}</label>
          <input
            id={`${id}-availability`}
            type="text"
            maxLength={500}
            placeholder={t('referrals.form.availabilityExample')}
            value={value.availability ?? ''}
            onChange={(event) => onChange({ ...value, availability: text(event.target.value) })}
          />
        </div>
      </div>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={value.teleconsultation}
          onChange={(event) => onChange({ ...value, teleconsultation: event.target.checked })}
        />
        {t('referrals.form.teleconsultation')}
      </label>
    </fieldset>
  );
}
