import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';

/** From the portal's home to "who accessed my record". */
export function PortalAccessLogLink() {
  const { t } = useTranslation();
  return (
    <section className="portal-section" aria-labelledby="portal-access-log-link">
      <Link to="/portal/access-log" className="portal-card access-link" data-testid="portal-access-log-link">
        <span id="portal-access-log-link" className="portal-card-title">
          {t('accessLog.link')} <span aria-hidden="true">→</span>
        </span>
        <span className="muted">{t('accessLog.linkHint')}</span>
      </Link>
    </section>
  );
}
