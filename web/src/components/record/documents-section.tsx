import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../api-types.ts';
import { api } from '../../api-client.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { documentTypeLabel } from '../../labels.ts';
import { SectionCard } from '../section-card.tsx';

/** Documents (letters, reports), newest first; each opens its content in a new tab. */
export function DocumentsSection({
  patientId,
  documents,
}: {
  patientId: string;
  documents: readonly DocumentSummary[];
}) {
  const { t } = useTranslation();
  const sorted = [...documents].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <SectionCard
      title={t('sections.documents')}
      testId="documents"
      count={documents.length}
      isEmpty={documents.length === 0}
      emptyText={t('empty.documents')}
    >
      <DocumentList
        documents={sorted}
        hrefOf={(document) => api.documentContentUrl(patientId, document.id)}
      />
    </SectionCard>
  );
}

/** Documents, each a link that opens its content in a new tab. */
export function DocumentList({
  documents,
  hrefOf,
}: {
  documents: readonly DocumentSummary[];
  hrefOf: (document: DocumentSummary) => string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <ul className="item-list">
      {documents.map((document) => (
        <li key={document.id} className="item document-item" data-testid="document">
          <svg className="document-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 2.5h8l4.5 4.5v14.5H6z" />
            <path d="M14 2.5V7h4.5M9 12h6M9 15.5h6" />
          </svg>
          <div className="document-body">
            <a
              className="item-title document-link"
              href={hrefOf(document)}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('documents.openLabel', { title: document.title })}
              data-testid="document-link"
            >
              {document.title}
            </a>
            <p className="item-meta">
              <span title={`LOINC ${document.typeCode}`}>{documentTypeLabel(document.typeCode)}</span>
              <span aria-hidden="true"> · </span>
              <time dateTime={document.createdAt}>{formatDateTime(document.createdAt, language)}</time>
              <span aria-hidden="true"> · </span>
              <span>{formatBytes(document.sizeBytes, language)}</span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
