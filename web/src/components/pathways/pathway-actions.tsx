import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import type { PathwayEnrolment } from '../../api-types.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ReasonForm } from '../reason-form.tsx';

/** Pause or resume a running pathway, or end it saying why; an ended pathway offers nothing. */
export function PathwayActions({
  patientId,
  enrolment,
  onChanged,
}: {
  patientId: string;
  enrolment: PathwayEnrolment;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [ending, setEnding] = useState(false);
  const { busy, error, run } = useAction();
  if (enrolment.status === 'ended') return null;
  const change = enrolment.status === 'active' ? 'pause' : 'resume';
  const act = (work: () => Promise<unknown>): void =>
    void run(work).then((done) => {
      if (!done) return;
      setEnding(false);
      onChanged();
    });

  return (
    <div className="task-actions">
      {!ending && (
        <div className="task-buttons">
          <button
            type="button"
            className="button button-secondary button-small"
            data-testid={`pathway-${change}`}
            disabled={busy}
            onClick={() => act(() => api.changePathway(patientId, enrolment.id, change))}
          >
            {t(`pathways.actions.${change}`)}
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            data-testid="pathway-end-open"
            disabled={busy}
            onClick={() => setEnding(true)}
          >
            {t('pathways.actions.end')}
          </button>
        </div>
      )}
      {ending && (
        <ReasonForm
          label={t('pathways.actions.endReason')}
          confirmLabel={t('pathways.actions.endConfirm')}
          testId="pathway-end"
          busy={busy}
          onCancel={() => setEnding(false)}
          onSubmit={(reason) => act(() => api.endPathway(patientId, enrolment.id, reason))}
        />
      )}
      {error !== null && <ProblemMessage error={error} testId="pathway-action-error" />}
    </div>
  );
}
