import { useTranslation } from 'react-i18next';
import type { Medication } from '../../api-types.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { SectionCard } from '../section-card.tsx';

/** Active medications first, then stopped ones (muted); stable order within each group. */
export function activeFirst(medications: readonly Medication[]): Medication[] {
  return [...medications].sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active'));
}

export function MedicationsSection({ medications }: { medications: readonly Medication[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <SectionCard
      title={t('sections.medications')}
      testId="medications"
      count={medications.length}
      isEmpty={medications.length === 0}
      emptyText={t('empty.medications')}
    >
      <ul className="item-list">
        {activeFirst(medications).map((medication) => (
          <li
            key={medication.id}
            className={`item${medication.status === 'stopped' ? ' item-inactive' : ''}`}
            data-testid="medication"
            data-status={medication.status}
          >
            <div className="item-head">
              <span className="item-title">{medication.name}</span>
              <span className={`badge ${medication.status === 'active' ? 'badge-success' : 'badge-neutral'}`}>
                {t(`medications.status.${medication.status}`)}
              </span>
            </div>
            <p className="item-body">{medication.dosage}</p>
            <p className="item-meta">
              {medication.atcCode !== null && (
                <code className="code">{t('medications.atc', { code: medication.atcCode })}</code>
              )}
              {medication.atcCode !== null && medication.startedOn !== null && (
                <span aria-hidden="true"> · </span>
              )}
              {medication.startedOn !== null && (
                <span>
                  {t('medications.startedOn', { date: formatDate(medication.startedOn, language) })}
                </span>
              )}
            </p>
            {medication.provenance?.startsWith('reconciliation:') === true && (
              <p className="item-meta" data-testid="medication-provenance">
                {t('discharge.provenance', {
                  date: formatDate(medication.recordedAt.slice(0, 10), language),
                })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
