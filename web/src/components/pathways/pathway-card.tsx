import { useTranslation } from 'react-i18next';
import type { PathwayEnrolment, PathwayTemplateSource } from '../../api-types.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { inLanguage } from '../../pathway-labels.ts';
import { AdherenceSummary } from './adherence-summary.tsx';
import { PathwayActions } from './pathway-actions.tsx';
import { PathwaySources } from './pathway-sources.tsx';
import { PathwayStepItem } from './pathway-step-item.tsx';

const COUNTED = ['late', 'next', 'done'] as const;
const STATUS_BADGE = { active: 'badge-primary', paused: 'badge-warning', ended: 'badge-neutral' } as const;

/** One pathway of the patient: where it stands (late, next, done), adherence, its steps and actions. */
export function PathwayCard({
  patientId,
  enrolment,
  sources,
  onChanged,
}: {
  patientId: string;
  enrolment: PathwayEnrolment;
  sources: readonly PathwayTemplateSource[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // Where each step stands now: the state of its latest occurrence.
  const current = enrolment.steps.flatMap((step) => step.occurrences.at(-1)?.state ?? []);

  return (
    <li
      className={`pathway-card pathway-${enrolment.status}`}
      data-testid="pathway"
      data-template-id={enrolment.templateId}
      data-status={enrolment.status}
    >
      <div className="pathway-card-head">
        <h3 className="pathway-title">{inLanguage(enrolment.title, language)}</h3>
        <span className={`badge ${STATUS_BADGE[enrolment.status]}`} data-testid="pathway-status">
          {t(`pathways.status.${enrolment.status}`)}
        </span>
      </div>
      <p className="item-meta">
        {t(`pathways.startedOn.${enrolment.enrolledBy}`, {
          date: formatDate(enrolment.startedOn, language),
          version: enrolment.templateVersion,
        })}
      </p>
      {enrolment.status === 'ended' && enrolment.endReason !== null && (
        <p className="item-meta">{t('pathways.endedBecause', { reason: enrolment.endReason })}</p>
      )}
      <p className="pathway-counts">
        {COUNTED.map((state) => {
          const count = current.filter((s) => s === state).length;
          return (
            count > 0 && (
              <span
                key={state}
                className={`pathway-count pathway-count-${state}`}
                data-testid={`pathway-count-${state}`}
              >
                {t(`pathways.counts.${state}`, { count })}
              </span>
            )
          );
        })}
      </p>
      <AdherenceSummary adherence={enrolment.adherence} />
      <ol className="pathway-steps">
        {enrolment.steps.map((step) => (
          <PathwayStepItem
            key={step.stepId}
            patientId={patientId}
            step={step}
            canSkip={enrolment.status === 'active'}
            onChanged={onChanged}
          />
        ))}
      </ol>
      <PathwaySources sources={sources} />
      <PathwayActions patientId={patientId} enrolment={enrolment} onChanged={onChanged} />
    </li>
  );
}
