import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../src/contracts/auth-contracts.ts';
import { api, onUnauthorized } from './api-client.ts';
import { toApiError, type ApiError } from './api-error.ts';
import { AppHeader } from './components/app-header.tsx';
import { LoadingState } from './components/loading-state.tsx';
import { ProblemMessage } from './components/problem-message.tsx';
import { hasStoredLanguage, setLanguage } from './i18n.ts';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { NotificationSettingsPage } from './pages/notification-settings-page.tsx';
import { NotificationsPage } from './pages/notifications-page.tsx';
import { PatientRecordPage } from './pages/patient-record-page.tsx';
import { PatientSearchPage } from './pages/patient-search-page.tsx';
import { PortalMyDataPage } from './pages/portal-my-data-page.tsx';
import { PortalPage } from './pages/portal-page.tsx';
import { PortalQuestionnairePage } from './pages/portal-questionnaire-page.tsx';
import { PortalSharingPage } from './pages/portal-sharing-page.tsx';
import { PORTAL_SHARING_PATH } from './components/sharing/portal-sharing-link.tsx';
import { NewReferralPage } from './pages/new-referral-page.tsx';
import { ReferralBoxPage } from './pages/referral-box-page.tsx';
import { ReferralPage } from './pages/referral-page.tsx';
import { PathwayWorklistPage } from './pages/pathway-worklist-page.tsx';
import { InpatientsWorklistPage } from './pages/inpatients-worklist-page.tsx';
import { StayPage } from './pages/stay-page.tsx';
import { WorklistPage } from './pages/worklist-page.tsx';
import { Hl7MatchQueuePage } from './pages/hl7-match-queue-page.tsx';
import { ReferralSlaAdminPage } from './pages/referral-sla-admin-page.tsx';
import { RulesAdminPage } from './pages/rules-admin-page.tsx';
import { AccountSecurityPage } from './pages/account-security-page.tsx';
import { DpoAuditPage } from './pages/dpo-audit-page.tsx';
import { PortalAccessLogPage } from './pages/portal-access-log-page.tsx';
import { matchPath, navigate, Redirect, safeInternalPath, useLocation } from './router.tsx';
import {
  ACCOUNT_SECURITY_PATH,
  AUDIT_LOG_PATH,
  homePathOf,
  isAdmin,
  isDpo,
  SessionContext,
  type Session,
} from './session-context.ts';

type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'unreachable'; readonly error: ApiError }
  /**
   * `expired`: a request got 401, so say so; after `expired` or a first visit the login page brings the
   * user back where they were (`?next=`); after `signed-out` it starts afresh.
   */
  | { readonly status: 'anonymous'; readonly reason: 'first-visit' | 'expired' | 'signed-out' }
  | { readonly status: 'signed-in'; readonly me: Me };

/** The shell: finds out who is signed in, guards the routes by account kind, and sends 401s to login. */
export function App() {
  const [session, setSession] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const location = useLocation();

  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (me) => {
        // A language chosen on this device wins; otherwise the account's preference.
        if (!hasStoredLanguage()) setLanguage(me.locale);
        setSession({ status: 'signed-in', me });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = toApiError(error);
        setSession(
          problem.status === 401 || problem.status === 403
            ? { status: 'anonymous', reason: 'first-visit' }
            : { status: 'unreachable', error: problem },
        );
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    onUnauthorized(() => setSession({ status: 'anonymous', reason: 'expired' }));
    return () => onUnauthorized(null);
  }, []);

  const signIn = useCallback((me: Me) => {
    setLanguage(me.locale);
    setSession({ status: 'signed-in', me });
    const next = safeInternalPath(new URLSearchParams(window.location.search).get('next'));
    navigate(next !== null && allowedFor(me, next) ? next : homePathOf(me), { replace: true });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // the session is gone either way for this tab; the cookie expires on the server
    }
    setSession({ status: 'anonymous', reason: 'signed-out' });
  }, []);

  const refresh = useCallback(async () => {
    const me = await api.me();
    setSession({ status: 'signed-in', me });
  }, []);

  const sessionValue = useMemo<Session | null>(
    () => (session.status === 'signed-in' ? { me: session.me, signOut, refresh } : null),
    [session, signOut, refresh],
  );

  switch (session.status) {
    case 'checking':
      return (
        <main id="main" className="center-screen">
          <LoadingState />
        </main>
      );
    case 'unreachable':
      return (
        <main id="main" className="center-screen">
          <ProblemMessage error={session.error} onRetry={() => setAttempt((n) => n + 1)} />
        </main>
      );
    case 'anonymous':
      if (location.pathname !== '/login') {
        const back =
          session.reason !== 'signed-out' && location.pathname !== '/'
            ? `?${new URLSearchParams({ next: location.href }).toString()}`
            : '';
        return <Redirect to={`/login${back}`} />;
      }
      return <LoginPage onSignedIn={signIn} sessionExpired={session.reason === 'expired'} />;
    case 'signed-in':
      return (
        <SessionContext value={sessionValue}>
          <SignedInShell me={session.me} pathname={location.pathname} />
        </SessionContext>
      );
  }
}

/**
 * Professionals work in /patients, /worklist and /referrals (administrators also in /admin, data protection
 * officers in /dpo); patients only see
 * /portal; everyone has /notifications.
 */
function allowedFor(me: Me, path: string): boolean {
  if (path.startsWith('/notifications') || path.startsWith('/account')) return true;
  if (me.kind === 'patient') return path.startsWith('/portal');
  return (
    path.startsWith('/patients') ||
    path.startsWith('/worklist') ||
    path.startsWith('/referrals') ||
    (isAdmin(me) && path.startsWith('/admin')) ||
    (isDpo(me) && path.startsWith('/dpo'))
  );
}

function SignedInShell({ me, pathname }: { me: Me; pathname: string }) {
  const { t } = useTranslation();
  const home = homePathOf(me);
  if (pathname === '/' || pathname === '/login') return <Redirect to={home} />;
  const knownArea = [
    '/patients',
    '/worklist',
    '/referrals',
    '/portal',
    '/notifications',
    '/admin',
    '/dpo',
    '/account',
  ].some((area) => pathname.startsWith(area));
  // An administrator (a DPO) without a second factor is sent to enrol before administration (the audit log) opens.
  if (me.twoFactor.enrolmentRequired && (pathname.startsWith('/admin') || pathname.startsWith('/dpo')))
    return <Redirect to={ACCOUNT_SECURITY_PATH} />;
  if (knownArea && !allowedFor(me, pathname)) return <Redirect to={home} />;

  const recordMatch = matchPath('/patients/:patientId', pathname);
  const newReferralFor = matchPath('/patients/:patientId/referrals/new', pathname)?.['patientId'];
  const referralId = matchPath('/referrals/:referralId', pathname)?.['referralId'];
  const stayMatch = matchPath('/patients/:patientId/stays/:stayId', pathname);
  const questionnaire = matchPath('/portal/questionnaires/:instrument', pathname)?.['instrument'];
  let page;
  if (pathname === '/patients') page = <PatientSearchPage />;
  else if (pathname === '/worklist') page = <WorklistPage />;
  else if (pathname === '/worklist/pathways') page = <PathwayWorklistPage />;
  else if (pathname === '/worklist/inpatients') page = <InpatientsWorklistPage />;
  else if (recordMatch?.['patientId'] !== undefined)
    page = <PatientRecordPage key={recordMatch['patientId']} patientId={recordMatch['patientId']} />;
  else if (stayMatch?.['patientId'] !== undefined && stayMatch['stayId'] !== undefined)
    page = (
      <StayPage key={stayMatch['stayId']} patientId={stayMatch['patientId']} stayId={stayMatch['stayId']} />
    );
  else if (newReferralFor !== undefined)
    page = <NewReferralPage key={newReferralFor} patientId={newReferralFor} />;
  else if (pathname === '/referrals/inbox') page = <ReferralBoxPage key="inbox" box="inbox" />;
  else if (pathname === '/referrals/outbox') page = <ReferralBoxPage key="outbox" box="outbox" />;
  else if (referralId !== undefined) page = <ReferralPage key={referralId} referralId={referralId} />;
  else if (pathname === '/portal') page = <PortalPage />;
  else if (pathname === '/portal/access-log') page = <PortalAccessLogPage />;
  else if (pathname === '/portal/my-data') page = <PortalMyDataPage />;
  else if (pathname === PORTAL_SHARING_PATH) page = <PortalSharingPage />;
  else if (pathname === '/notifications') page = <NotificationsPage />;
  else if (pathname === '/notifications/settings') page = <NotificationSettingsPage />;
  else if (questionnaire === 'PHQ-9' || questionnaire === 'GAD-7')
    page = <PortalQuestionnairePage key={questionnaire} instrumentId={questionnaire} />;
  else if (pathname === '/admin/rules') page = <RulesAdminPage />;
  else if (pathname === '/admin/referral-sla') page = <ReferralSlaAdminPage />;
  else if (pathname === '/admin/hl7') page = <Hl7MatchQueuePage />;
  else if (pathname === AUDIT_LOG_PATH) page = <DpoAuditPage />;
  else if (pathname === ACCOUNT_SECURITY_PATH) page = <AccountSecurityPage />;
  else page = <NotFoundPage home={home} />;

  return (
    <div className={`app-shell${me.kind === 'patient' ? ' app-shell-portal' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
