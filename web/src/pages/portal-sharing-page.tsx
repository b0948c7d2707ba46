import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { GP_ROLE, sortCareTeam } from '../components/record/care-team-section.tsx';
import { SharingChoicesPanel } from '../components/sharing/sharing-choices-panel.tsx';
import { roleLabel, specialtyOrProfessionLabel } from '../labels.ts';
import { Link } from '../router.tsx';
import { portalSharing } from '../sharing-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/**
 * "Mes choix de partage": who shares the patient's record today (their care team), and the choices they
 * can make about it — object, keep a category to named people, let someone outside the team read —
 * each explained in plain words, and withdrawn as easily.
 */
export function PortalSharingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('sharing.portal.title'));
  const summary = useResource('portal', (signal) => api.portal(signal));

  return (
    <div className="page portal" data-testid="portal-sharing">
      <p className="back-link">
        <Link to="/portal">
          <span aria-hidden="true">← </span>
          {t('questionnaires.portal.back')}
        </Link>
      </p>
      <div className="portal-hello">
        <h1 tabIndex={-1}>{t('sharing.portal.title')}</h1>
        <p>{t('sharing.portal.intro')}</p>
      </div>
      <ul className="sharing-rights">
        <li>{t('sharing.portal.rights.objection')}</li>
        <li>{t('sharing.portal.rights.restriction')}</li>
        <li>{t('sharing.portal.rights.consent')}</li>
        <li>{t('sharing.portal.rights.atOnce')}</li>
      </ul>
      {summary.status === 'loading' && <LoadingState />}
      {summary.status === 'error' && <ProblemMessage error={summary.error} onRetry={summary.reload} />}
      {summary.status === 'ready' && (
        <>
          <section className="portal-section" aria-labelledby="sharing-team" data-testid="sharing-team">
            <h2 id="sharing-team">{t('sharing.portal.team')}</h2>
            <p>{t('sharing.portal.teamIntro')}</p>
            {summary.data.careTeam.length === 0 ? (
              <p className="portal-empty">{t('portal.noCareTeam')}</p>
            ) : (
              <ul className="portal-list">
                {sortCareTeam(summary.data.careTeam).map((member) => (
                  <li key={member.id} className="portal-card" data-testid="sharing-team-member-card">
                    <p className="portal-role">
                      {member.role === GP_ROLE ? t('portal.yourGp') : roleLabel(member.role)}
                    </p>
                    <p className="portal-card-title">{member.name}</p>
                    <p className="muted">
                      {[specialtyOrProfessionLabel(member.profession, member.specialty), member.organization]
                        .filter((part) => part !== null && part !== '')
                        .join(' · ')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="portal-section" aria-labelledby="sharing-mine" data-testid="sharing-mine">
            <h2 id="sharing-mine">{t('sharing.portal.mine')}</h2>
            <SharingChoicesPanel
              endpoint={portalSharing}
              careTeam={summary.data.careTeam}
              audience="patient"
            />
          </section>
        </>
      )}
    </div>
  );
}
