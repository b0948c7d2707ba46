import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { transitionApi } from '../../transition-api.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';

const PERIOD_DAYS = 30;

/** A local calendar day (YYYY-MM-DD) `daysAgo` days before today, on the browser's calendar. */
function dayBefore(daysAgo: number): string {
  const day = new Date();
  day.setDate(day.getDate() - daysAgo);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** The transition indicators over my caseload for the last 30 days. */
export function TransitionIndicatorsPanel() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const from = dayBefore(PERIOD_DAYS - 1);
  const to = dayBefore(0);
  const figures = useResource(`transition-indicators:${from}:${to}`, (signal) =>
    transitionApi.indicators(from, to, signal),
  );
  const share = (count: number, of: number) =>
    of === 0
      ? t('transitions.indicators.none')
      : t('transitions.indicators.share', { percent: Math.round((100 * count) / of), count, of });
  return (
    <section className="card section-card" data-testid="transition-indicators">
      <h2 className="card-title">{t('transitions.indicators.title', { days: PERIOD_DAYS })}</h2>
      {figures.status === 'loading' && <LoadingState />}
      {figures.status === 'error' && <ProblemMessage error={figures.error} onRetry={figures.reload} />}
      {figures.status === 'ready' && (
        <dl className="transition-indicators">
          <div className="fact">
            <dt>{t('transitions.indicators.discharges')}</dt>
            <dd>{figures.data.transitions}</dd>
          </div>
          <div className="fact">
            <dt>{t('transitions.indicators.letterDelay')}</dt>
            <dd data-testid="indicator-letter-delay">
              {figures.data.letterDelayHours === null
                ? t('transitions.indicators.none')
                : t('transitions.indicators.hours', {
                    median: formatNumber(
                      Math.round(figures.data.letterDelayHours.median * 10) / 10,
                      language,
                    ),
                    p90: formatNumber(Math.round(figures.data.letterDelayHours.p90 * 10) / 10, language),
                  })}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('transitions.indicators.lettersOnDay')}</dt>
            <dd>{share(figures.data.lettersOnDischargeDay.count, figures.data.lettersOnDischargeDay.of)}</dd>
          </div>
          <div className="fact">
            <dt>{t('transitions.indicators.followUps')}</dt>
            <dd>{share(figures.data.followUpsOnTime.count, figures.data.followUpsOnTime.of)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
