import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';

/** The Relais logo and name; a link home when signed in. */
export function BrandMark({ href }: { href?: string }) {
  const { t } = useTranslation();
  const content = (
    <>
      <svg className="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" />
        <path d="M9 22V10h7a4 4 0 0 1 0 8H9m7 0 5 4" />
      </svg>
      <span className="brand-text">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </span>
    </>
  );
  return href === undefined ? (
    <span className="brand">{content}</span>
  ) : (
    <Link className="brand" to={href}>
      {content}
    </Link>
  );
}
