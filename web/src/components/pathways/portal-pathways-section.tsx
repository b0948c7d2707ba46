import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import type { PortalPathwaySteps } from '../../api-types.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { inLanguage } from '../../pathway-labels.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';

type PortalStep = PortalPathwaySteps['items'][number];

/** Steps shown at once besides late ones; the rest (often a year away) fold under "Plus tard". */
const SOON = 3;

/**
 * "Mon parcours": what the patient should do next in their pathways, soonest first (as the server
 * sends them), in plain words with dates; a late step says to talk to the care team. The dates are
 * formatted here: the server's ready-made sentence writes them as ISO days.
 */
export function PortalPathwaysSection() {
  const { t } = useTranslation();
  const steps = useResource('portal-pathways', (signal) => api.portalPathways(signal));
  const items = steps.status === 'ready' ? steps.data.items : [];
  const late = items.filter((step) => step.late);
  const onTime = items.filter((step) => !step.late);
  const later = onTime.slice(SOON);

  return (
    <section className="portal-section" aria-labelledby="portal-pathways" data-testid="portal-pathways">
      <h2 id="portal-pathways">{t('portalPathways.title')}</h2>
      {steps.status === 'loading' && <LoadingState />}
      {steps.status === 'error' && <ProblemMessage error={steps.error} onRetry={steps.reload} />}
      {steps.status === 'ready' && items.length === 0 && (
        <p className="portal-empty">{t('portalPathways.empty')}</p>
      )}
      {items.length > 0 && (
        <>
          <p>{t('portalPathways.intro')}</p>
          <ul className="portal-list">
            {[...late, ...onTime.slice(0, SOON)].map((step) => (
              <PortalStepCard key={step.occurrenceId} step={step} />
            ))}
          </ul>
          {later.length > 0 && (
            <details className="portal-referral-history" data-testid="portal-pathways-later">
              <summary>{t('portalPathways.later', { count: later.length })}</summary>
              <ul className="portal-list">
                {later.map((step) => (
                  <PortalStepCard key={step.occurrenceId} step={step} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function PortalStepCard({ step }: { step: PortalStep }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const from = formatDate(step.fromDay, language);
  const by = formatDate(step.byDay, language);
  return (
    <li
      className={`portal-card${step.late ? ' portal-step-late' : ''}`}
      data-testid="portal-pathway-step"
      data-late={step.late}
    >
      {step.late && <p className="badge badge-danger portal-step-badge">{t('portalPathways.lateBadge')}</p>}
      <p className="portal-card-title">{inLanguage(step.what, language)}</p>
      <p className={step.late ? 'portal-step-when-late' : 'portal-when'}>
        {step.late
          ? t('portalPathways.late', { by })
          : from === by
            ? t('portalPathways.by', { by })
            : t('portalPathways.between', { from, by })}
      </p>
      <p className="muted">
        {t('portalPathways.pathway', { title: inLanguage(step.pathwayTitle, language) })}
      </p>
    </li>
  );
}
