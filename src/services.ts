import type { Kysely } from 'kysely';
import type { SecurityLog } from './domain/accounts/account-ports.ts';
import { createAccountService, type AccountSecurityPolicy } from './domain/accounts/account-service.ts';
import { DEFAULT_LOCKOUT_POLICY } from './domain/accounts/login-lockout.ts';
import { DEFAULT_PASSWORD_POLICY } from './domain/accounts/password-policy.ts';
import { DEFAULT_SESSION_POLICY } from './domain/accounts/session-lifetime.ts';
import { createTwoFactorService } from './domain/accounts/two-factor-service.ts';
import { createPatientAccess } from './domain/access/patient-access-service.ts';
import { applyWaitingMessages } from './domain/adt-inbox/adt-apply.ts';
import { createAccessLogService } from './domain/audit/access-log-service.ts';
import { createAuditLogService } from './domain/audit/audit-log-service.ts';
import { createCareTeamService } from './domain/care-team/care-team-service.ts';
import { createDirectoryReader } from './domain/directory/directory-reader.ts';
import { createDirectoryService } from './domain/directory/directory-service.ts';
import { BREAK_GLASS_HOURS } from './domain/emergency-access/break-glass-rules.ts';
import { createBreakGlassService } from './domain/emergency-access/break-glass-service.ts';
import { createDischargeLetterService } from './domain/discharge/discharge-letter-service.ts';
import { createReadmissionAssessor } from './domain/discharge/readmission-assessment.ts';
import { createReadmissionRiskReads } from './domain/discharge/readmission-risk-reads.ts';
import { DEFAULT_LACE_HIGH_RISK_FROM } from './domain/discharge/readmission-scores.ts';
import { createReconciliationService } from './domain/discharge/reconciliation-service.ts';
import { createStayGate } from './domain/discharge/stay-gate.ts';
import type { LivePublisher } from './domain/live/live-channel.ts';
import { createEmailDelivery } from './domain/notifications/email-delivery-service.ts';
import type { Mailer } from './domain/notifications/notification-ports.ts';
import { createNotificationService } from './domain/notifications/notification-service.ts';
import { ruleNotices } from './domain/notifications/rule-notices.ts';
import { createQuestionnaireService } from './domain/questionnaires/questionnaire-service.ts';
import {
  DEFAULT_URGENT_THRESHOLDS,
  type UrgentFollowUpThresholds,
} from './domain/questionnaires/urgent-follow-up.ts';
import { createPathwayCatalog } from './domain/pathways/pathway-catalog.ts';
import { createPathwayProgress } from './domain/pathways/pathway-progress-service.ts';
import { createPathwayService } from './domain/pathways/pathway-service.ts';
import { installPathwayTemplates } from './domain/pathways/pathway-template-installer.ts';
import { createIdentityRectificationService } from './domain/patient-rights/identity-rectification-service.ts';
import {
  LOWER_STATUS_ON_STRICT_CHANGE,
  type StatusAfterRectification,
} from './domain/patient-rights/identity-rectification.ts';
import { createPatientExportService } from './domain/patient-rights/patient-export-service.ts';
import { createRectificationRequests } from './domain/patient-rights/rectification-request-service.ts';
import { createPatientTargetService } from './domain/record/patient-target-service.ts';
import { createPatientIdentityService } from './domain/record/patient-identity-service.ts';
import { createRecordService } from './domain/record/record-service.ts';
import { createRecordPartService } from './domain/record/record-part-service.ts';
import { createRecordEntryService } from './domain/record/record-entries.ts';
import type { ExamValidity } from './domain/referrals/exam-repeat.ts';
import { createReferralGate } from './domain/referrals/referral-gate.ts';
import { createReferralReadService } from './domain/referrals/referral-read-service.ts';
import { createReferralService } from './domain/referrals/referral-service.ts';
import { createReferralSlaSettings } from './domain/referrals/referral-sla-settings.ts';
import { createReferralSlaSweep } from './domain/referrals/referral-sla-sweep.ts';
import { createPatientAlertService } from './domain/rules/patient-alert-service.ts';
import type { Notifier } from './domain/rules/rule-ports.ts';
import { ruleTaskCreator } from './domain/rules/rule-tasks.ts';
import { createRulesAdminService } from './domain/rules/rules-admin-service.ts';
import { createRulesEngine } from './domain/rules/rules-engine.ts';
import type { Clock } from './domain/shared/clock.ts';
import { createSharingService } from './domain/sharing/sharing-service.ts';
import { createMatchQueueService } from './domain/stays/patient-matching-queue.ts';
import { createTaskGate } from './domain/tasks/task-gate.ts';
import { createTaskService } from './domain/tasks/task-service.ts';
import { createWorklistService } from './domain/tasks/worklist-service.ts';
import {
  DEFAULT_TRANSITION_POLICY,
  type TransitionPolicy,
} from './domain/transitions/transition-checklist.ts';
import { createTransitionProgress } from './domain/transitions/transition-progress.ts';
import { createTransitionService } from './domain/transitions/transition-service.ts';
import { TERRITORY_TIME_ZONE } from './domain/tasks/worklist.ts';
import { ringingAfterWrites, type JournalSignal } from './jobs/journal-signal.ts';
import { createSecretBox } from './integrations/aes-secret-box.ts';
import { argon2PasswordHasher } from './integrations/argon2-password-hasher.ts';
import { createAdtIntake } from './integrations/hl7/adt-intake.ts';
import { checkAdtContent, readAdtEvent } from './integrations/hl7/adt-parse.ts';
import { createPdfLetterRenderer } from './integrations/pdf/discharge-letter-pdf.ts';
import { createPdfSummaryRenderer } from './integrations/pdf/patient-summary-pdf.ts';
import { otpauthTotp } from './integrations/otpauth-totp.ts';
import { randomSessionTokens } from './integrations/random-session-tokens.ts';
import { timeOrderedUuid } from './integrations/time-ordered-ids.ts';
import { activeCareTeamRoles } from './store/active-care-team.ts';
import type { Database } from './store/database-schema.ts';
import { createSqlPatientEverything } from './store/sql-patient-everything.ts';
import { unitOfWorkOf } from './store/unit-of-work.ts';
import { createPatientEverythingService } from './domain/record/patient-everything.ts';
import { createSqlAccessFacts } from './store/sql-access-facts.ts';
import { createSqlAccountStore } from './store/sql-account-store.ts';
import { withSessionCache } from './store/session-cache.ts';
import { createSqlAdtInbox } from './store/sql-adt-inbox.ts';
import { createSqlAccessLog } from './store/sql-access-log.ts';
import { createSqlAuditLog } from './store/sql-audit-log.ts';
import { createSqlAuditTrail } from './store/sql-audit-trail.ts';
import { createSqlBreakGlassReader } from './store/sql-break-glass-reader.ts';
import { createSqlBreakGlassStore } from './store/sql-break-glass-store.ts';
import { careTeamRoleAccounts } from './store/sql-care-team-accounts.ts';
import { createSqlCareTeamStore } from './store/sql-care-team-store.ts';
import { createSqlDirectoryFinder } from './store/sql-directory-finder.ts';
import { createSqlDirectoryStore } from './store/sql-directory-store.ts';
import { createSqlDischargeLetterStore } from './store/sql-discharge-letters.ts';
import { createSqlStayStaffFacts } from './store/sql-discharge-stay-staff.ts';
import { createSqlReconciliationStore } from './store/sql-discharge-reconciliations.ts';
import {
  createSqlReadmissionRiskReader,
  createSqlReadmissionRiskStore,
} from './store/sql-readmission-risks.ts';
import { createSqlStayReader } from './store/sql-stays.ts';
import { createSqlEmailOutbox } from './store/sql-email-outbox.ts';
import { createSqlNotificationSettingsStore } from './store/sql-notification-settings-store.ts';
import { createSqlNotificationStore } from './store/sql-notification-store.ts';
import { createSqlIdentityRectifier } from './store/sql-identity-rectifier.ts';
import { createSqlPatientExport } from './store/sql-patient-export.ts';
import { createSqlPatientCriteriaFinder } from './store/sql-patient-criteria-finder.ts';
import { createSqlPatientFinder } from './store/sql-patient-finder.ts';
import { createSqlPatientVersions } from './store/sql-patient-versions.ts';
import { createKeptPatientVersions } from './store/kept-patient-versions.ts';
import { createSqlQuestionnaireStore } from './store/sql-questionnaire-store.ts';
import { createSqlRecordPartOwners, createSqlRecordPartReader } from './store/sql-record-parts.ts';
import { createSqlRecordReader } from './store/sql-record-reader.ts';
import { createSqlRecordEntries } from './store/sql-record-entries.ts';
import { createSqlRecordWriter } from './store/sql-record-writer.ts';
import { createSqlReferralClocks } from './store/sql-referral-clocks.ts';
import { createSqlReferralFacts } from './store/sql-referral-facts.ts';
import { createSqlReferralReader } from './store/sql-referral-reader.ts';
import { createSqlReferralRecord } from './store/sql-referral-record.ts';
import { createSqlReferralStore } from './store/sql-referral-store.ts';
import { createSqlTaskFacts } from './store/sql-task-facts.ts';
import { withAssigneeLabelCache } from './store/assignee-label-cache.ts';
import { createSqlTaskReader } from './store/sql-task-reader.ts';
import { createSqlTaskStore } from './store/sql-task-store.ts';
import { createSqlPathwayEvidence } from './store/sql-pathway-evidence.ts';
import { createSqlPathwayProgressStore } from './store/sql-pathway-progress-store.ts';
import { createSqlPathwayStore } from './store/sql-pathway-store.ts';
import { createSqlPathwayTemplateStore } from './store/sql-pathway-template-store.ts';
import { createSqlPathwayWorklist } from './store/sql-pathway-worklist.ts';
import { createSqlPatientAlertStore } from './store/sql-patient-alert-store.ts';
import { createSqlPatientTargetStore } from './store/sql-patient-target-store.ts';
import { createSqlRuleFacts } from './store/sql-rule-facts.ts';
import { createSqlRuleOutcomes } from './store/sql-rule-outcomes.ts';
import { createSqlRuleSetStore } from './store/sql-rule-set-store.ts';
import { createSqlSharingChoicesInForce } from './store/sql-sharing-choices-in-force.ts';
import { createSqlSharingChoices } from './store/sql-sharing-choices.ts';
import { createSqlTransitionReader } from './store/sql-transition-reader.ts';
import { createSqlTransitionStore } from './store/sql-transition-store.ts';
import { createSqlTransitionWorklist } from './store/sql-transition-worklist.ts';
import { createSqlAdtApplier, type AdtApplierDeps } from './store/sql-adt-applier.ts';
import { createSqlCoordinationFacts, createSqlMatchQueueStore } from './store/sql-patient-matching-queue.ts';

/** What the use cases need beyond the database and the clock. */
export interface ServiceOptions {
  /** Rung after record writes, so journal consumers wake up at once. */
  readonly journalSignal?: JournalSignal;
  /** Where rules send their notify actions; by default, to the notification service. */
  readonly notifier?: Notifier;
  /** Told when a stored rule set no longer validates (its rules are then off). */
  readonly onInvalidRuleSet?: (ruleSetId: string, problems: readonly string[]) => void;
  readonly live: LivePublisher;
  /** Whether notification e-mails can be sent (SMTP configured), and the zone of the digest hour. */
  readonly email: { readonly enabled: boolean; readonly timeZone: string };
  /** When a PHQ-9 or GAD-7 result raises an urgent follow-up; the published-band defaults otherwise. */
  readonly urgentThresholds?: UrgentFollowUpThresholds;
  /** The exams' validity windows of the duplicate-test warning (data/exam-validity.yaml); none by default. */
  readonly examValidity?: readonly ExamValidity[];
  /** The territory's time zone, whose calendar pathway due dates count on (Europe/Paris by default). */
  readonly timeZone?: string;
  /** Rung once ADT messages to apply were stored, so the apply loop wakes up at once. */
  readonly adtStored?: JournalSignal;
  /** The transition checklist's design defaults (reconciliation deadline). */
  readonly transitionPolicy?: TransitionPolicy;
  /** The LACE total from which a discharge is high risk (a literature convention, 10 by default). */
  readonly laceHighRiskFrom?: number;
  /** Password, lockout, session and TOTP settings (issue 8); the Relais defaults otherwise. */
  readonly accountSecurity?: AccountSecurityPolicy;
  /** Seals TOTP secrets at rest (RELAIS_SECRETS_KEY); unsealed without one. */
  readonly secretsKey?: Buffer | null;
  /** Where lockouts are logged (by account id); nowhere by default. */
  readonly securityLog?: SecurityLog;
  /** How many hours a break-the-glass access lasts (RELAIS_BREAK_GLASS_HOURS); 4 by default. */
  readonly breakGlassHours?: number;
  /** What an identity correction does to its status (issue 8); the Relais default lowers it. */
  readonly statusAfterRectification?: StatusAfterRectification;
}

const DEFAULT_ACCOUNT_SECURITY: AccountSecurityPolicy = {
  password: DEFAULT_PASSWORD_POLICY,
  lockout: DEFAULT_LOCKOUT_POLICY,
  session: DEFAULT_SESSION_POLICY,
  totpRequiredForPrivilegedRoles: true,
};

/** Wires the use cases to their SQL stores and integrations: the one place that knows both sides. */
export function createServices(db: Kysely<Database>, clock: Clock, options: ServiceOptions) {
  const audit = createSqlAuditTrail(db);
  const accountStore = withSessionCache(createSqlAccountStore(db));
  // Time-ordered ids keep each table's key indexes written at their right edge (time-ordered-ids.ts).
  const newId = timeOrderedUuid;
  const accessFacts = createSqlAccessFacts(db);
  const access = createPatientAccess({ facts: accessFacts, audit, clock });
  // One set of kept identity versions for the reads by id and the searches (ADR 0021).
  const keptPatientVersions = createKeptPatientVersions(db);
  const patientVersions = createSqlPatientVersions(db, keptPatientVersions);
  const taskStore = createSqlTaskStore(db);
  const taskFacts = withAssigneeLabelCache(createSqlTaskFacts(db));
  const taskGate = createTaskGate({ store: taskStore, facts: taskFacts, audit, clock });
  const signalled = <T extends object>(port: T): T =>
    options.journalSignal === undefined ? port : ringingAfterWrites(port, options.journalSignal);
  const tasks = createTaskService({
    access,
    gate: taskGate,
    store: taskStore,
    facts: taskFacts,
    clock,
    newId,
  });
  const notifications = createNotificationService({
    store: createSqlNotificationStore(db),
    settings: createSqlNotificationSettingsStore(db),
    live: options.live,
    clock,
    newId,
    email: options.email,
  });
  // A rule's notify action reaches the role holders of the patient's care team as notifications.
  const ruleNotifier: Notifier = {
    async notify(intents) {
      const sent = await Promise.all(
        intents.map(async (intent) =>
          ruleNotices(intent, await careTeamRoleAccounts(db, intent.patientId, intent.role, clock())),
        ),
      );
      await notifications.notify(sent.flat());
      return new Set(intents.filter((_, i) => (sent[i]?.length ?? 0) > 0).map((intent) => intent.key));
    },
  };
  const referralStore = createSqlReferralStore(db);
  const referralFacts = createSqlReferralFacts(db);
  const referralRecord = createSqlReferralRecord(db);
  const referralReader = createSqlReferralReader(db);
  const referralGate = createReferralGate({ store: referralStore, facts: referralFacts, audit, clock });
  const examValidity = options.examValidity ?? [];
  const ruleSets = createSqlRuleSetStore(db);
  const ruleFacts = createSqlRuleFacts(db);
  const rules = createRulesEngine({
    ruleSets,
    facts: ruleFacts,
    outcomes: createSqlRuleOutcomes(db),
    tasks: ruleTaskCreator((commands) => tasks.createSystemTasks(commands)),
    notifier: options.notifier ?? ruleNotifier,
    clock,
    newId,
    onInvalidRuleSet: options.onInvalidRuleSet ?? (() => undefined),
  });
  const stayGate = createStayGate({
    stays: createSqlStayReader(db),
    staff: createSqlStayStaffFacts(db),
    access,
    audit,
    clock,
  });
  const dischargeLetters = signalled(createSqlDischargeLetterStore(db));
  const pathwayCatalog = createPathwayCatalog();
  const pathwayTemplates = createSqlPathwayTemplateStore(db, clock);
  const adtInbox = createSqlAdtInbox(db);
  const transitionStore = createSqlTransitionStore(db);
  const adt = adtApplierDeps(clock, options.timeZone);
  // The PAM France mapping decides AE before the ACK and applies stored messages to stays after it.
  const adtApplier = signalled(createSqlAdtApplier(db, adt));
  const recordPartOwners = createSqlRecordPartOwners(db);
  const pathways = createPathwayService({
    access,
    audit,
    catalog: pathwayCatalog,
    store: signalled(createSqlPathwayStore(db)),
    owners: recordPartOwners,
    worklistReader: createSqlPathwayWorklist(db),
    clock,
    newId,
    timeZone: options.timeZone ?? TERRITORY_TIME_ZONE,
  });
  const recordReader = createSqlRecordReader(db);
  const record = createRecordService({
    access,
    audit,
    reader: recordReader,
    finder: createSqlPatientFinder(db),
    writer: signalled(createSqlRecordWriter(db)),
    clock,
    newId,
  });
  const identityRectification = createIdentityRectificationService({
    access,
    rectifier: signalled(createSqlIdentityRectifier(db)),
    statusAfter: options.statusAfterRectification ?? LOWER_STATUS_ON_STRICT_CHANGE,
    clock,
    newId,
  });
  const accountSecurity = options.accountSecurity ?? DEFAULT_ACCOUNT_SECURITY;
  const secrets = createSecretBox(options.secretsKey ?? null);
  return {
    accounts: createAccountService({
      accounts: accountStore,
      sessions: accountStore,
      twoFactor: accountStore,
      tokens: randomSessionTokens,
      hasher: argon2PasswordHasher,
      totp: otpauthTotp,
      secrets,
      audit,
      log: options.securityLog ?? { warn: () => undefined },
      clock,
      newId,
      policy: accountSecurity,
    }),
    twoFactor: createTwoFactorService({
      accounts: accountStore,
      store: accountStore,
      totp: otpauthTotp,
      secrets,
      tokens: randomSessionTokens,
      audit,
      clock,
      newId,
    }),
    record,
    /** The record's problems, treatments, allergies and results one by one: the FHIR clinical reads. */
    recordEntries: createRecordEntryService({ access, finder: createSqlRecordEntries(db) }),
    /** The patient's identity as a versioned resource: the FHIR Patient's use cases. */
    patientIdentities: createPatientIdentityService({
      access,
      audit,
      versions: patientVersions,
      find: createSqlPatientCriteriaFinder(db, keptPatientVersions),
      record,
      rectification: identityRectification,
      clock,
    }),
    /** The record one part at a time (care team, documents, appointments, stays): FHIR reads them so. */
    recordParts: createRecordPartService({
      access,
      owners: recordPartOwners,
      reader: createSqlRecordPartReader(db),
      readDocument: (...args) => record.readDocument(...args),
    }),
    /** The directory searched by criteria, for professionals (FHIR Practitioner, Organization…). */
    directoryReader: createDirectoryReader({ finder: createSqlDirectoryFinder(db) }),
    /** A patient's whole record in one access: FHIR `Patient/$everything` and `relais export patient`. */
    patientEverything: createPatientEverythingService({
      access,
      audit,
      versions: patientVersions,
      reader: createSqlPatientEverything(db),
      clock,
    }),
    /** Runs work whose writes commit together or not at all: a FHIR transaction Bundle (ADR 0014). */
    unitOfWork: unitOfWorkOf(db),
    /** The DPO's view of the audit trail, and the patient's "who accessed my record". */
    auditLog: createAuditLogService({
      reader: createSqlAuditLog(db),
      audit,
      clock,
      timeZone: options.timeZone ?? TERRITORY_TIME_ZONE,
    }),
    accessLog: createAccessLogService({ access, reader: createSqlAccessLog(db) }),
    tasks,
    sharing: createSharingService({
      access,
      audit,
      store: signalled(createSqlSharingChoices(db)),
      owners: recordPartOwners,
      clock,
      newId,
    }),
    careTeam: createCareTeamService({
      access,
      audit,
      store: signalled(createSqlCareTeamStore(db)),
      clock,
      newId,
    }),
    worklist: createWorklistService({
      access,
      gate: taskGate,
      audit,
      facts: taskFacts,
      reader: createSqlTaskReader(db),
      clock,
    }),
    questionnaires: createQuestionnaireService({
      access,
      store: createSqlQuestionnaireStore(db),
      clock,
      newId,
      thresholds: options.urgentThresholds ?? DEFAULT_URGENT_THRESHOLDS,
      tasks,
    }),
    rules,
    rulesAdmin: createRulesAdminService({
      store: ruleSets,
      engine: rules,
      facts: ruleFacts,
      audit,
      clock,
      newId,
    }),
    alerts: createPatientAlertService({ access, store: createSqlPatientAlertStore(db), clock, newId }),
    targets: createPatientTargetService({
      access,
      writer: signalled(createSqlPatientTargetStore(db)),
      clock,
      newId,
    }),
    directory: createDirectoryService({
      store: createSqlDirectoryStore(db),
      hasher: argon2PasswordHasher,
      newId,
      passwordPolicy: accountSecurity.password,
    }),
    notifications,
    referrals: createReferralService({
      access,
      gate: referralGate,
      store: signalled(referralStore),
      facts: referralFacts,
      record: referralRecord,
      reader: referralReader,
      examValidity,
      completeStageTasks: (referralId, by) =>
        tasks.completeSystemTasks({ kind: 'referral', ref: referralId }, by),
      clock,
      newId,
    }),
    referralReads: createReferralReadService({
      access,
      gate: referralGate,
      audit,
      facts: referralFacts,
      reader: referralReader,
      record: referralRecord,
      examValidity,
      clock,
    }),
    referralSla: createReferralSlaSettings({ store: referralStore, facts: referralFacts, clock, newId }),
    referralSlaSweep: createReferralSlaSweep({
      store: signalled(createSqlReferralClocks(db)),
      createTasks: (commands) => tasks.createSystemTasks(commands),
      clock,
      newId,
    }),
    /** Validates and installs the template files, then reloads the catalog the pathway services share. */
    installPathwayTemplates: (files: readonly { file: string; text: string }[]) =>
      installPathwayTemplates(files, { store: pathwayTemplates, catalog: pathwayCatalog }),
    pathways,
    pathwayProgress: createPathwayProgress({
      catalog: pathwayCatalog,
      store: createSqlPathwayProgressStore(db),
      evidence: createSqlPathwayEvidence(db),
      createSystemTasks: (commands) => tasks.createSystemTasks(commands),
      clock,
      newId,
      timeZone: options.timeZone ?? TERRITORY_TIME_ZONE,
    }),
    /** HL7 v2 ADT in (MLLP and HTTP): decide, store, ACK. */
    hl7Intake: createAdtIntake({
      writer: adtInbox,
      check: checkAdtContent,
      clock,
      newId,
      onStored: () => options.adtStored?.ring(),
    }),
    /** Applies the stored ADT messages in arrival order (the apply loop's work). */
    adtApply: () => applyWaitingMessages({ queue: adtInbox, applier: adtApplier, clock }),
    transitions: createTransitionService({
      access,
      audit,
      reader: createSqlTransitionReader(db),
      store: signalled(transitionStore),
      worklistReader: createSqlTransitionWorklist(db),
      completeSystemTasks: (origin, by) => tasks.completeSystemTasks(origin, by),
      clock,
      newId,
      timeZone: options.timeZone ?? TERRITORY_TIME_ZONE,
    }),
    transitionProgress: createTransitionProgress({
      store: transitionStore,
      catalog: pathwayCatalog,
      createSystemTasks: (commands) => tasks.createSystemTasks(commands),
      completeSystemTasks: (origin, by) => tasks.completeSystemTasks(origin, by),
      cancelSystemTasks: (origin, reason) => tasks.cancelSystemTasks(origin, reason),
      clock,
      newId,
      timeZone: options.timeZone ?? TERRITORY_TIME_ZONE,
      policy: options.transitionPolicy ?? DEFAULT_TRANSITION_POLICY,
    }),
    /** Applies stored ADT messages to the record; the ADT inbox's apply loop calls it in arrival order. */
    adtApplier,
    matchQueue: createMatchQueueService({
      store: signalled(createSqlMatchQueueStore(db, adt)),
      facts: createSqlCoordinationFacts(db),
      audit,
      clock,
    }),
    dischargeLetters: createDischargeLetterService({
      gate: stayGate,
      store: dischargeLetters,
      renderer: createPdfLetterRenderer(),
      clock,
      newId,
    }),
    reconciliations: createReconciliationService({
      gate: stayGate,
      store: signalled(createSqlReconciliationStore(db)),
      letters: dischargeLetters,
      clock,
      newId,
    }),
    patientExports: createPatientExportService({
      access,
      audit,
      snapshot: createSqlPatientExport(db),
      record: recordReader,
      pathways: (scope) => pathways.pathwaysWithin(scope),
      sharingChoices: createSqlSharingChoicesInForce(db),
      renderer: createPdfSummaryRenderer({ timeZone: options.timeZone ?? TERRITORY_TIME_ZONE }),
      clock,
    }),
    identityRectification,
    rectificationRequests: createRectificationRequests({
      access,
      roles: { activeRoles: (scope, on) => activeCareTeamRoles(db, scope.patientId, on) },
      tasks,
      clock,
    }),
    readmissionRisks: createReadmissionRiskReads({
      gate: stayGate,
      reader: createSqlReadmissionRiskReader(db),
    }),
    breakGlass: createBreakGlassService({
      facts: accessFacts,
      access,
      store: signalled(createSqlBreakGlassStore(db)),
      reader: createSqlBreakGlassReader(db),
      audit,
      clock,
      newId,
      hours: options.breakGlassHours ?? BREAK_GLASS_HOURS.default,
    }),
    readmissionAssessor: createReadmissionAssessor({
      store: signalled(createSqlReadmissionRiskStore(db)),
      createSystemTasks: (commands) => tasks.createSystemTasks(commands),
      cutoff: options.laceHighRiskFrom ?? DEFAULT_LACE_HIGH_RISK_FROM,
      clock,
      newId,
    }),
  };
}

/** What applying an ADT message needs: HL7 dates without an offset are read on the territory's clocks. */
function adtApplierDeps(clock: Clock, timeZone: string = TERRITORY_TIME_ZONE): AdtApplierDeps {
  return { clock, newId: timeOrderedUuid, read: (raw) => readAdtEvent(raw, timeZone) };
}

/** The e-mail deliverer of notifications, over its outbox. */
export function createNotificationEmailDelivery(
  db: Kysely<Database>,
  clock: Clock,
  options: { mailer: Mailer; publicUrl: string },
) {
  return createEmailDelivery({
    outbox: createSqlEmailOutbox(db),
    mailer: options.mailer,
    clock,
    newId: timeOrderedUuid,
    publicUrl: options.publicUrl,
  });
}

export type Services = ReturnType<typeof createServices>;
