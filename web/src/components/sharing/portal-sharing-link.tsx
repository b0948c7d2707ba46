import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';

export const PORTAL_SHARING_PATH = '/portal/sharing';

/** The portal home's way in to "Mes choix de partage". */
export function PortalSharingLink() {
  const { t } = useTranslation();
  return (
    <section className="portal-section" aria-labelledby="portal-sharing" data-testid="portal-sharing-link">
      <h2 id="portal-sharing">{t('sharing.portal.title')}</h2>
      <p>{t('sharing.portal.teaser')}</p>
      <Link
        to={PORTAL_SHARING_PATH}
        className="button button-secondary button-large"
        data-testid="open-sharing"
      >
        {t('sharing.portal.open')}
      </Link>
    </section>
  );
}
