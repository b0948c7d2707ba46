import { useTranslation } from 'react-i18next';
import type { AuditLogFilterQuery } from '../../../src/contracts/audit-contracts.ts';
import { api } from '../api-client.ts';
import {
  AUDIT_FILTERS,
  AuditFilterForm,
  type AuditFilterName,
} from '../components/audit/audit-filter-form.tsx';
import { AuditLogTable } from '../components/audit/audit-log-table.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { navigate, useLocation } from '../router.tsx';
import { AUDIT_LOG_PATH } from '../session-context.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { usePagedResource } from '../use-paged-resource.ts';

/** The filters as the URL holds them, so a filtered view survives a reload and can be shared. */
function filtersOf(search: URLSearchParams): AuditLogFilterQuery {
  const filters: Partial<Record<AuditFilterName, string>> = {};
  for (const name of AUDIT_FILTERS) {
    const value = search.get(name);
    if (value !== null && value !== '') filters[name] = value;
  }
  return filters;
}

function pathWith(filters: AuditLogFilterQuery): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ).toString();
  return query === '' ? AUDIT_LOG_PATH : `${AUDIT_LOG_PATH}?${query}`;
}

/** The data protection officer's view of the audit trail: filter, page through, export as CSV. */
export function DpoAuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auditLog.title'));
  const { search } = useLocation();
  const filters = filtersOf(search);
  const key = pathWith(filters);
  const log = usePagedResource(`audit:${key}`, (cursor, signal) => api.auditLog(filters, cursor, signal));
  const { first } = log;

  return (
    <div className="page audit-page" data-testid="audit-page">
      <div className="page-heading">
        <h1 tabIndex={-1}>{t('auditLog.title')}</h1>
        <p className="page-intro">{t('auditLog.intro')}</p>
      </div>
      <AuditFilterForm
        key={key}
        filters={filters}
        onApply={(next) => navigate(pathWith(next))}
        onClear={() => navigate(AUDIT_LOG_PATH)}
      />
      <div className="audit-toolbar">
        <p className="muted" role="status" data-testid="audit-count">
          {first.status === 'ready' && t('auditLog.shown', { count: log.items.length })}
        </p>
        <a
          className="button button-secondary"
          href={api.auditExportUrl(filters)}
          download
          data-testid="audit-export"
          title={t('auditLog.exportHint')}
        >
          {t('auditLog.export')}
        </a>
      </div>
      {first.status === 'loading' && <LoadingState />}
      {first.status === 'error' && (
        <ProblemMessage error={first.error} testId="audit-error" onRetry={first.reload} />
      )}
      {first.status === 'ready' && log.items.length === 0 && (
        <div className="empty-panel" role="status" data-testid="audit-empty">
          <p className="empty-panel-title">{t('auditLog.empty')}</p>
        </div>
      )}
      {log.items.length > 0 && (
        <AuditLogTable
          items={log.items}
          onFilter={(name, value) => navigate(pathWith({ ...filters, [name]: value }))}
        />
      )}
      {log.moreError !== null && <ProblemMessage error={log.moreError} onRetry={() => void log.loadMore()} />}
      {log.hasMore && (
        <button
          type="button"
          className="button button-secondary audit-more"
          data-testid="audit-more"
          onClick={() => void log.loadMore()}
        >
          {t('auditLog.loadMore')}
        </button>
      )}
    </div>
  );
}
