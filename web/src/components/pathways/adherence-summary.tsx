import { useTranslation } from 'react-i18next';
import type { PathwayAdherence } from '../../api-types.ts';
import { currentLanguage } from '../../i18n.ts';
import { sharePercent } from '../../pathway-labels.ts';

/** The share of steps done on time, and the counts it comes from. */
export function AdherenceSummary({ adherence }: { adherence: PathwayAdherence }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <p className="pathway-adherence" data-testid="pathway-adherence">
      <strong>{t('pathways.adherence.share', { share: sharePercent(adherence.share, language) })}</strong>
      <span className="muted">
        {' '}
        (
        {adherence.share === null
          ? t('pathways.adherence.nothingYet')
          : t('pathways.adherence.counts', {
              onTime: adherence.doneOnTime,
              late: adherence.doneLate,
              missing: adherence.missing,
            })}
        )
      </span>
    </p>
  );
}
