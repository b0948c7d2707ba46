import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<page> · Relais", in the current language. */
export function useDocumentTitle(page: string | null): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page === null || page === '' ? app : `${page} · ${app}`;
  }, [page, app]);
}
