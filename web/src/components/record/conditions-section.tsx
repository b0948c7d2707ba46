import { useTranslation } from 'react-i18next';
import type { Condition } from '../../api-types.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { SectionCard } from '../section-card.tsx';

/** Problems (conditions), active ones first, each with its code system and code. */
export function ConditionsSection({ conditions }: { conditions: readonly Condition[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const sorted = [...conditions].sort(
    (a, b) => Number(a.clinicalStatus !== 'active') - Number(b.clinicalStatus !== 'active'),
  );
  return (
    <SectionCard
      title={t('sections.conditions')}
      testId="conditions"
      count={conditions.length}
      isEmpty={conditions.length === 0}
      emptyText={t('empty.conditions')}
    >
      <ul className="item-list">
        {sorted.map((condition) => (
          <li
            key={condition.id}
            className={`item${condition.clinicalStatus === 'resolved' ? ' item-inactive' : ''}`}
            data-testid="condition"
          >
            <div className="item-head">
              <span className="item-title">{condition.display}</span>
              <span
                className={`badge ${condition.clinicalStatus === 'active' ? 'badge-info' : 'badge-neutral'}`}
              >
                {t(`conditions.status.${condition.clinicalStatus}`)}
              </span>
            </div>
            <p className="item-meta">
              <code className="code" title={condition.codeSystem}>
                {condition.codeSystem} {condition.code}
              </code>
              {condition.onsetDate !== null && (
                <span> · {t('conditions.onset', { date: formatDate(condition.onsetDate, language) })}</span>
              )}
            </p>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
