import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import type { PathwayOccurrence, PathwayStepProgress } from '../../api-types.ts';
import { currentLanguage } from '../../i18n.ts';
import { inLanguage, performerLabel } from '../../pathway-labels.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { OccurrenceLine } from './occurrence-line.tsx';
import { ReasonForm } from '../reason-form.tsx';

/** The occurrences shown at once: the last done and the one to come; earlier ones fold away. */
const SHOWN = 2;
const OPEN: readonly PathwayOccurrence['state'][] = ['next', 'late'];

/**
 * One step of a pathway: what, who performs it, whether its timing is Relais's default, and its
 * occurrences; an open occurrence may be skipped with a reason while the pathway runs.
 */
export function PathwayStepItem({
  patientId,
  step,
  canSkip,
  onChanged,
}: {
  patientId: string;
  step: PathwayStepProgress;
  canSkip: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [skipping, setSkipping] = useState(false);
  const { busy, error, run } = useAction();
  const occurrences = step.occurrences;
  const current = occurrences.at(-1);
  const open = occurrences.find((o) => OPEN.includes(o.state));
  const earlier = occurrences.slice(0, -SHOWN);

  return (
    <li
      className={`pathway-step pathway-step-${current?.state ?? 'next'}`}
      data-testid="pathway-step"
      data-step-id={step.stepId}
      data-state={current?.state}
    >
      <span className="pathway-step-mark" aria-hidden="true" />
      <div className="pathway-step-body">
        <p className="pathway-step-head">
          <span className="item-title">{inLanguage(step.label, language)}</span>
          {step.timingIsDefault && (
            <span
              className="pathway-default-mark"
              title={t('pathways.defaultTimingHint')}
              data-testid="pathway-default-timing"
            >
              {t('pathways.defaultTiming')}
            </span>
          )}
        </p>
        <p className="item-meta">
          {t('pathways.performedBy', { who: performerLabel(step.role, step.specialty) })}
        </p>
        {earlier.length > 0 && (
          <details className="pathway-earlier">
            <summary>{t('pathways.earlier', { count: earlier.length })}</summary>
            {earlier.map((occurrence) => (
              <OccurrenceLine key={occurrence.id} occurrence={occurrence} />
            ))}
          </details>
        )}
        {occurrences.slice(-SHOWN).map((occurrence) => (
          <OccurrenceLine key={occurrence.id} occurrence={occurrence}>
            {canSkip && occurrence === open && !skipping && (
              <>
                {' · '}
                <button
                  type="button"
                  className="link-button pathway-skip-open"
                  data-testid="pathway-skip-open"
                  onClick={() => setSkipping(true)}
                >
                  {t('pathways.skip.open')}
                </button>
              </>
            )}
          </OccurrenceLine>
        ))}
        {skipping && open !== undefined && (
          <ReasonForm
            label={t('pathways.skip.reason')}
            confirmLabel={t('pathways.skip.confirm')}
            testId="pathway-skip"
            busy={busy}
            onCancel={() => setSkipping(false)}
            onSubmit={(reason) =>
              void run(() => api.skipPathwayStep(patientId, open.id, reason)).then((done) => {
                if (!done) return;
                setSkipping(false);
                onChanged();
              })
            }
          />
        )}
        {error !== null && <ProblemMessage error={error} testId="pathway-skip-error" />}
      </div>
    </li>
  );
}
