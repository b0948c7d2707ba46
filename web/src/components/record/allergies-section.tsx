import { useTranslation } from 'react-i18next';
import type { Allergy } from '../../api-types.ts';
import { SectionCard } from '../section-card.tsx';

const CRITICALITY_ORDER: Readonly<Record<Allergy['criticality'], number>> = {
  high: 0,
  'unable-to-assess': 1,
  low: 2,
};

/** Allergies and intolerances, high criticality first and highlighted. */
export function AllergiesSection({ allergies }: { allergies: readonly Allergy[] }) {
  const { t } = useTranslation();
  const sorted = [...allergies].sort(
    (a, b) => CRITICALITY_ORDER[a.criticality] - CRITICALITY_ORDER[b.criticality],
  );
  return (
    <SectionCard
      title={t('sections.allergies')}
      testId="allergies"
      count={allergies.length}
      isEmpty={allergies.length === 0}
      emptyText={t('empty.allergies')}
      className={allergies.some((a) => a.criticality === 'high') ? 'section-alert' : undefined}
    >
      <ul className="item-list">
        {sorted.map((allergy) => (
          <li
            key={allergy.id}
            className={`item allergy allergy-${allergy.criticality}`}
            data-testid="allergy"
            data-criticality={allergy.criticality}
          >
            <div className="item-head">
              <span className="item-title">
                {allergy.criticality === 'high' && (
                  <svg className="inline-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M8 1.5 15 14H1L8 1.5Z" />
                    <path className="icon-cut" d="M8 6v4M8 11.6v.4" />
                  </svg>
                )}
                {allergy.substance}
              </span>
              <span
                className={`badge ${allergy.criticality === 'high' ? 'badge-danger' : allergy.criticality === 'low' ? 'badge-neutral' : 'badge-warning'}`}
              >
                {t(`allergies.criticality.${allergy.criticality}`)}
              </span>
            </div>
            {allergy.reaction !== null && (
              <p className="item-meta">{t('allergies.reaction', { reaction: allergy.reaction })}</p>
            )}
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
