import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { currentLanguage } from '../../i18n.ts';
import { inLanguage, sharePercent } from '../../pathway-labels.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';

/** Per template, across my caseload: steps done on time, late, missed, and the share on time. */
export function AdherenceTable() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const adherence = useResource('pathway-adherence', (signal) => api.pathwayAdherence(signal));
  const items = adherence.status === 'ready' ? adherence.data.items : [];

  return (
    <section className="card section-card" aria-labelledby={headingId} data-testid="pathway-adherence-table">
      <h2 id={headingId} className="card-title">
        {t('pathwayWorklist.adherence.title')}
      </h2>
      <p className="field-hint">{t('pathwayWorklist.adherence.intro')}</p>
      {adherence.status === 'loading' && <LoadingState />}
      {adherence.status === 'error' && <ProblemMessage error={adherence.error} onRetry={adherence.reload} />}
      {adherence.status === 'ready' && items.length === 0 && (
        <p className="empty-text">{t('pathwayWorklist.adherence.empty')}</p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('pathwayWorklist.adherence.pathway')}</th>
                <th scope="col" className="cell-number">
                  {t('pathwayWorklist.adherence.onTime')}
                </th>
                <th scope="col" className="cell-number">
                  {t('pathwayWorklist.adherence.late')}
                </th>
                <th scope="col" className="cell-number">
                  {t('pathwayWorklist.adherence.missing')}
                </th>
                <th scope="col" className="cell-number">
                  {t('pathwayWorklist.adherence.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr
                  key={row.templateId}
                  data-testid="pathway-adherence-row"
                  data-template-id={row.templateId}
                >
                  <th scope="row" className="cell-label">
                    {inLanguage(row.title, language)}
                  </th>
                  <td className="cell-number">{row.doneOnTime}</td>
                  <td className="cell-number">{row.doneLate}</td>
                  <td className="cell-number">{row.missing}</td>
                  <td className="cell-number cell-strong">{sharePercent(row.share, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
