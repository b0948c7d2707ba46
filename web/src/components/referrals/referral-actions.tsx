import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import type { ReferralActionKind, ReferralActionRequest, ReferralDetail } from '../../api-types.ts';
import { notifyReferralsChanged } from '../../referral-events.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ReferralActionForm, type FormAction } from './referral-action-form.tsx';

/** Actions that need nothing more than a click. */
const DIRECT = ['accept', 'mark-seen', 'acknowledge'] as const;
type DirectAction = (typeof DIRECT)[number];
const isDirect = (action: ReferralActionKind): action is DirectAction =>
  (DIRECT as readonly string[]).includes(action);

/** Quiet buttons: they withdraw, refuse or send away; the rest moves the referral forward. */
const QUIET: readonly ReferralActionKind[] = ['decline', 'redirect', 'cancel'];

/**
 * One control per action the server allows me now (its `actions`): a button, or a button that opens
 * the few fields the action needs. A 409 (someone acted first, or the state moved) says why and reloads.
 */
export function ReferralActions({
  referral,
  onChanged,
}: {
  referral: ReferralDetail;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<FormAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (action: ReferralActionRequest): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.actOnReferral(referral.id, action);
      setOpen(null);
      notifyReferralsChanged();
      onChanged();
    } catch (thrown) {
      const problem = toApiError(thrown);
      setError(problem);
      if (problem.status === 409) onChanged();
    } finally {
      setBusy(false);
    }
  };

  if (referral.actions.length === 0) return null;
  return (
    <section
      className="card section-card referral-actions"
      aria-labelledby="referral-actions-title"
      data-testid="referral-actions"
    >
      <h2 id="referral-actions-title" className="card-title">
        {t('referrals.actions.title')}
      </h2>
      {open === null ? (
        <div className="task-buttons">
          {referral.actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${QUIET.includes(action) ? 'button-quiet' : 'button-primary'}`}
              data-testid={`referral-action-${action}`}
              disabled={busy}
              onClick={() => {
                setError(null);
                if (isDirect(action)) void run({ kind: action, version: referral.version });
                else setOpen(action);
              }}
            >
              {t(`referrals.actions.${action}`)}
            </button>
          ))}
        </div>
      ) : (
        <ReferralActionForm
          action={open}
          referral={referral}
          busy={busy}
          onSubmit={(action) => void run(action)}
          onClose={() => setOpen(null)}
        />
      )}
      {error !== null && (
        <ProblemMessage
          error={error}
          testId="referral-action-error"
          {...(error.status === 409 ? { message: t('referrals.actions.conflict') } : {})}
        />
      )}
    </section>
  );
}
