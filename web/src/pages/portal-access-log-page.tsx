import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import { AccessLogCard } from '../components/audit/access-log-card.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { usePagedResource } from '../use-paged-resource.ts';

/** "Qui a consulté mon dossier": the professionals' accesses to the patient's record, newest first. */
export function PortalAccessLogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('accessLog.title'));
  const log = usePagedResource('portal-access-log', (cursor, signal) => api.portalAccessLog(cursor, signal));
  const { first } = log;
  return (
    <div className="page portal" data-testid="portal-access-log">
      <p className="back-link">
        <Link to="/portal">
          <span aria-hidden="true">← </span>
          {t('accessLog.back')}
        </Link>
      </p>
      <div className="portal-hello">
        <h1 tabIndex={-1}>{t('accessLog.title')}</h1>
        <p>{t('accessLog.intro')}</p>
      </div>
      {first.status === 'loading' && <LoadingState />}
      {first.status === 'error' && <ProblemMessage error={first.error} onRetry={first.reload} />}
      {first.status === 'ready' && log.items.length === 0 && (
        <p className="portal-empty" data-testid="access-log-empty">
          {t('accessLog.empty')}
        </p>
      )}
      {log.items.length > 0 && (
        <ul className="portal-list" data-testid="access-log-list">
          {log.items.map((item) => (
            <AccessLogCard key={item.id} item={item} />
          ))}
        </ul>
      )}
      {log.moreError !== null && <ProblemMessage error={log.moreError} onRetry={() => void log.loadMore()} />}
      {log.hasMore && (
        <button
          type="button"
          className="button button-secondary button-large"
          data-testid="access-log-more"
          onClick={() => void log.loadMore()}
        >
          {t('accessLog.loadMore')}
        </button>
      )}
    </div>
  );
}
