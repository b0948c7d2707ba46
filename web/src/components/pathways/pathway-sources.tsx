import { useTranslation } from 'react-i18next';
import type { PathwayTemplateSource } from '../../api-types.ts';

/** The published sources a template was built from, folded until asked for. */
export function PathwaySources({ sources }: { sources: readonly PathwayTemplateSource[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  return (
    <details className="pathway-sources" data-testid="pathway-sources">
      <summary>{t('pathways.sources.open', { count: sources.length })}</summary>
      <p className="field-hint">{t('pathways.sources.intro')}</p>
      <ul className="plain-list">
        {sources.map((source) => (
          <li key={source.id}>
            {source.url === null ? (
              source.title
            ) : (
              <a href={source.url} target="_blank" rel="noreferrer">
                {source.title}
              </a>
            )}
            {(source.publisher !== null || source.year !== null) && (
              <span className="muted"> — {[source.publisher, source.year].filter(Boolean).join(', ')}</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
