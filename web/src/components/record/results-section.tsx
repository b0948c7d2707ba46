import { useTranslation } from 'react-i18next';
import type { LabResult } from '../../api-types.ts';
import { displayUnit, formatDateTime, formatNumber } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { SectionCard } from '../section-card.tsx';

const ARROW: Readonly<Record<string, string>> = { high: '↑', low: '↓', abnormal: '!' };

/** The latest coded results (LOINC): value and unit, reference range, interpretation flagged. */
export function ResultsSection({ results }: { results: readonly LabResult[] }) {
  const { t } = useTranslation();
  return (
    <SectionCard
      title={t('sections.results')}
      testId="results"
      count={results.length}
      isEmpty={results.length === 0}
      emptyText={t('empty.results')}
    >
      <ResultsTable results={results} />
    </SectionCard>
  );
}

/** Coded results as a table: exam and LOINC code, value and unit, range, interpretation, date. */
export function ResultsTable({ results }: { results: readonly LabResult[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <div className="table-scroll">
      <table className="table results-table">
        <thead>
          <tr>
            <th scope="col">{t('results.columns.exam')}</th>
            <th scope="col" className="cell-number">
              {t('results.columns.value')}
            </th>
            <th scope="col">{t('results.columns.range')}</th>
            <th scope="col">{t('results.columns.interpretation')}</th>
            <th scope="col">{t('results.columns.date')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => {
            const flagged = result.interpretation !== null && result.interpretation !== 'normal';
            return (
              <tr
                key={result.id}
                data-testid="result-row"
                data-interpretation={result.interpretation ?? 'none'}
                className={flagged ? 'row-flagged' : undefined}
              >
                <th scope="row" className="cell-label">
                  <span className="cell-strong">{result.display}</span>
                  <span className="cell-sub">
                    <code className="code">{t('results.loinc', { code: result.loincCode })}</code>
                  </span>
                </th>
                <td className={`cell-number${flagged ? ' value-flagged' : ''}`}>
                  {result.valueNumeric !== null
                    ? formatNumber(result.valueNumeric, language)
                    : result.valueText}
                  {result.unit !== null && displayUnit(result.unit, language) !== '' && (
                    <span className="unit" title={result.unit}>
                      {' '}
                      {displayUnit(result.unit, language)}
                    </span>
                  )}
                </td>
                <td className="cell-nowrap">{result.referenceRange ?? <span className="muted">—</span>}</td>
                <td>
                  {result.interpretation === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <span
                      className={`badge interpretation interpretation-${result.interpretation}`}
                      data-testid="interpretation"
                    >
                      {ARROW[result.interpretation] !== undefined && (
                        <span aria-hidden="true">{ARROW[result.interpretation]} </span>
                      )}
                      {t(`results.interpretation.${result.interpretation}`)}
                    </span>
                  )}
                </td>
                <td className="cell-nowrap">
                  <time dateTime={result.effectiveAt}>{formatDateTime(result.effectiveAt, language)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
