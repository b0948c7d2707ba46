import { useTranslation } from 'react-i18next';
import type { ReadmissionRiskView } from '../../../../src/contracts/discharge-contracts.ts';
import { formatNumber } from '../../format.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { dischargeApi } from './discharge-api.ts';
import { StayResourcePanel } from './stay-resource-panel.tsx';

type Assessment = NonNullable<ReadmissionRiskView['assessment']>;
type Item = Assessment['lace']['items'][number];

const BAND_BADGE: Readonly<Record<string, string>> = {
  high: 'badge-danger',
  intermediate: 'badge-warning',
  'below-cutoff': 'badge-neutral',
  low: 'badge-success',
};

/**
 * The readmission risk computed at discharge: LACE with each item and its points, its band against the
 * configurable cut-off, and the HOSPITAL score when the stay's haemoglobin and sodium exist.
 */
export function RiskPanel({ patientId, stayId }: { patientId: string; stayId: string }) {
  const { t } = useTranslation();
  return (
    <StayResourcePanel
      name="risk"
      title={t('discharge.risk.title')}
      resourceKey={`readmission-risk:${patientId}:${stayId}`}
      load={(signal) => dischargeApi.readmissionRisk(patientId, stayId, signal)}
    >
      {(view) =>
        view.assessment === null ? (
          <p className="empty-text">{t('discharge.risk.notYet')}</p>
        ) : (
          <RiskBody assessment={view.assessment} />
        )
      }
    </StayResourcePanel>
  );
}

function RiskBody({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { lace, hospital, charlson } = assessment;
  return (
    <div className="stack">
      <h3 className="subsection-title">
        {t('discharge.risk.lace')}{' '}
        <span className={`badge ${BAND_BADGE[assessment.band] ?? 'badge-neutral'}`} data-testid="risk-band">
          {t(`discharge.risk.band.${assessment.band}`)}
        </span>
      </h3>
      <ScoreTable score="lace" items={lace.items} total={lace.total} testId="risk-lace" />
      <p className="field-hint" data-testid="risk-cutoff">
        {t('discharge.risk.cutoff', { cutoff: assessment.cutoff })} {t('discharge.risk.laceSource')}
      </p>
      <p className="item-meta">
        {charlson.categories.length === 0
          ? t('discharge.risk.charlsonNone')
          : t('discharge.risk.charlson', {
              list: charlson.categories
                .map(
                  ({ category, weight }) =>
                    `${translateOr(`discharge.risk.charlsonCategories.${category}`, category)} (${weight})`,
                )
                .join(', '),
            })}
      </p>
      <h3 className="subsection-title">
        {t('discharge.risk.hospital')}{' '}
        {hospital !== null && (
          <span className={`badge ${BAND_BADGE[hospital.band] ?? 'badge-neutral'}`}>
            {t(`discharge.risk.band.${hospital.band}`)}
          </span>
        )}
      </h3>
      {hospital === null ? (
        <p className="muted" data-testid="risk-hospital-missing">
          {t('discharge.risk.hospitalMissing')}
        </p>
      ) : (
        <>
          <ScoreTable score="hospital" items={hospital.items} total={hospital.total} testId="risk-hospital" />
          <p className="field-hint">{t('discharge.risk.hospitalSource')}</p>
        </>
      )}
    </div>
  );
}

function ScoreTable({
  score,
  items,
  total,
  testId,
}: {
  score: 'lace' | 'hospital';
  items: readonly Item[];
  total: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const value = (item: Item) =>
    typeof item.value === 'boolean'
      ? t(item.value ? 'discharge.risk.yes' : 'discharge.risk.no')
      : formatNumber(item.value, language);
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('discharge.risk.item')}</th>
          <th scope="col">{t('discharge.risk.value')}</th>
          <th scope="col" className="cell-number">
            {t('discharge.risk.points')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.item} data-testid={`${testId}-item`}>
            <td>
              <strong>{item.item}</strong>{' '}
              {t(`discharge.risk.items.${score}.${item.item}` as 'discharge.risk.items.lace.L')}
            </td>
            <td>{value(item)}</td>
            <td className="cell-number">{item.points}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t('discharge.risk.total')}
          </th>
          <td className="cell-number cell-strong" data-testid={`${testId}-total`}>
            {total}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
