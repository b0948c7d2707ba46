import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewReferralRequest } from '../../api-types.ts';
import { api } from '../../api-client.ts';
import { professionLabel } from '../../labels.ts';
import { useResource } from '../../use-resource.ts';

type Target = NewReferralRequest['target'];
type TargetKind = Target['kind'];
const KINDS: readonly TargetKind[] = ['service', 'practitioner', 'specialty'];
/** The specialties the interface names (the directory's codes); any holder of one may take the referral. */
const SPECIALTIES = [
  'cardiology',
  'endocrinology',
  'gastroenterology',
  'geriatrics',
  'nephrology',
  'neurology',
  'oncology',
  'pneumology',
  'psychiatry',
  'rheumatology',
] as const;

/**
 * Whom the referral goes to: a hospital service, a named professional of the directory, or any holder
 * of a specialty. Calls `onChange` with the target, or null while the choice is incomplete.
 */
export function ReferralTargetPicker({
  onChange,
  invalid,
}: {
  onChange: (target: Target | null) => void;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<TargetKind>('service');
  const [choice, setChoice] = useState('');
  const services = useResource(kind === 'service' ? 'services' : null, (signal) => api.services(signal));
  const practitioners = useResource(kind === 'practitioner' ? 'practitioners' : null, (signal) =>
    api.practitioners(signal),
  );

  const choose = (nextKind: TargetKind, value: string): void => {
    setKind(nextKind);
    setChoice(value);
    onChange(targetOf(nextKind, value));
  };
  const options: { value: string; label: string }[] =
    kind === 'service'
      ? services.status === 'ready'
        ? services.data.items.map((s) => ({ value: s.id, label: s.name }))
        : []
      : kind === 'practitioner'
        ? practitioners.status === 'ready'
          ? practitioners.data.items.map((p) => ({
              value: p.id,
              label: `${p.givenName} ${p.familyName} — ${professionLabel(p.profession, p.specialty)}${p.organization === null ? '' : ` (${p.organization})`}`,
            }))
          : []
        : SPECIALTIES.map((code) => ({ value: code, label: t(`careTeam.specialties.${code}`) }));

  return (
    <fieldset className="form-fieldset" data-testid="referral-target">
      <legend>
        {t('referrals.form.target')} <span className="required-mark">{t('referrals.form.requiredMark')}</span>
      </legend>
      <div className="choice-row" role="radiogroup" aria-label={t('referrals.form.targetKind')}>
        {KINDS.map((k) => (
          <label key={k} className="checkbox-label">
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              data-testid={`referral-target-kind-${k}`}
              onChange={() => choose(k, '')}
            />
            {t(`referrals.form.targetKinds.${k}`)}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-choice`}>{t(`referrals.form.choose.${kind}`)}</label>
        <select
          id={`${id}-choice`}
          data-testid="referral-target-choice"
          value={choice}
          required
          aria-invalid={invalid && choice === ''}
          aria-describedby={invalid && choice === '' ? `${id}-error` : undefined}
          onChange={(event) => choose(kind, event.target.value)}
        >
          <option value="">{t('referrals.form.chooseOne')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {invalid && choice === '' && (
          <p id={`${id}-error`} className="field-error">
            {t('referrals.form.errors.target')}
          </p>
        )}
      </div>
    </fieldset>
  );
}

function targetOf(kind: TargetKind, value: string): Target | null {
  if (value === '') return null;
  switch (kind) {
    case 'service':
      return { kind, organizationId: value };
    case 'practitioner':
      return { kind, practitionerId: value };
    case 'specialty':
      return { kind, specialty: value };
  }
}
