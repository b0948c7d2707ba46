import type { MatchQueueList, MatchQueueResolution } from '../../src/contracts/adt-contracts.ts';
import type {
  AccessLogPage,
  AuditLogFilterQuery,
  AuditLogPage,
} from '../../src/contracts/audit-contracts.ts';
import type {
  AuthOptions,
  LoginRequest,
  LoginResponse,
  Me,
  PasswordChangeRequest,
  RecoveryCodes,
  SecondFactorRequest,
  SignedInResponse,
  TotpEnrolment,
} from '../../src/contracts/auth-contracts.ts';
import type {
  NotificationPage,
  NotificationSettingsInput,
  NotificationSettingsView,
  UnreadCount,
} from '../../src/contracts/notification-contracts.ts';
import type { OrganizationList, PractitionerList } from '../../src/contracts/record-contracts.ts';
import type { ServiceSla, ServiceSlaRequest } from '../../src/contracts/referral-contracts.ts';
import type {
  DryRunRequest,
  DryRunResult,
  PatientAlertList,
  RuleSetDetail,
  RuleSetList,
  SaveRuleSet,
} from '../../src/contracts/rules-contracts.ts';
import { ApiError, codeOfStatus } from './api-error.ts';
import type {
  CoordinationRecord,
  EnrolRequest,
  ExamCheckResult,
  PathwayAdherenceList,
  PathwayTemplateList,
  PathwayWorklist,
  PathwayWorklistQuery,
  PatientPathwayList,
  PortalPathwaySteps,
  NewReferralRequest,
  PortalReferralList,
  ReferralActionRequest,
  ReferralBox,
  ReferralBoxState,
  ReferralDetail,
  ReferralDraft,
  ReferralPage,
  NewTaskRequest,
  PatientSearchResult,
  PatientTaskList,
  PortalSummary,
  TaskAssignee,
  TaskDetail,
  WorklistCount,
  WorklistFilters,
  WorklistPage,
} from './api-types.ts';
import type {
  InstrumentList,
  NewQuestionnaireResponse,
  QuestionnaireHistory,
  SubmittedQuestionnaire,
} from '../../src/contracts/questionnaire-contracts.ts';
import type { Language } from './i18n.ts';

/**
 * The REST API, same origin. The server keeps the session in an httpOnly cookie set at login, so
 * every call sends cookies and no token is kept in JavaScript.
 */

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Called when any request (other than the login itself) answers 401: the app goes back to login. */
export function onUnauthorized(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /** For the login call, where 401 means "wrong credentials", not "session expired". */
  readonly expectUnauthorized?: boolean;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.signal !== undefined) init.signal = options.signal;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
    // CSRF proof for the cookie session: echo the readable companion cookie the server set at log-in.
    const csrf = csrfToken();
    if (csrf !== null) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network',
      title: 'Network error',
      detail: error instanceof Error ? error.message : 'fetch failed',
    });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && options.expectUnauthorized !== true) unauthorizedHandler?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function csrfToken(): string | null {
  const entry = document.cookie.split('; ').find((cookie) => cookie.startsWith('relais_csrf='));
  return entry === undefined ? null : decodeURIComponent(entry.slice('relais_csrf='.length));
}

async function problemOf(response: Response): Promise<ApiError> {
  const status = response.status;
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  let body: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  const field = (name: string): unknown =>
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  const text = (name: string): string | null => {
    const value = field(name);
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const errors = field('errors');
  return new ApiError({
    status,
    code: text('code') ?? codeOfStatus(status),
    title: text('title') ?? response.statusText,
    // Fastify's own errors (rate limit, bad JSON) carry `message` rather than `detail`.
    detail: text('detail') ?? text('message') ?? '',
    errors: Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [],
    retryAfterSeconds,
  });
}

const patientPath = (patientId: string): string => `/api/patients/${encodeURIComponent(patientId)}`;
const serviceSlaPath = (organizationId: string): string =>
  `/api/admin/services/${encodeURIComponent(organizationId)}/referral-sla`;
const taskPath = (taskId: string): string => `/api/tasks/${encodeURIComponent(taskId)}`;
const referralPath = (referralId: string): string => `/api/referrals/${encodeURIComponent(referralId)}`;
const pathwayPath = (patientId: string, enrolmentId: string): string =>
  `${patientPath(patientId)}/pathways/${encodeURIComponent(enrolmentId)}`;

/** The audit log's query: only the filters that are set. */
const auditQuery = (fields: Readonly<Record<string, string | undefined>>): string =>
  new URLSearchParams(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  ).toString();

/** The questionnaire routes answer in the interface language (wording, bands, urgent reasons). */
const withLang = (path: string, lang: Language): string =>
  `${path}?${new URLSearchParams({ lang }).toString()}`;

export const api = {
  login: (credentials: LoginRequest): Promise<LoginResponse> =>
    request<LoginResponse>('POST', '/api/auth/login', { body: credentials, expectUnauthorized: true }),

  /** The second log-in step: a TOTP code or a recovery code. */
  loginSecondFactor: (body: SecondFactorRequest): Promise<SignedInResponse> =>
    request<SignedInResponse>('POST', '/api/auth/login/second-factor', { body, expectUnauthorized: true }),

  authOptions: (signal?: AbortSignal): Promise<AuthOptions> =>
    request<AuthOptions>('GET', '/api/auth/options', { signal }),

  /** A plain link target: the browser goes to the OpenID Connect provider and comes back signed in. */
  oidcStartUrl: '/api/auth/oidc/start',

  changePassword: (body: PasswordChangeRequest): Promise<undefined> =>
    request<undefined>('POST', '/api/me/password', { body }),

  startTotpEnrolment: (): Promise<TotpEnrolment> =>
    request<TotpEnrolment>('POST', '/api/me/two-factor/enrolment'),

  confirmTotpEnrolment: (code: string): Promise<RecoveryCodes> =>
    request<RecoveryCodes>('POST', '/api/me/two-factor/confirmation', { body: { code } }),

  logout: (): Promise<undefined> => request<undefined>('POST', '/api/auth/logout'),

  /** Who is signed in; 401 (an ApiError) when nobody is. Does not trigger the unauthorized handler. */
  me: (signal?: AbortSignal): Promise<Me> =>
    request<Me>('GET', '/api/me', { signal, expectUnauthorized: true }),

  searchPatients: (q: string, signal?: AbortSignal): Promise<PatientSearchResult> =>
    request<PatientSearchResult>('GET', `/api/patients?${new URLSearchParams({ q }).toString()}`, { signal }),

  record: (patientId: string, signal?: AbortSignal): Promise<CoordinationRecord> =>
    request<CoordinationRecord>('GET', patientPath(patientId), { signal }),

  portal: (signal?: AbortSignal): Promise<PortalSummary> =>
    request<PortalSummary>('GET', '/api/portal/me', { signal }),

  practitioners: (signal?: AbortSignal): Promise<PractitionerList> =>
    request<PractitionerList>('GET', '/api/practitioners', { signal }),

  notifications: (
    page: { limit: number; cursor: string | null },
    signal?: AbortSignal,
  ): Promise<NotificationPage> => {
    const query = new URLSearchParams({ limit: String(page.limit) });
    if (page.cursor !== null) query.set('cursor', page.cursor);
    return request<NotificationPage>('GET', `/api/notifications?${query.toString()}`, { signal });
  },

  unreadCount: (signal?: AbortSignal): Promise<UnreadCount> =>
    request<UnreadCount>('GET', '/api/notifications/unread-count', { signal }),

  markNotificationRead: (notificationId: string): Promise<undefined> =>
    request<undefined>('POST', `/api/notifications/${encodeURIComponent(notificationId)}/read`),

  markAllNotificationsRead: (): Promise<UnreadCount> =>
    request<UnreadCount>('POST', '/api/notifications/read-all'),

  notificationSettings: (signal?: AbortSignal): Promise<NotificationSettingsView> =>
    request<NotificationSettingsView>('GET', '/api/me/notification-settings', { signal }),

  saveNotificationSettings: (settings: NotificationSettingsInput): Promise<NotificationSettingsView> =>
    request<NotificationSettingsView>('PUT', '/api/me/notification-settings', { body: settings }),

  services: (signal?: AbortSignal): Promise<OrganizationList> =>
    request<OrganizationList>('GET', '/api/services', { signal }),
  practices: (signal?: AbortSignal): Promise<OrganizationList> =>
    request<OrganizationList>('GET', '/api/practices', { signal }),

  worklist: (
    filters: WorklistFilters,
    cursor: string | null,
    signal?: AbortSignal,
  ): Promise<WorklistPage> => {
    const query = new URLSearchParams(
      Object.entries({ ...filters, cursor }).filter((entry): entry is [string, string] => entry[1] != null),
    );
    return request<WorklistPage>('GET', `/api/worklist?${query.toString()}`, { signal });
  },

  worklistCount: (signal?: AbortSignal): Promise<WorklistCount> =>
    request<WorklistCount>('GET', '/api/worklist/count', { signal }),

  patientTasks: (patientId: string, signal?: AbortSignal): Promise<PatientTaskList> =>
    request<PatientTaskList>('GET', `${patientPath(patientId)}/tasks`, { signal }),

  task: (taskId: string, signal?: AbortSignal): Promise<TaskDetail> =>
    request<TaskDetail>('GET', taskPath(taskId), { signal }),

  createTask: (task: NewTaskRequest): Promise<{ id: string }> =>
    request<{ id: string }>('POST', '/api/tasks', { body: task }),

  /** Claim, start or complete: changes that need no more than the task. */
  changeTask: (taskId: string, change: 'claim' | 'start' | 'complete'): Promise<undefined> =>
    request<undefined>('POST', `${taskPath(taskId)}/${change}`),

  commentTask: (taskId: string, text: string): Promise<{ id: string }> =>
    request<{ id: string }>('POST', `${taskPath(taskId)}/comments`, { body: { text } }),

  cancelTask: (taskId: string, reason: string): Promise<undefined> =>
    request<undefined>('POST', `${taskPath(taskId)}/cancel`, { body: { reason } }),

  reassignTask: (taskId: string, assignee: TaskAssignee): Promise<undefined> =>
    request<undefined>('POST', `${taskPath(taskId)}/reassign`, { body: { assignee } }),

  instruments: (lang: Language, signal?: AbortSignal): Promise<InstrumentList> =>
    request<InstrumentList>('GET', withLang('/api/questionnaires', lang), { signal }),

  /** The signed-in patient's own questionnaires. */
  portalQuestionnaires: (lang: Language, signal?: AbortSignal): Promise<QuestionnaireHistory> =>
    request<QuestionnaireHistory>('GET', withLang('/api/portal/questionnaires', lang), { signal }),

  submitPortalQuestionnaire: (
    body: NewQuestionnaireResponse,
    lang: Language,
  ): Promise<SubmittedQuestionnaire> =>
    request<SubmittedQuestionnaire>('POST', withLang('/api/portal/questionnaires', lang), { body }),

  patientQuestionnaires: (
    patientId: string,
    lang: Language,
    signal?: AbortSignal,
  ): Promise<QuestionnaireHistory> =>
    request<QuestionnaireHistory>('GET', withLang(`${patientPath(patientId)}/questionnaires`, lang), {
      signal,
    }),

  submitPatientQuestionnaire: (
    patientId: string,
    body: NewQuestionnaireResponse,
    lang: Language,
  ): Promise<SubmittedQuestionnaire> =>
    request<SubmittedQuestionnaire>('POST', withLang(`${patientPath(patientId)}/questionnaires`, lang), {
      body,
    }),

  alerts: (patientId: string, signal?: AbortSignal): Promise<PatientAlertList> =>
    request<PatientAlertList>('GET', `${patientPath(patientId)}/alerts`, { signal }),

  dismissAlert: (patientId: string, alertId: string): Promise<undefined> =>
    request<undefined>('POST', `${patientPath(patientId)}/alerts/${encodeURIComponent(alertId)}/dismiss`),

  serviceSla: (organizationId: string, signal?: AbortSignal): Promise<ServiceSla> =>
    request<ServiceSla>('GET', serviceSlaPath(organizationId), { signal }),

  saveServiceSla: (organizationId: string, body: ServiceSlaRequest): Promise<ServiceSla> =>
    request<ServiceSla>('PUT', serviceSlaPath(organizationId), { body }),

  ruleSets: (signal?: AbortSignal): Promise<RuleSetList> =>
    request<RuleSetList>('GET', '/api/admin/rules', { signal }),

  ruleSet: (ruleSetId: string, signal?: AbortSignal): Promise<RuleSetDetail> =>
    request<RuleSetDetail>('GET', `/api/admin/rules/${encodeURIComponent(ruleSetId)}`, { signal }),

  saveRuleSet: (ruleSetId: string, body: SaveRuleSet): Promise<RuleSetDetail> =>
    request<RuleSetDetail>('PUT', `/api/admin/rules/${encodeURIComponent(ruleSetId)}`, { body }),

  switchRule: (ruleSetId: string, ruleId: string, enabled: boolean): Promise<undefined> =>
    request<undefined>(
      'PUT',
      `/api/admin/rules/${encodeURIComponent(ruleSetId)}/rules/${encodeURIComponent(ruleId)}`,
      { body: { enabled } },
    ),

  dryRun: (body: DryRunRequest): Promise<DryRunResult> =>
    request<DryRunResult>('POST', '/api/admin/rules/dry-run', { body }),

  /** A plain link target: the browser sends the session cookie and the server sets the content type. */
  documentContentUrl: (patientId: string, documentId: string): string =>
    `${patientPath(patientId)}/documents/${encodeURIComponent(documentId)}/content`,

  /** What the referral form proposes: recent results and documents, the liaison letter, the exams. */
  referralDraft: (patientId: string, signal?: AbortSignal): Promise<ReferralDraft> =>
    request<ReferralDraft>('GET', `${patientPath(patientId)}/referral-draft`, { signal }),

  /** Which asked exams repeat a result still valid (the duplicate-test warning). */
  examCheck: (patientId: string, codes: readonly string[], signal?: AbortSignal): Promise<ExamCheckResult> =>
    request<ExamCheckResult>('POST', `${patientPath(patientId)}/referrals/exam-check`, {
      body: { codes },
      signal,
    }),

  sendReferral: (patientId: string, referral: NewReferralRequest): Promise<{ id: string }> =>
    request<{ id: string }>('POST', `${patientPath(patientId)}/referrals`, { body: referral }),

  patientReferrals: (patientId: string, signal?: AbortSignal): Promise<ReferralPage> =>
    request<ReferralPage>('GET', `${patientPath(patientId)}/referrals`, { signal }),

  referralBox: (
    box: ReferralBox,
    page: { state: ReferralBoxState; cursor: string | null },
    signal?: AbortSignal,
  ): Promise<ReferralPage> => {
    const query = new URLSearchParams({ state: page.state });
    if (page.cursor !== null) query.set('cursor', page.cursor);
    return request<ReferralPage>('GET', `/api/referrals/${box}?${query.toString()}`, { signal });
  },

  referral: (referralId: string, signal?: AbortSignal): Promise<ReferralDetail> =>
    request<ReferralDetail>('GET', referralPath(referralId), { signal }),

  actOnReferral: (referralId: string, action: ReferralActionRequest): Promise<unknown> =>
    request<unknown>('POST', `${referralPath(referralId)}/actions`, { body: action }),

  /** An attachment or the report document, read through the referral (its parties need no care-team seat). */
  referralDocumentUrl: (referralId: string, documentId: string): string =>
    `${referralPath(referralId)}/documents/${encodeURIComponent(documentId)}/content`,

  portalReferrals: (signal?: AbortSignal): Promise<PortalReferralList> =>
    request<PortalReferralList>('GET', '/api/portal/referrals', { signal }),

  /** Pathway templates, latest versions, with their sources and which timings are defaults. */
  pathwayTemplates: (signal?: AbortSignal): Promise<PathwayTemplateList> =>
    request<PathwayTemplateList>('GET', '/api/pathway-templates', { signal }),

  patientPathways: (patientId: string, signal?: AbortSignal): Promise<PatientPathwayList> =>
    request<PatientPathwayList>('GET', `${patientPath(patientId)}/pathways`, { signal }),

  enrolInPathway: (patientId: string, body: EnrolRequest): Promise<{ id: string }> =>
    request<{ id: string }>('POST', `${patientPath(patientId)}/pathways`, { body }),

  /** Pause or resume: changes that need no more than the pathway. */
  changePathway: (patientId: string, enrolmentId: string, change: 'pause' | 'resume'): Promise<undefined> =>
    request<undefined>('POST', `${pathwayPath(patientId, enrolmentId)}/${change}`),

  endPathway: (patientId: string, enrolmentId: string, reason: string): Promise<undefined> =>
    request<undefined>('POST', `${pathwayPath(patientId, enrolmentId)}/end`, { body: { reason } }),

  skipPathwayStep: (patientId: string, occurrenceId: string, reason: string): Promise<undefined> =>
    request<undefined>(
      'POST',
      `${patientPath(patientId)}/pathway-steps/${encodeURIComponent(occurrenceId)}/skip`,
      { body: { reason } },
    ),

  /** Ruptures and steps due within N days across my caseload; unset filters are absent, not empty. */
  pathwayWorklist: (query: PathwayWorklistQuery, signal?: AbortSignal): Promise<PathwayWorklist> =>
    request<PathwayWorklist>(
      'GET',
      `/api/pathway-worklist?${new URLSearchParams(Object.entries(query)).toString()}`,
      { signal },
    ),

  pathwayAdherence: (signal?: AbortSignal): Promise<PathwayAdherenceList> =>
    request<PathwayAdherenceList>('GET', '/api/pathway-adherence', { signal }),

  portalPathways: (signal?: AbortSignal): Promise<PortalPathwaySteps> =>
    request<PortalPathwaySteps>('GET', '/api/portal/pathways', { signal }),

  /** The audit trail, for the DPO: one page of entries matching the filters, newest first. */
  auditLog: (
    filters: AuditLogFilterQuery,
    cursor: string | null,
    signal?: AbortSignal,
  ): Promise<AuditLogPage> =>
    request<AuditLogPage>(
      'GET',
      `/api/audit?${auditQuery({ ...filters, ...(cursor === null ? {} : { cursor }) })}`,
      {
        signal,
      },
    ),

  /** A plain link target: the browser downloads every matching entry as CSV. */
  auditExportUrl: (filters: AuditLogFilterQuery): string => `/api/audit/export?${auditQuery(filters)}`,

  /** "Who accessed my record", for the signed-in patient. */
  portalAccessLog: (cursor: string | null, signal?: AbortSignal): Promise<AccessLogPage> =>
    request<AccessLogPage>(
      'GET',
      cursor === null
        ? '/api/portal/access-log'
        : `/api/portal/access-log?${new URLSearchParams({ cursor }).toString()}`,
      { signal },
    ),

  matchQueue: (signal?: AbortSignal): Promise<MatchQueueList> =>
    request<MatchQueueList>('GET', '/api/hl7/match-queue', { signal }),

  linkMatchQueueItem: (itemId: string, patientId: string): Promise<MatchQueueResolution> =>
    request<MatchQueueResolution>('POST', `/api/hl7/match-queue/${encodeURIComponent(itemId)}/link`, {
      body: { patientId },
    }),

  dismissMatchQueueItem: (itemId: string, reason: string): Promise<MatchQueueResolution> =>
    request<MatchQueueResolution>('POST', `/api/hl7/match-queue/${encodeURIComponent(itemId)}/dismiss`, {
      body: { reason },
    }),
};
