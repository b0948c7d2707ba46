import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { specialtyOrProfessionLabel } from '../../labels.ts';
import type { SharingChoice } from '../../sharing-api.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** Who reads the choice: the patient in the portal ("vous") or a professional of the team ("le patient"). */
export type SharingAudience = 'patient' | 'professional';

type Actor = NonNullable<SharingChoice['withdrawnBy']>;
type Professional = NonNullable<SharingChoice['practitioner']>;

/** "Name (Infirmier · MSP du Port)": whom a choice names, as the directory says it. */
export function professionalLabel(professional: Professional): string {
  const about = [
    specialtyOrProfessionLabel(professional.profession, professional.specialty),
    professional.organization,
  ].filter((part) => part !== null && part !== '');
  return `${professional.name} (${about.join(' · ')})`;
}

/**
 * One sharing choice in words: what it does, who recorded it and when, and, while in force, a way to
 * withdraw it when `onWithdraw` is given (the caller may change the choices).
 */
export function SharingChoiceItem({
  choice,
  audience,
  onWithdraw,
}: {
  choice: SharingChoice;
  audience: SharingAudience;
  onWithdraw?: ((choiceId: string) => Promise<unknown>) | undefined;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const inForce = choice.withdrawnAt === null;
  const withdrawable = inForce && onWithdraw !== undefined;
  const by = (actor: Actor): string =>
    actor.kind === 'patient'
      ? t(`sharing.by.patient.${audience}`)
      : t('sharing.by.professional', { name: actor.name ?? t('sharing.by.unknown') });

  return (
    <li
      className={`portal-card sharing-choice${inForce ? '' : ' sharing-choice-withdrawn'}`}
      data-testid="sharing-choice"
      data-kind={choice.kind}
      data-state={inForce ? 'in-force' : 'withdrawn'}
    >
      <p className={`badge ${choice.kind === 'objection' ? 'badge-danger' : 'badge-info'} sharing-kind`}>
        {t(`sharing.kinds.${choice.kind}.label`)}
      </p>
      <p className="portal-card-title" data-testid="sharing-choice-what">
        <WhatItDoes choice={choice} />
      </p>
      <p className="muted">
        {t('sharing.recorded', {
          date: formatDateTime(choice.recordedAt, language),
          by: by(choice.recordedBy),
        })}
        {choice.onBehalf && (
          <>
            {' '}
            <span className="badge badge-warning" data-testid="on-behalf">
              {t('sharing.onBehalf')}
            </span>
          </>
        )}
      </p>
      {choice.withdrawnAt !== null && choice.withdrawnBy !== null && (
        <p className="muted" data-testid="sharing-choice-withdrawn">
          {t('sharing.withdrawn', {
            date: formatDateTime(choice.withdrawnAt, language),
            by: by(choice.withdrawnBy),
          })}
        </p>
      )}
      {withdrawable && !confirming && (
        <button
          type="button"
          className="button button-secondary button-small sharing-withdraw"
          data-testid="withdraw-choice"
          onClick={() => setConfirming(true)}
        >
          {t('sharing.withdraw.button')}
        </button>
      )}
      {withdrawable && confirming && (
        <div className="task-inline-form" data-testid="withdraw-confirmation">
          <p>{t(`sharing.withdraw.confirm.${choice.kind}`)}</p>
          <div className="task-buttons">
            <button
              type="button"
              className="button button-primary button-small"
              data-testid="confirm-withdraw"
              disabled={action.busy}
              onClick={() => void action.run(() => onWithdraw(choice.id))}
            >
              {t('sharing.withdraw.yes')}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setConfirming(false)}
            >
              {t('sharing.cancel')}
            </button>
          </div>
          {action.error !== null && <ProblemMessage error={action.error} />}
        </div>
      )}
    </li>
  );
}

/** The choice's effect in one sentence. */
function WhatItDoes({ choice }: { choice: SharingChoice }) {
  const { t } = useTranslation();
  switch (choice.kind) {
    case 'objection':
      return choice.organization !== null
        ? t('sharing.kinds.objection.organization', { name: choice.organization.name })
        : t('sharing.kinds.objection.practitioner', {
            name: choice.practitioner === null ? '' : professionalLabel(choice.practitioner),
          });
    case 'restriction':
      return t('sharing.kinds.restriction.what', {
        category: t(`sharing.categories.${choice.category ?? 'mental-health'}.label`),
        names: choice.allowedPractitioners.map((p) => p.name).join(', '),
      });
    case 'consent':
      return t('sharing.kinds.consent.what', {
        name: choice.practitioner === null ? '' : professionalLabel(choice.practitioner),
      });
  }
}
