import type { ColumnType, Generated } from 'kysely';
import type { DataCategory } from '../domain/access/data-category.ts';
import type { DomainEvent } from '../domain/journal/domain-event.ts';

/** Dates come back as JS Dates from both drivers; `date` columns are read as ISO strings (see database.ts). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** Computed by PostgreSQL (generated columns): read, never written. */
type Computed<T> = ColumnType<T, never, never>;

export interface OrganizationsTable {
  id: string;
  kind: 'hospital' | 'hospital_service' | 'practice';
  name: string;
  finess: string | null;
  parent_id: string | null;
  specialty: string | null;
  created_at: Generated<Timestamp>;
}

export interface PractitionersTable {
  id: string;
  rpps: string;
  family_name: string;
  given_name: string;
  profession: string;
  specialty: string | null;
  organization_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface AccountsTable {
  id: string;
  login: string;
  password_hash: string;
  kind: 'professional' | 'patient';
  practitioner_id: string | null;
  patient_id: string | null;
  roles: string[];
  locale: 'fr' | 'en';
  created_at: Generated<Timestamp>;
  // Account security (0016)
  failed_logins: Generated<number>;
  failed_since: NullableTimestamp;
  locked_until: NullableTimestamp;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  password_changed_at: NullableTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface RecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface LoginChallengesTable {
  token_hash: string;
  account_id: string;
  expires_at: Timestamp;
  failures: Generated<number>;
}

/** A patient's identity as `patients` and each of its versions hold it. */
interface IdentityColumns {
  patient_id: string;
  ins_matricule: string | null;
  ins_oid: string | null;
  identity_status: 'PROV' | 'RECUP' | 'VALI' | 'QUAL';
  birth_family_name: string;
  first_given_name: string;
  given_names: string;
  used_family_name: string | null;
  used_given_name: string | null;
  sex: 'male' | 'female' | 'unknown';
  birth_date: DateOnly;
  birth_place_code: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface PatientsTable extends IdentityColumns {
  family_name_key: string;
  given_name_key: string;
  used_family_name_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The identity's version (migration 0021): triggers bump it and keep each one. */
  version_id: Generated<number>;
}

/** One version of a patient's identity (migration 0021), written by triggers on `patients`. */
export interface PatientIdentityVersionsTable extends IdentityColumns {
  version_id: number;
  recorded_at: Timestamp;
}

export interface CareTeamMembersTable {
  patient_id: string;
  id: string;
  practitioner_id: string;
  role: string;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  added_by: string | null;
  /** Copies of the patient's name keys, filled and kept in step by triggers (migration 0006). */
  family_name_key: Generated<string>;
  used_family_name_key: Generated<string | null>;
  given_name_key: Generated<string>;
  /** The patient's current identity version, filled and kept in step by triggers (migration 0034). */
  identity_version: Generated<number>;
  /** The one active row per practitioner and patient that the name-key indexes hold (migration 0035). */
  listed: Generated<boolean>;
}

export interface ConditionsTable {
  patient_id: string;
  id: string;
  code_system: string;
  code: string;
  display: string;
  clinical_status: 'active' | 'resolved';
  onset_date: DateOnly | null;
  recorded_at: Timestamp;
}

export interface MedicationsTable {
  patient_id: string;
  id: string;
  atc_code: string | null;
  name: string;
  dosage: string;
  started_on: DateOnly | null;
  ended_on: DateOnly | null;
  status: 'active' | 'stopped';
  recorded_at: Timestamp;
  /** Where the line came from when not typed in, e.g. `reconciliation:<id>` (migration 0014). */
  provenance: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AllergiesTable {
  patient_id: string;
  id: string;
  substance: string;
  reaction: string | null;
  criticality: 'low' | 'high' | 'unable-to-assess';
  recorded_at: Timestamp;
}

export interface ResultsTable {
  patient_id: string;
  id: string;
  loinc_code: string;
  display: string;
  value_numeric: number | null;
  value_text: string | null;
  unit: string | null;
  reference_range: string | null;
  interpretation: 'normal' | 'low' | 'high' | 'abnormal' | null;
  effective_at: Timestamp;
  recorded_at: Timestamp;
}

export interface DocumentsTable {
  patient_id: string;
  id: string;
  type_code: string;
  title: string;
  mime_type: string;
  size_bytes: number;
  content: Uint8Array;
  author_practitioner_id: string | null;
  created_at: Timestamp;
  category: Generated<DataCategory | null>;
}

export interface AppointmentsTable {
  patient_id: string;
  id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  kind: 'consultation' | 'exam' | 'teleconsultation' | 'home_visit';
  practitioner_id: string | null;
  organization_id: string | null;
  reason: string;
  instructions: string | null;
  status: 'booked' | 'cancelled' | 'fulfilled' | 'noshow';
}

export interface EventsTable {
  seq: Generated<string>;
  id: string;
  patient_id: string | null;
  type: string;
  actor_account_id: string | null;
  occurred_at: Timestamp;
  /** Written as the event's payload object (the drivers and the unnest insert encode it), or JSON text. */
  payload: ColumnType<unknown, string | EventPayload, string>;
  /** The writing transaction (xid8, read as text); set by its default. */
  tx: ColumnType<string, never, never>;
}

export interface AuditEntriesTable {
  seq: Generated<string>;
  at: Timestamp;
  account_id: string | null;
  actor_kind: string;
  actor_role: string | null;
  patient_id: string | null;
  /** The patients of an entry about several (then `patient_id` is null): migration 0032. */
  patient_ids: string[] | null;
  action: 'read' | 'search' | 'write' | 'export' | 'login' | 'break-glass';
  resource: string;
  outcome: 'allowed' | 'denied';
  reason: string;
  client_address: string | null;
}

export interface NotificationsTable {
  recipient_account_id: string;
  id: string;
  idempotency_key: string;
  kind: string;
  urgency: 'urgent' | 'normal';
  patient_id: string | null;
  link: string;
  title: string;
  body: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  email_plan: 'none' | 'immediate' | 'digest';
  email_due_at: Timestamp | null;
  email_sent_at: Timestamp | null;
  email_attempts: Generated<number>;
  email_last_error: string | null;
}

export interface NotificationSettingsTable {
  account_id: string;
  email_address: string | null;
  email_mode: 'off' | 'urgent-now-digest-rest' | 'all-now' | 'digest-only';
  digest_hour: number;
  detail_level: 'minimal' | 'titles';
  updated_at: Timestamp;
}

export interface JournalCursorsTable {
  consumer: string;
  last_tx: ColumnType<string, string | undefined, string>;
  last_seq: ColumnType<string, string | undefined, string>;
  owner: string | null;
  lease_until: Timestamp | null;
  updated_at: Generated<Timestamp>;
}

export interface RuleSetVersionsTable {
  rule_set_id: string;
  version: number;
  source: string;
  origin: 'shipped' | 'admin';
  saved_by: string | null;
  saved_at: Timestamp;
  revision: Generated<string>;
}

export interface RuleSwitchesTable {
  rule_set_id: string;
  rule_id: string;
  enabled: boolean;
  changed_by: string | null;
  changed_at: Timestamp;
  revision: Generated<string>;
}

type Json = ColumnType<unknown, string, string>;
type EventPayload = DomainEvent['payload'];

export interface RuleFiringsTable {
  patient_id: string;
  id: string;
  rule_set_id: string;
  rule_set_version: number;
  rule_id: string;
  rule_version: number;
  event_id: string;
  event_type: string;
  trigger_occurred_at: Timestamp;
  explanation_fr: string;
  explanation_en: string;
  actions: Json;
  fired_at: Timestamp;
}

export interface PatientAlertsTable {
  patient_id: string;
  id: string;
  action_key: string;
  kind: 'alert' | 'referral-suggestion' | 'pathway-suggestion';
  text_fr: string;
  text_en: string;
  explanation_fr: string;
  explanation_en: string;
  details: Json;
  rule_set_id: string;
  rule_id: string;
  rule_label_fr: string;
  rule_label_en: string;
  firing_id: string;
  event_id: string;
  status: Generated<'open' | 'dismissed'>;
  raised_at: Timestamp;
  dismissed_at: Timestamp | null;
  dismissed_by: string | null;
}

export interface RuleDeferredChecksTable {
  patient_id: string;
  id: string;
  rule_set_id: string;
  rule_set_version: number;
  rule_id: string;
  rule: Json;
  event_id: string;
  event_type: string;
  event_occurred_at: Timestamp;
  event_payload: Json;
  due_at: Timestamp;
  status: Generated<'pending' | 'fired' | 'not-met' | 'cancelled'>;
  settled_at: Timestamp | null;
}

export interface PatientTargetsTable {
  patient_id: string;
  name: string;
  value: number;
  unit: string | null;
  set_by: string | null;
  set_at: Timestamp;
}

export interface TasksTable {
  id: string;
  patient_id: string | null;
  title: string;
  details: string | null;
  assignee_kind: 'practitioner' | 'care-team-role' | 'service';
  assignee_practitioner_id: string | null;
  assignee_role: string | null;
  assignee_organization_id: string | null;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  due_at: NullableTimestamp;
  due_sort: Computed<Date>;
  priority_rank: Computed<number>;
  status: 'todo' | 'in_progress' | 'done' | 'cancelled';
  origin_kind: 'manual' | 'rule' | 'pathway' | 'referral' | 'transition' | 'questionnaire';
  origin_ref: string | null;
  origin_explanation: string | null;
  about_kind: string | null;
  about_id: string | null;
  claimed_by: string | null;
  created_by_account_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  cancel_reason: string | null;
  idempotency_key: string | null;
  version: Generated<number>;
}

export interface TaskCommentsTable {
  task_id: string;
  id: string;
  /** The task's patient (null for a task about no patient), copied when the comment is written. */
  patient_id: string | null;
  author_practitioner_id: string;
  body: string;
  created_at: Timestamp;
}

export interface QuestionnaireResponsesTable {
  patient_id: string;
  id: string;
  instrument: 'PHQ-9' | 'GAD-7';
  answers: number[];
  difficulty: number | null;
  score: number;
  band: 'minimal' | 'mild' | 'moderate' | 'moderately-severe' | 'severe';
  urgent: boolean;
  urgent_reasons: ColumnType<unknown, string, string>;
  filled_by: 'patient' | 'professional';
  filled_by_account_id: string;
  completed_at: Timestamp;
}

export interface ReferralsTable {
  patient_id: string;
  id: string;
  kind: 'referral' | 'tele-expertise';
  urgency: 'urgent' | 'soon' | 'routine';
  urgency_rank: Computed<number>;
  status:
    | 'requested'
    | 'on_hold'
    | 'accepted'
    | 'scheduled'
    | 'seen'
    | 'reported'
    | 'closed'
    | 'declined'
    | 'cancelled';
  referrer_practitioner_id: string;
  target_kind: 'practitioner' | 'service' | 'specialty';
  target_practitioner_id: string | null;
  target_organization_id: string | null;
  target_specialty: string | null;
  performer_practitioner_id: string | null;
  reason: string;
  clinical_question: string;
  preferred_place: string | null;
  prefers_teleconsultation: boolean;
  availability: string | null;
  attached_result_ids: string[];
  attached_document_ids: string[];
  requested_exams: Json;
  liaison_letter: ColumnType<unknown, string | null, string | null>;
  appointment_at: NullableTimestamp;
  appointment_place: string | null;
  appointment_teleconsultation: boolean | null;
  appointment_instructions: string | null;
  report_text: string | null;
  report_document_id: string | null;
  reported_at: NullableTimestamp;
  held_from: string | null;
  decline_reason: string | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
  stage: 'accept' | 'answer' | 'schedule' | 'report' | 'acknowledge' | null;
  stage_started_at: NullableTimestamp;
  due_at: NullableTimestamp;
  escalate_at: NullableTimestamp;
  overdue_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  version: Generated<number>;
}

export interface ReferralMessagesTable {
  patient_id: string;
  referral_id: string;
  id: string;
  kind: 'question' | 'answer';
  author_practitioner_id: string;
  body: string;
  created_at: Timestamp;
}

export interface ReferralSlaOverridesTable {
  organization_id: string;
  kind: 'referral' | 'tele-expertise';
  urgency: 'urgent' | 'soon' | 'routine';
  stage: 'accept' | 'answer' | 'schedule' | 'report' | 'acknowledge' | 'escalate';
  working_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface StaysTable {
  patient_id: string;
  id: string;
  facility: string;
  hospital_id: string | null;
  visit_number: string;
  patient_class: 'inpatient' | 'outpatient' | 'emergency';
  admission_kind: 'emergency' | 'urgent' | 'elective' | 'unknown';
  status: 'admitted' | 'discharged' | 'cancelled';
  unit: string | null;
  service_id: string | null;
  attending: string | null;
  admitted_at: Timestamp;
  discharged_at: NullableTimestamp;
  discharge_disposition: string | null;
  procedure_count: number;
  updated_at: Timestamp;
  version: number;
}

/** A hospital's patient identifier (IPP) linked to a Relais patient (migration 0012). */
export interface PatientLocalIdsTable {
  patient_id: string;
  facility: string;
  authority: string;
  local_id: string;
  linked_at: Timestamp;
  linked_by: 'ins' | 'local-id' | 'traits' | 'queue' | 'merge';
}

export interface AdtMatchQueueTable {
  id: string;
  message_id: string;
  facility: string;
  event: string;
  local_keys: string[];
  local_ids: Json;
  traits: Json;
  candidate_ids: string[];
  reason:
    | 'ins-and-local-id-disagree'
    | 'local-ids-disagree'
    | 'several-patients-share-the-traits'
    | 'partial-traits-match'
    | 'merge-of-two-patients';
  status: ColumnType<'pending' | 'linked' | 'dismissed', 'pending' | undefined, 'linked' | 'dismissed'>;
  created_at: Timestamp;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
  patient_id: string | null;
  dismiss_reason: string | null;
}

export interface AdtHeldMessagesTable {
  message_id: string;
  queue_id: string;
  seq: ColumnType<string, string, never>;
  facility: string;
  application: string;
  control_id: string;
  event: string;
  version: string;
  raw: string;
  received_at: Timestamp;
  held_at: Timestamp;
}

export interface AdtMessageEffectsTable {
  message_id: string;
  patient_id: string | null;
  outcome: 'applied' | 'held' | 'failed';
  note: string | null;
  queue_id: string | null;
  applied_at: Timestamp;
}

export interface PathwayTemplateVersionsTable {
  template_id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  fingerprint: string;
  installed_at: Timestamp;
}

export interface PathwayEnrolmentsTable {
  patient_id: string;
  id: string;
  template_id: string;
  template_version: number;
  status: 'active' | 'paused' | 'ended';
  started_on: DateOnly;
  start_at: Timestamp;
  origin_kind: 'manual' | 'rule';
  origin_ref: string | null;
  paused_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  end_reason: string | null;
  version: Generated<number>;
}

export interface PathwayOccurrencesTable {
  patient_id: string;
  id: string;
  enrolment_id: string;
  template_id: string;
  template_version: number;
  step_id: string;
  cause_key: string;
  role: string;
  status: 'scheduled' | 'due' | 'rupture' | 'done' | 'skipped' | 'on-hold' | 'cancelled';
  trigger_at: Timestamp;
  earliest_at: Timestamp;
  due_at: Timestamp;
  late_at: Timestamp;
  completed_at: NullableTimestamp;
  evidence_kind: string | null;
  evidence_id: string | null;
  evidence_label: string | null;
  skip_reason: string | null;
  closed_by_account_id: string | null;
}

/** The HL7 v2 ADT inbox (migration 0011): each message as received, with the ACK that was sent. */
export interface Hl7MessagesTable {
  id: string;
  seq: Generated<string>;
  facility: string;
  application: string;
  control_id: string;
  event: string;
  message_type: string;
  version: string;
  raw: string;
  received_at: Timestamp;
  ack_code: 'AA' | 'AE' | 'AR';
  ack_text: string;
  status: 'received' | 'applied' | 'held' | 'failed' | 'rejected';
  status_reason: string | null;
  patient_id: string | null;
  applied_at: NullableTimestamp;
}

export interface TransitionsTable {
  patient_id: string;
  id: string;
  stay_id: string;
  discharge_event_id: string;
  opened_at: Timestamp;
  discharged_at: Timestamp;
  status: 'open' | 'closed' | 'cancelled';
  closed_at: NullableTimestamp;
  version: number;
}

export interface TransitionItemsTable {
  patient_id: string;
  id: string;
  transition_id: string;
  kind: 'discharge-letter' | 'follow-up-visit' | 'medication-reconciliation' | 'home-nursing' | 'equipment';
  label_fr: string | null;
  label_en: string | null;
  responsible: string;
  due_at: Timestamp;
  deadline_source: 'regulation' | 'pathway' | 'default' | 'manual';
  pathway_template_id: string | null;
  pathway_step_id: string | null;
  note: string | null;
  status: 'pending' | 'late' | 'done' | 'not-needed';
  done_at: NullableTimestamp;
  done_by_account_id: string | null;
  done_by_name: string | null;
  evidence: string | null;
  evidence_ref: string | null;
  task_id: string | null;
  created_at: Timestamp;
}

export interface DischargeLettersTable {
  patient_id: string;
  id: string;
  stay_id: string;
  kind: 'pdf' | 'structured';
  content: ColumnType<unknown, string | null, string | null>;
  document_id: string;
  missing_parts: string[];
  received_at: Timestamp;
  author_practitioner_id: string | null;
  acknowledged_by: string | null;
  acknowledged_at: NullableTimestamp;
  version: number;
}

export interface MedicationReconciliationsTable {
  patient_id: string;
  id: string;
  stay_id: string;
  lines: ColumnType<unknown, string, string>;
  status: 'draft' | 'confirmed';
  confirmed_by: string | null;
  confirmed_at: NullableTimestamp;
  version: number;
}

export interface ReadmissionRisksTable {
  patient_id: string;
  stay_id: string;
  lace: number;
  lace_items: ColumnType<unknown, string, string>;
  lace_cutoff: number;
  hospital_score: number | null;
  hospital_items: ColumnType<unknown, string, string>;
  band: 'high' | 'below-cutoff';
  assessed_at: Timestamp;
}

/** The whole schema as Kysely sees it. */
export interface SharingChoicesTable {
  patient_id: string;
  id: string;
  kind: 'objection' | 'restriction' | 'consent';
  practitioner_id: string | null;
  organization_id: string | null;
  category: DataCategory | null;
  allowed_practitioner_ids: string[];
  recorded_by_account_id: string;
  on_behalf: boolean;
  recorded_at: Timestamp;
  withdrawn_at: NullableTimestamp;
  withdrawn_by_account_id: string | null;
}

export interface BreakGlassGrantsTable {
  patient_id: string;
  id: string;
  practitioner_id: string;
  account_id: string;
  reason: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  organizations: OrganizationsTable;
  practitioners: PractitionersTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  patients: PatientsTable;
  patient_identity_versions: PatientIdentityVersionsTable;
  care_team_members: CareTeamMembersTable;
  conditions: ConditionsTable;
  medications: MedicationsTable;
  allergies: AllergiesTable;
  results: ResultsTable;
  documents: DocumentsTable;
  appointments: AppointmentsTable;
  events: EventsTable;
  audit_entries: AuditEntriesTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  journal_cursors: JournalCursorsTable;
  rule_set_versions: RuleSetVersionsTable;
  rule_switches: RuleSwitchesTable;
  rule_firings: RuleFiringsTable;
  patient_alerts: PatientAlertsTable;
  rule_deferred_checks: RuleDeferredChecksTable;
  patient_targets: PatientTargetsTable;
  tasks: TasksTable;
  task_comments: TaskCommentsTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  referrals: ReferralsTable;
  referral_messages: ReferralMessagesTable;
  referral_sla_overrides: ReferralSlaOverridesTable;
  pathway_template_versions: PathwayTemplateVersionsTable;
  pathway_enrolments: PathwayEnrolmentsTable;
  pathway_occurrences: PathwayOccurrencesTable;
  stays: StaysTable;
  hl7_messages: Hl7MessagesTable;
  transitions: TransitionsTable;
  transition_items: TransitionItemsTable;
  patient_local_ids: PatientLocalIdsTable;
  adt_match_queue: AdtMatchQueueTable;
  adt_held_messages: AdtHeldMessagesTable;
  adt_message_effects: AdtMessageEffectsTable;
  discharge_letters: DischargeLettersTable;
  medication_reconciliations: MedicationReconciliationsTable;
  readmission_risks: ReadmissionRisksTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  sharing_choices: SharingChoicesTable;
  break_glass_grants: BreakGlassGrantsTable;
}
