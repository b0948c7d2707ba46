import { useTranslation } from 'react-i18next';
import type { CareTeamMember } from '../../api-types.ts';
import type { SharingEndpoint } from '../../sharing-api.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { NewSharingChoiceForm } from './new-sharing-choice-form.tsx';
import { SharingChoiceItem, type SharingAudience } from './sharing-choice-item.tsx';

/**
 * A patient's sharing choices — those in force, a form for a new one, the withdrawn ones as history —
 * for the portal and for the record alike; `onChange` tells the page a choice changed (the caller's
 * own access may have). Without `canChange` (someone outside the team, e.g. by break-the-glass) the
 * choices are shown, not changed.
 */
export function SharingChoicesPanel({
  endpoint,
  careTeam,
  audience,
  onChange,
  canChange = true,
}: {
  endpoint: SharingEndpoint;
  careTeam: readonly CareTeamMember[];
  audience: SharingAudience;
  onChange?: () => void;
  canChange?: boolean;
}) {
  const { t } = useTranslation();
  const choices = useResource(endpoint.key, (signal) => endpoint.list(signal));
  const changed = (): void => {
    choices.reload();
    onChange?.();
  };
  const withdraw = canChange
    ? async (choiceId: string): Promise<void> => {
        await endpoint.withdraw(choiceId);
        changed();
      }
    : undefined;

  if (choices.status === 'loading' || choices.status === 'idle') return <LoadingState />;
  if (choices.status === 'error') return <ProblemMessage error={choices.error} onRetry={choices.reload} />;
  const inForce = choices.data.items.filter((choice) => choice.withdrawnAt === null);
  const history = choices.data.items.filter((choice) => choice.withdrawnAt !== null);
  return (
    <div className="sharing-panel" data-testid="sharing-panel">
      <h3 className="subsection-title">{t('sharing.inForce')}</h3>
      {inForce.length === 0 ? (
        <p className="portal-empty" data-testid="sharing-none">
          {t(`sharing.none.${audience}`)}
        </p>
      ) : (
        <ul className="portal-list" data-testid="sharing-in-force">
          {inForce.map((choice) => (
            <SharingChoiceItem key={choice.id} choice={choice} audience={audience} onWithdraw={withdraw} />
          ))}
        </ul>
      )}
      {canChange && (
        <>
          <h3 className="subsection-title">{t('sharing.newChoice')}</h3>
          <NewSharingChoiceForm
            endpoint={endpoint}
            careTeam={careTeam}
            audience={audience}
            onRecorded={changed}
          />
        </>
      )}
      {history.length > 0 && (
        <details className="sharing-history" data-testid="sharing-history">
          <summary>{t('sharing.history', { count: history.length })}</summary>
          <ul className="portal-list">
            {history.map((choice) => (
              <SharingChoiceItem key={choice.id} choice={choice} audience={audience} onWithdraw={withdraw} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
