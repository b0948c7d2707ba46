import { useTranslation } from 'react-i18next';
import type { PortalSummary } from '../api-types.ts';
import { api } from '../api-client.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { sortCareTeam, GP_ROLE } from '../components/record/care-team-section.tsx';
import { roleLabel, specialtyOrProfessionLabel } from '../labels.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';
import { AppointmentWhen } from '../components/appointment-when.tsx';
import { PortalQuestionnairesSection } from '../components/questionnaire/portal-questionnaires-section.tsx';
import { PortalPathwaysSection } from '../components/pathways/portal-pathways-section.tsx';
import { PortalMyDataLink } from '../components/patient-rights/portal-my-data-link.tsx';
import { PortalReferralsSection } from '../components/referrals/portal-referrals-section.tsx';
import { PortalAccessLogLink } from '../components/audit/portal-access-log-link.tsx';
import { PortalEmergencyAccessSection } from '../components/break-glass/portal-emergency-access-section.tsx';
import { PortalSharingLink } from '../components/sharing/portal-sharing-link.tsx';

/** The patient's own space: their team, their current treatments, their next appointments. Plain words. */
export function PortalPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.title'));
  const summary = useResource('portal', (signal) => api.portal(signal));
  return (
    <div className="page portal" data-testid="portal">
      {summary.status === 'loading' && <LoadingState />}
      {summary.status === 'error' && (
        <ProblemMessage
          error={summary.error}
          testId="portal-error"
          {...(summary.error.status >= 500 || summary.error.isNetwork ? { onRetry: summary.reload } : {})}
        />
      )}
      {summary.status === 'ready' && <PortalView summary={summary.data} />}
    </div>
  );
}

function PortalView({ summary }: { summary: PortalSummary }) {
  const { t } = useTranslation();
  const current = summary.medications;
  const appointments = summary.upcomingAppointments; // soonest first, as the server sends them

  return (
    <>
      <div className="portal-hello">
        <h1 tabIndex={-1}>{t('portal.greeting', { name: summary.firstGivenName })}</h1>
        <p>{t('portal.intro')}</p>
      </div>

      <PortalEmergencyAccessSection />

      <section className="portal-section" aria-labelledby="portal-appointments" data-testid="appointments">
        <h2 id="portal-appointments">{t('portal.appointments')}</h2>
        {appointments.length === 0 ? (
          <p className="portal-empty">{t('portal.noAppointments')}</p>
        ) : (
          <ul className="portal-list">
            {appointments.map((appointment) => (
              <li key={appointment.id} className="portal-card" data-testid="appointment">
                <AppointmentWhen appointment={appointment} className="portal-when" />
                <dl className="portal-facts">
                  <div>
                    <dt>{t('portal.why')}</dt>
                    <dd>
                      {appointment.reason}{' '}
                      <span className="muted">({t(`appointments.kinds.${appointment.kind}`)})</span>
                    </dd>
                  </div>
                  {appointment.with !== null && (
                    <div>
                      <dt>{t('portal.with')}</dt>
                      <dd>{appointment.with}</dd>
                    </div>
                  )}
                  {appointment.place !== null && (
                    <div>
                      <dt>{t('portal.where')}</dt>
                      <dd>{appointment.place}</dd>
                    </div>
                  )}
                </dl>
                {appointment.instructions !== null && (
                  <div className="instructions portal-instructions" data-testid="appointment-instructions">
                    <p className="instructions-title">{t('portal.instructions')}</p>
                    <p>{appointment.instructions}</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <PortalPathwaysSection />

      <PortalReferralsSection />

      <section className="portal-section" aria-labelledby="portal-medications" data-testid="medications">
        <h2 id="portal-medications">{t('portal.medications')}</h2>
        {current.length === 0 ? (
          <p className="portal-empty">{t('portal.noMedications')}</p>
        ) : (
          <ul className="portal-list">
            {current.map((medication) => (
              <li key={medication.id} className="portal-card" data-testid="medication">
                <p className="portal-card-title">{medication.name}</p>
                <p>{t('portal.howToTake', { dosage: medication.dosage })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="portal-section" aria-labelledby="portal-team" data-testid="care-team">
        <h2 id="portal-team">{t('portal.careTeam')}</h2>
        {summary.careTeam.length === 0 ? (
          <p className="portal-empty">{t('portal.noCareTeam')}</p>
        ) : (
          <ul className="portal-list">
            {sortCareTeam(summary.careTeam).map((member) => (
              <li
                key={member.id}
                className={`portal-card${member.role === GP_ROLE ? ' portal-card-gp' : ''}`}
                data-testid="care-team-member"
              >
                {member.role === GP_ROLE ? (
                  <p className="badge badge-primary portal-role" data-testid="gp-badge">
                    {t('portal.yourGp')}
                  </p>
                ) : (
                  <p className="portal-role">{roleLabel(member.role)}</p>
                )}
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

      <PortalQuestionnairesSection />

      <PortalSharingLink />

      <PortalAccessLogLink />
      <PortalMyDataLink />

      <p className="portal-help">{t('portal.help')}</p>
    </>
  );
}
