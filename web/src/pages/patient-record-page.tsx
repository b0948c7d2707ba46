import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoordinationRecord } from '../api-types.ts';
import { api } from '../api-client.ts';
import { breakGlassCanLift } from '../components/break-glass/break-glass-api.ts';
import { BreakGlassBanner } from '../components/break-glass/break-glass-banner.tsx';
import { BreakGlassOffer } from '../components/break-glass/break-glass-offer.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PathwaysSection } from '../components/pathways/pathways-section.tsx';
import { PatientRightsCard } from '../components/patient-rights/patient-rights-card.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { AlertsSection } from '../components/record/alerts-section.tsx';
import { AllergiesSection } from '../components/record/allergies-section.tsx';
import { AppointmentsSection } from '../components/record/appointments-section.tsx';
import { CareTeamSection } from '../components/record/care-team-section.tsx';
import { ConditionsSection } from '../components/record/conditions-section.tsx';
import { DocumentsSection } from '../components/record/documents-section.tsx';
import { IdentityHeader } from '../components/record/identity-header.tsx';
import { MedicationsSection } from '../components/record/medications-section.tsx';
import { QuestionnairesSection } from '../components/record/questionnaires-section.tsx';
import { ReferralsSection } from '../components/record/referrals-section.tsx';
import { ResultsSection } from '../components/record/results-section.tsx';
import { TasksSection } from '../components/record/tasks-section.tsx';
import { TimelineSection } from '../components/record/timeline-section.tsx';
import { SharingChoicesSection } from '../components/sharing/sharing-choices-section.tsx';
import { StaysSection } from '../components/stays/stays-section.tsx';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';
import { lastSearchPath } from './last-search.ts';

/** The coordination record of one patient, for a member of their care team. */
export function PatientRecordPage({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const record = useResource(`record:${patientId}`, (signal) => api.record(patientId, signal));
  const name =
    record.status === 'ready'
      ? `${(record.data.identity.usedFamilyName ?? record.data.identity.birthFamilyName).toUpperCase()} ${record.data.identity.usedGivenName ?? record.data.identity.firstGivenName}`
      : null;
  useDocumentTitle(name === null ? t('record.title') : t('record.pageTitle', { name }));

  return (
    <div className="page page-record">
      <p className="back-link">
        <Link to={lastSearchPath()} data-testid="back-to-search">
          <span aria-hidden="true">← </span>
          {t('common.backToSearch')}
        </Link>
      </p>
      {record.status === 'loading' && <LoadingState />}
      {record.status === 'error' && breakGlassCanLift(record.error) && (
        <BreakGlassOffer patientId={patientId} refusal={record.error} onOpened={record.reload} />
      )}
      {record.status === 'error' && !breakGlassCanLift(record.error) && (
        <ProblemMessage
          error={record.error}
          testId="record-error"
          {...(record.error.status === 404
            ? { message: t('record.errors.notFound') }
            : record.error.status === 403
              ? { message: t('record.errors.forbidden') }
              : record.error.status >= 500 || record.error.isNetwork
                ? { onRetry: record.reload }
                : {})}
        />
      )}
      {record.status === 'ready' && <BreakGlassBanner access={record.data.access} onEnded={record.reload} />}
      {record.status === 'ready' && <RecordView record={record.data} onChange={record.reload} />}
    </div>
  );
}

/** `onChange` reloads the record after a change that alters what it shows (care team, sharing choices). */
function RecordView({ record, onChange }: { record: CoordinationRecord; onChange: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Move focus to the patient's name so screen readers announce the record that opened.
    headingRef.current?.querySelector<HTMLElement>('#patient-name')?.focus();
  }, [record.identity.patientId]);
  const highRisk = record.allergies.filter((allergy) => allergy.criticality === 'high');
  // Only the care team changes the team and the sharing choices (a referral, a consent or a
  // break-the-glass opens the record, not these).
  const inCareTeam = record.access.basis === 'care-team';

  return (
    <div ref={headingRef} className="record">
      <IdentityHeader identity={record.identity} />
      {highRisk.length > 0 && (
        <p className="notice notice-danger allergy-banner" data-testid="allergy-alert">
          <strong>
            {t('record.highAllergyAlert', { list: highRisk.map((a) => a.substance).join(', ') })}
          </strong>
        </p>
      )}
      <AlertsSection patientId={record.identity.patientId} />
      <div className="record-grid">
        <div className="record-main">
          <StaysSection patientId={record.identity.patientId} />
          <TasksSection patientId={record.identity.patientId} />
          <PathwaysSection patientId={record.identity.patientId} />
          <ReferralsSection patientId={record.identity.patientId} />
          <ConditionsSection conditions={record.conditions} />
          <MedicationsSection medications={record.medications} />
          <ResultsSection results={record.latestResults} />
          {/* The patient kept mental-health data (questionnaires) to others: nothing to show, nor to refuse. */}
          {!record.access.hiddenCategories.includes('mental-health') && (
            <QuestionnairesSection patientId={record.identity.patientId} />
          )}
          <DocumentsSection patientId={record.identity.patientId} documents={record.documents} />
          <SharingChoicesSection
            patientId={record.identity.patientId}
            careTeam={record.careTeam}
            onChange={onChange}
            canChange={inCareTeam}
          />
          <TimelineSection entries={record.timeline} careTeam={record.careTeam} />
        </div>
        <aside className="record-side" aria-label={t('sections.careTeam')}>
          <AllergiesSection allergies={record.allergies} />
          <CareTeamSection
            members={record.careTeam}
            patientId={record.identity.patientId}
            onChange={onChange}
            canEnd={inCareTeam}
          />
          <AppointmentsSection appointments={record.upcomingAppointments} />
          <PatientRightsCard identity={record.identity} onRectified={onChange} />
        </aside>
      </div>
    </div>
  );
}
