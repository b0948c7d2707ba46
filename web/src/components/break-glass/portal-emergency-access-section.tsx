import { useTranslation } from 'react-i18next';
import { formatLongDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { useLiveEvents } from '../../live-events.ts';
import { useResource } from '../../use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { breakGlassApi } from './break-glass-api.ts';

/**
 * "Accès d'urgence à votre dossier" on the patient's portal: each time a professional outside their
 * team opened the record in an emergency — who, when, until when, why — newest first. Shown only
 * when there is one; a new one arrives with its notification, so the list reloads then.
 */
export function PortalEmergencyAccessSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const accesses = useResource('portal-emergency-accesses', (signal) =>
    breakGlassApi.accessesToMyRecord(signal),
  );
  useLiveEvents('notification', accesses.reload);
  if (accesses.status === 'error') return <ProblemMessage error={accesses.error} onRetry={accesses.reload} />;
  if (accesses.status !== 'ready' || accesses.data.items.length === 0) return null;
  const now = Date.now();
  return (
    <section
      className="portal-section"
      aria-labelledby="portal-emergency-accesses"
      data-testid="portal-emergency-accesses"
    >
      <h2 id="portal-emergency-accesses">{t('breakGlass.portal.title')}</h2>
      <ul className="portal-list">
        {accesses.data.items.map((access) => (
          <li key={access.id} className="portal-card portal-emergency-access" data-testid="emergency-access">
            <p className="portal-card-title">
              {access.organization === null
                ? access.holderName
                : `${access.holderName} (${access.organization})`}
            </p>
            <p>{t('breakGlass.portal.opened', { when: formatLongDateTime(access.grantedAt, language) })}</p>
            <p>
              {t(
                Date.parse(access.expiresAt) > now ? 'breakGlass.portal.running' : 'breakGlass.portal.ended',
                {
                  until: formatLongDateTime(access.expiresAt, language),
                },
              )}
            </p>
            <p>{t('breakGlass.portal.reason', { reason: access.reason })}</p>
          </li>
        ))}
      </ul>
      <p className="portal-help">{t('breakGlass.portal.help')}</p>
    </section>
  );
}
