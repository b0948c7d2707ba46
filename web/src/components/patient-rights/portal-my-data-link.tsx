import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';

/** The portal's way to the patient's data: download it, or ask for a correction. */
export function PortalMyDataLink() {
  const { t } = useTranslation();
  return (
    <section className="portal-section" aria-labelledby="portal-my-data">
      <h2 id="portal-my-data">{t('patientRights.portal.title')}</h2>
      <Link to="/portal/my-data" className="button button-secondary button-large" data-testid="my-data-link">
        {t('patientRights.portal.linkText')}
      </Link>
    </section>
  );
}
