import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareTeamMember } from '../../api-types.ts';
import { endMembership } from '../../sharing-api.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ReasonForm } from '../reason-form.tsx';

/** Ends a member's place in the care team, after a confirmation that asks why; their access ends at once. */
export function EndMembershipButton({
  patientId,
  member,
  onEnded,
}: {
  patientId: string;
  member: CareTeamMember;
  onEnded: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const action = useAction();
  if (!open)
    return (
      <button
        type="button"
        className="button button-quiet button-small end-membership"
        data-testid="end-membership"
        onClick={() => setOpen(true)}
      >
        {t('careTeam.end.button')}
      </button>
    );
  return (
    <div data-testid="end-membership-form">
      <p className="item-meta">{t('careTeam.end.warning', { name: member.name })}</p>
      <ReasonForm
        label={t('careTeam.end.reason')}
        confirmLabel={t('careTeam.end.confirm')}
        cancelLabel={t('sharing.cancel')}
        testId="end-membership"
        busy={action.busy}
        onSubmit={(reason) =>
          void action
            .run(() => endMembership(patientId, member.id, reason))
            .then((ok) => {
              if (ok) onEnded();
            })
        }
        onCancel={() => setOpen(false)}
      />
      {action.error !== null && <ProblemMessage error={action.error} />}
    </div>
  );
}
