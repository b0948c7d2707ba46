import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

export function NotFoundPage({ home }: { home: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page empty-panel" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={home} className="button button-primary">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}
