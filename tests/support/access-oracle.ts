import type { PrincipalKind } from './access-world.ts';

/**
 * The expected access to every route of the server, written down by hand from the rules in words —
 * never by calling the access policy — so the access matrix and the property test check the server
 * against an independent statement of who may do what. Routes are named "METHOD pattern" as in the
 * server's route table; a route in none of the tables fails the matrix, so a new one cannot slip by.
 */

/** Who a route is for, as it declares: anyone signed in, professionals only, or patients only. */
export type Audience = 'signed-in' | 'professional' | 'patient';

export interface RouteExpectation {
  readonly audience: Audience;
  /** The kinds of caller the route lets through, relative to the patient it names. */
  readonly allowed: readonly PrincipalKind[];
  /** Audit rows an allowed call leaves (1 unless said): an export is the gate's read, then its `export`. */
  readonly allowedAuditRows?: number;
}

/** The record's readers: the care team, a running break-the-glass, the patient's consent. */
const PRO_READERS: readonly PrincipalKind[] = ['care-team', 'break-glass', 'consent'];
/** …and the patient themself, where the route is open to patients. */
const READERS: readonly PrincipalKind[] = [...PRO_READERS, 'self'];
/** Writers: consent lets one read only; patients do not change their coordination record. */
const WRITERS: readonly PrincipalKind[] = ['care-team', 'break-glass'];
/**
 * A referral or a task opened by its id follows its parties (referrer, addressee, assignee, care
 * team), not the record's other bases: break-the-glass and consent open the record, where the
 * patient's referrals and tasks are listed, not someone's work item. In the world, the care-team GP
 * is the referrer and the assignee.
 */
const PARTIES: readonly PrincipalKind[] = ['care-team'];
/** The portal: every patient, each about their own record (professionals are refused). */
const PATIENTS: readonly PrincipalKind[] = ['self', 'other-patient'];

const pro = (allowed: readonly PrincipalKind[]): RouteExpectation => ({ audience: 'professional', allowed });
const anyone = (allowed: readonly PrincipalKind[]): RouteExpectation => ({ audience: 'signed-in', allowed });
const EXPORT = { allowedAuditRows: 2 } as const;

/** Routes that name one patient (directly, or through their document, stay, referral or task). */
export const PATIENT_ROUTES: Readonly<Record<string, RouteExpectation>> = {
  'GET /api/patients/:patientId': anyone(READERS),
  'GET /api/patients/:patientId/documents/:documentId/content': anyone(READERS),
  'POST /api/patients/:patientId/conditions': anyone(WRITERS),
  'POST /api/patients/:patientId/medications': anyone(WRITERS),
  'POST /api/patients/:patientId/allergies': anyone(WRITERS),
  'POST /api/patients/:patientId/results': anyone(WRITERS),
  'POST /api/patients/:patientId/care-team': anyone(WRITERS),
  'POST /api/patients/:patientId/appointments': anyone(WRITERS),
  'POST /api/patients/:patientId/documents': anyone(WRITERS),
  // Patients answer questionnaires about themselves, here or in the portal.
  'POST /api/patients/:patientId/questionnaires': anyone([...WRITERS, 'self']),
  'GET /api/patients/:patientId/questionnaires': anyone(READERS),
  'GET /api/patients/:patientId/tasks': pro(PRO_READERS),
  'GET /api/patients/:patientId/alerts': pro(PRO_READERS),
  'POST /api/patients/:patientId/alerts/:alertId/dismiss': pro(WRITERS),
  'PUT /api/patients/:patientId/targets/:name': pro(WRITERS),
  'POST /api/patients/:patientId/referrals': pro(WRITERS),
  // A check that writes nothing, but sends the referral's draft: the record's readers may.
  'POST /api/patients/:patientId/referrals/exam-check': pro(PRO_READERS),
  'GET /api/patients/:patientId/referral-draft': pro(PRO_READERS),
  'GET /api/patients/:patientId/referrals': pro(PRO_READERS),
  'GET /api/patients/:patientId/pathways': anyone(READERS),
  'POST /api/patients/:patientId/pathways': pro(WRITERS),
  'POST /api/patients/:patientId/pathways/:enrolmentId/pause': pro(WRITERS),
  'POST /api/patients/:patientId/pathways/:enrolmentId/resume': pro(WRITERS),
  'POST /api/patients/:patientId/pathway-steps/:occurrenceId/skip': pro(WRITERS),
  'POST /api/patients/:patientId/pathways/:enrolmentId/end': pro(WRITERS),
  'GET /api/patients/:patientId/stays': pro(PRO_READERS),
  'GET /api/patients/:patientId/stays/:stayId': pro(PRO_READERS),
  'POST /api/patients/:patientId/stays/:stayId/transition/items': pro(WRITERS),
  'POST /api/patients/:patientId/stays/:stayId/transition/items/:itemId': pro(WRITERS),
  'GET /api/patients/:patientId/stays/:stayId/letter': anyone(READERS),
  'POST /api/patients/:patientId/stays/:stayId/letter': pro(WRITERS),
  'GET /api/patients/:patientId/stays/:stayId/letter/pdf': anyone(READERS),
  'POST /api/patients/:patientId/stays/:stayId/letter/acknowledge': pro(WRITERS),
  'GET /api/patients/:patientId/stays/:stayId/reconciliation': anyone(READERS),
  'PUT /api/patients/:patientId/stays/:stayId/reconciliation': pro(WRITERS),
  'POST /api/patients/:patientId/stays/:stayId/reconciliation/confirm': pro(WRITERS),
  'GET /api/patients/:patientId/stays/:stayId/readmission-risk': anyone(READERS),
  // A new task about the patient (the body names them).
  'POST /api/tasks': pro(WRITERS),
  'GET /api/tasks/:taskId': pro(PARTIES),
  'POST /api/tasks/:taskId/claim': pro(PARTIES),
  'POST /api/tasks/:taskId/start': pro(PARTIES),
  'POST /api/tasks/:taskId/complete': pro(PARTIES),
  'POST /api/tasks/:taskId/cancel': pro(PARTIES),
  'POST /api/tasks/:taskId/reassign': pro(PARTIES),
  'POST /api/tasks/:taskId/comments': pro(PARTIES),
  'GET /api/referrals/:referralId': pro(PARTIES),
  'GET /api/referrals/:referralId/documents/:documentId/content': pro(PARTIES),
  'POST /api/referrals/:referralId/actions': pro(PARTIES),
  'GET /api/portal/me': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/questionnaires': { audience: 'patient', allowed: PATIENTS },
  'POST /api/portal/questionnaires': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/referrals': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/pathways': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/emergency-accesses': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/sharing-choices': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/access-log': { audience: 'patient', allowed: PATIENTS },
  'GET /api/portal/export': { audience: 'patient', allowed: PATIENTS, ...EXPORT },
  'GET /api/portal/export/summary.pdf': { audience: 'patient', allowed: PATIENTS, ...EXPORT },
  'POST /api/portal/rectification-requests': { audience: 'patient', allowed: PATIENTS },
  // Issue 8: the patient's choices are read like the record; exports and rectification likewise.
  'GET /api/patients/:patientId/sharing-choices': anyone(READERS),
  'GET /api/patients/:patientId/export': { ...anyone(READERS), ...EXPORT },
  'GET /api/patients/:patientId/export/summary.pdf': { ...anyone(READERS), ...EXPORT },
  'PATCH /api/patients/:patientId/identity': anyone(WRITERS),
  // FHIR: a Patient is the patient's identity; reading it (a version, the history) is reading the record.
  'GET /fhir/R4/Patient/:id': anyone(READERS),
  'GET /fhir/R4/Patient/:id/_history/:vid': anyone(READERS),
  'GET /fhir/R4/Patient/:id/_history': anyone(READERS),
  // An update opens the identity to compare it, then the rectification opens it to write: two rows.
  'PUT /fhir/R4/Patient/:id': { ...anyone(WRITERS), allowedAuditRows: 2 },
  // The record one part at a time: read by id (its patient's gate) or searched by patient (?patient=).
  'GET /fhir/R4/CareTeam/:id': anyone(READERS),
  'GET /fhir/R4/CareTeam': anyone(READERS),
  'GET /fhir/R4/DocumentReference/:id': anyone(READERS),
  'GET /fhir/R4/DocumentReference': anyone(READERS),
  'GET /fhir/R4/Binary/:id': anyone(READERS),
  'GET /fhir/R4/Appointment/:id': anyone(READERS),
  'GET /fhir/R4/Appointment': anyone(READERS),
  // Stays are for professionals, as the record's stay pages.
  'GET /fhir/R4/Encounter/:id': pro(PRO_READERS),
  'GET /fhir/R4/Encounter': pro(PRO_READERS),
  // FHIR referrals and tasks follow /api: by id their parties (the referral or task gate), a search
  // names the patient (the patient gate: referrals, then open tasks, one row each for Task).
  'GET /fhir/R4/ServiceRequest/:id': pro(PARTIES),
  'GET /fhir/R4/ServiceRequest': pro(PRO_READERS),
  'GET /fhir/R4/Task/:id': pro(PARTIES),
  'GET /fhir/R4/Task': { ...pro(PRO_READERS), allowedAuditRows: 2 },
  'POST /fhir/R4/Task': pro(WRITERS),
  // Messages follow their referral or task: read, searched (based-on the task) and written by its
  // parties through its gate; a create reads the task, comments, and reads the comment back.
  'GET /fhir/R4/Communication/:id': pro(PARTIES),
  'GET /fhir/R4/Communication': pro(PARTIES),
  'POST /fhir/R4/Communication': { ...pro(PARTIES), allowedAuditRows: 3 },
  // Pathways and sharing choices are searched by patient, read like the record (as on /api); one
  // read by its id opens its patient's gate the same way.
  'GET /fhir/R4/CarePlan': anyone(READERS),
  'GET /fhir/R4/Consent': anyone(READERS),
  'GET /fhir/R4/CarePlan/:id': anyone(READERS),
  'GET /fhir/R4/Consent/:id': anyone(READERS),
  ...Object.fromEntries(
    ['Condition', 'Observation', 'MedicationStatement', 'AllergyIntolerance'].flatMap((type) => [
      // Reading one entry, or searching one patient's (`?patient=<id>`), is reading the record.
      [`GET /fhir/R4/${type}/:id`, anyone(READERS)],
      [`GET /fhir/R4/${type}`, anyone(READERS)],
      // A create is the record's write, which answers the entry written (one row).
      [`POST /fhir/R4/${type}`, anyone(WRITERS)],
    ]),
  ),
  // The whole record in one read of the gate.
  'GET /fhir/R4/Patient/:id/$everything': anyone(READERS),
};

/**
 * What a route that changes who may access the record should answer each kind of caller: `allowed`
 * get a 2xx, `conflict` a 409 (the change is refused because of the world as it is), every other
 * signed-in caller a refusal (403, or 404 where the thing named is not theirs).
 */
export interface AccessChangeExpectation {
  readonly audience: Audience;
  readonly allowed: readonly PrincipalKind[];
  readonly conflict?: readonly PrincipalKind[];
}

/**
 * Patient routes that change who may access the record. Replayed in the matrix they would rewrite the
 * world under the cases that follow, so access-changing-routes.int.test.ts tries each on a patient of
 * its own.
 */
export const ACCESS_CHANGING_ROUTES: Readonly<Record<string, AccessChangeExpectation>> = {
  // Anyone outside the team may break the glass, a consent included (it only lets one read); the
  // team and a running grant have nothing to break; an objection refuses it like every access.
  'POST /api/patients/:patientId/break-glass': {
    audience: 'professional',
    allowed: ['ex-member', 'break-glass-expired', 'consent', 'outsider'],
    conflict: ['care-team', 'break-glass'],
  },
  // The patient and their care team (on the patient's behalf) record and withdraw choices;
  // break-the-glass opens the record, not the patient's choices.
  'POST /api/patients/:patientId/sharing-choices': { audience: 'signed-in', allowed: ['care-team', 'self'] },
  'POST /api/patients/:patientId/sharing-choices/:choiceId/withdraw': {
    audience: 'signed-in',
    allowed: ['care-team', 'self'],
  },
  // In the portal every patient records choices about their own record, and withdraws only their own
  // (another's choice is not found in their record).
  'POST /api/portal/sharing-choices': { audience: 'patient', allowed: ['self', 'other-patient'] },
  'POST /api/portal/sharing-choices/:choiceId/withdraw': { audience: 'patient', allowed: ['self'] },
  // Only the care team changes the care team.
  'POST /api/patients/:patientId/care-team/:memberId/end': { audience: 'signed-in', allowed: ['care-team'] },
};

/**
 * Routes that list patients across the caller's own work: the matrix checks that a caller refused a
 * patient never finds that patient's id or name in them. The patient search is one: only the care
 * team finds a patient (break-the-glass opens a record by its id, it does not widen the search).
 */
export const PATIENT_LISTS: readonly string[] = [
  'GET /api/patients',
  'GET /fhir/R4/Patient',
  'GET /api/worklist',
  'GET /api/referrals/inbox',
  'GET /api/referrals/outbox',
  'GET /api/pathway-worklist',
  'GET /api/worklist/inpatients',
  'GET /api/notifications',
];

/** Who finds the patient in those lists (a subset of what they may open). */
export const LIST_FINDERS: readonly PrincipalKind[] = ['care-team'];

/** Every other route, and why it is outside the matrix. */
export const NOT_PATIENT_ROUTES: Readonly<Record<string, string>> = {
  'GET /api/docs': 'OpenAPI description',
  'GET /api/docs/static/index.html': 'OpenAPI description',
  'GET /api/docs/static/swagger-initializer.js': 'OpenAPI description',
  'GET /api/docs/json': 'OpenAPI description',
  'GET /api/docs/yaml': 'OpenAPI description',
  'GET /api/docs/static/*': 'OpenAPI description',
  'GET /api/health': 'liveness',
  'POST /api/auth/login': 'log-in (account data only)',
  'POST /api/auth/login/second-factor': 'log-in (account data only)',
  'GET /api/auth/options': 'log-in options',
  'POST /api/auth/logout': 'the caller’s own session',
  'GET /api/auth/oidc/start': 'external log-in',
  'GET /api/auth/oidc/callback': 'external log-in',
  'GET /api/me': 'the caller’s own account',
  'POST /api/me/password': 'the caller’s own account',
  'POST /api/me/two-factor/enrolment': 'the caller’s own account',
  'POST /api/me/two-factor/confirmation': 'the caller’s own account',
  'GET /api/me/notification-settings': 'the caller’s own account',
  'PUT /api/me/notification-settings': 'the caller’s own account',
  'GET /api/notifications/unread-count': 'a count of the caller’s own notifications',
  'POST /api/notifications/:notificationId/read': 'marks the caller’s own notification (no content)',
  'POST /api/notifications/read-all': 'marks the caller’s own notifications (no content)',
  'GET /api/live': 'a signal stream with ids only (the reads that follow are checked)',
  'GET /api/worklist/count': 'counts of the caller’s own work, no patient',
  'GET /api/practitioners': 'the professional directory',
  'GET /api/services': 'the professional directory',
  'GET /api/practices': 'the professional directory',
  'GET /api/directory': 'the professional directory (names of professionals and organisations)',
  'GET /api/break-glass/policy': 'how long a break-the-glass access lasts (no patient)',
  'GET /api/audit': 'the DPO audit log (dpo role with TOTP; tested in audit-routes)',
  'GET /api/audit/export': 'the DPO audit log (dpo role with TOTP; tested in audit-routes)',
  'GET /api/questionnaires': 'the questionnaires offered (instruments, no answers)',
  'GET /api/pathway-templates': 'pathway templates (no patient)',
  'GET /api/pathway-adherence': 'adherence rates (no patient)',
  'GET /api/transitions/indicators': 'discharge indicators (no patient)',
  'POST /api/patients': 'registers a new patient (no existing record is opened)',
  'POST /fhir/R4/Patient':
    'registers a new patient; a conditional create finds the existing one through the search within reach (fhir-access tests)',
  'GET /fhir/R4/metadata': 'the CapabilityStatement (public, no patient)',
  'GET /fhir/R4/Practitioner': 'the professional directory (professionals only, as /api/practitioners)',
  'GET /fhir/R4/Practitioner/:id': 'the professional directory (professionals only, as /api/practitioners)',
  'GET /fhir/R4/PractitionerRole': 'the professional directory (professionals only, as /api/practitioners)',
  'GET /fhir/R4/PractitionerRole/:id':
    'the professional directory (professionals only, as /api/practitioners)',
  'GET /fhir/R4/PlanDefinition': 'the care-pathway templates (professionals only, as /api/pathway-templates)',
  'GET /fhir/R4/PlanDefinition/:id':
    'the care-pathway templates (professionals only, as /api/pathway-templates)',
  'GET /fhir/R4/Organization': 'the professional directory (professionals only, as /api/services)',
  'GET /fhir/R4/Organization/:id': 'the professional directory (professionals only, as /api/services)',
  'GET /fhir/R4/AuditEvent':
    'the DPO audit log as /api/audit (dpo role with TOTP, not the care-team gate: it oversees accesses, it is no care data; reads and refusals audited; tested in fhir-audit-event)',
  'GET /fhir/R4/AuditEvent/:id':
    'the DPO audit log as /api/audit (dpo role with TOTP, not the care-team gate: it oversees accesses, it is no care data; reads and refusals audited; tested in fhir-audit-event)',
  'POST /fhir/R4':
    'a transaction or batch Bundle: each entry goes through its module’s create or update, so through the gate (fhir-bundle tests)',
  'GET /api/admin/rules': 'administration (admin role, no patient)',
  'GET /api/admin/rules/:ruleSetId': 'administration (admin role, no patient)',
  'PUT /api/admin/rules/:ruleSetId': 'administration (admin role, no patient)',
  'PUT /api/admin/rules/:ruleSetId/rules/:ruleId': 'administration (admin role, no patient)',
  'POST /api/admin/rules/dry-run': 'administration (admin role, counts over past events)',
  'GET /api/admin/services/:organizationId/referral-sla': 'administration (admin role, no patient)',
  'PUT /api/admin/services/:organizationId/referral-sla': 'administration (admin role, no patient)',
  'POST /api/hl7/messages': 'ADT intake for interface engines (admin role; tested in hl7-routes)',
  'GET /api/hl7/match-queue': 'ADT identity matching (admin role; tested in match-queue-routes)',
  'POST /api/hl7/match-queue/:id/link': 'ADT identity matching (admin role; tested in match-queue-routes)',
  'POST /api/hl7/match-queue/:id/dismiss': 'ADT identity matching (admin role; tested in match-queue-routes)',
};

export type Expected = 'allow' | 'deny' | 'unauthenticated';

/** What a caller of `kind` should get from a route. */
export function expectedAccess(route: RouteExpectation, kind: PrincipalKind): Expected {
  if (kind === 'anonymous') return 'unauthenticated';
  return route.allowed.includes(kind) ? 'allow' : 'deny';
}

/**
 * The audit row a request should leave: none when nobody is signed in or the route's audience refuses
 * the caller before any patient is looked at; else one row, on the patient named (the portal's: the
 * caller's own), allowed or denied like the answer.
 */
export function expectedAudit(
  route: RouteExpectation,
  kind: PrincipalKind,
): { patient: 'named' | 'own'; outcome: 'allowed' | 'denied'; rows: number } | null {
  if (kind === 'anonymous') return null;
  const isPatient = kind === 'self' || kind === 'other-patient';
  if (route.audience === 'professional' && isPatient) return null;
  if (route.audience === 'patient' && !isPatient) return null;
  const outcome = route.allowed.includes(kind) ? 'allowed' : 'denied';
  const rows = outcome === 'allowed' ? (route.allowedAuditRows ?? 1) : 1;
  return { patient: route.audience === 'patient' ? 'own' : 'named', outcome, rows };
}
