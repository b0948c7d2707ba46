import type { Static } from 'typebox';
import type { CareTeamRoleCode } from '../../src/contracts/care-team-role-codes.ts';
import type * as pathwayContracts from '../../src/contracts/pathway-contracts.ts';
import type { ReassignTaskRequest, TaskSummary } from '../../src/contracts/task-contracts.ts';
import type {
  CoordinationRecord as ContractRecord,
  PatientSearchHit as ContractSearchHit,
  PortalSummary as ContractPortalSummary,
} from '../../src/contracts/record-contracts.ts';
import type {
  ExamCheckResult as ContractExamCheckResult,
  ReferralDetail as ContractReferralDetail,
  ReferralDraft as ContractReferralDraft,
  ReferralBoxQuery,
} from '../../src/contracts/referral-contracts.ts';

/**
 * The API's response types, from src/contracts. Three unions there are built with
 * `Type.Union([...].map((s) => Type.Literal(s)))`, which `Static<>` reads as `never` (the array loses its
 * literal element types), so they are restated here; the rest is taken from the contracts unchanged.
 */

export type IdentityStatus = 'PROV' | 'RECUP' | 'VALI' | 'QUAL';
export type Interpretation = 'normal' | 'low' | 'high' | 'abnormal';
export type AppointmentKind = 'consultation' | 'exam' | 'teleconsultation' | 'home_visit';

type Patch<T, P> = Omit<T, keyof P> & P;

export type PatientIdentity = Patch<ContractRecord['identity'], { identityStatus: IdentityStatus }>;
export type CareTeamMember = ContractRecord['careTeam'][number];
export type Condition = ContractRecord['conditions'][number];
export type Medication = ContractRecord['medications'][number];
export type Allergy = ContractRecord['allergies'][number];
export type LabResult = Patch<
  ContractRecord['latestResults'][number],
  { interpretation: Interpretation | null }
>;
export type DocumentSummary = ContractRecord['documents'][number];
export type Appointment = Patch<ContractRecord['upcomingAppointments'][number], { kind: AppointmentKind }>;
export type TimelineEntry = ContractRecord['timeline'][number];

export type CoordinationRecord = Patch<
  ContractRecord,
  { identity: PatientIdentity; latestResults: LabResult[]; upcomingAppointments: Appointment[] }
>;

export type PatientSearchHit = Patch<ContractSearchHit, { identityStatus: IdentityStatus }>;
export interface PatientSearchResult {
  items: PatientSearchHit[];
}

export type PortalSummary = Patch<ContractPortalSummary, { upcomingAppointments: Appointment[] }>;

export type {
  NewTaskRequest,
  PatientTaskList,
  TaskDetail,
  TaskSummary,
  WorklistCount,
  WorklistPage,
} from '../../src/contracts/task-contracts.ts';
export type TaskAssignee = ReassignTaskRequest['assignee'];
export type TaskAction = TaskSummary['actions'][number];
export type TaskPriority = TaskSummary['priority'];
export type TaskOriginKind = TaskSummary['origin']['kind'];
export type { CareTeamRoleCode };
/** The worklist filters the page offers (the API also filters by organisation). */
export interface WorklistFilters {
  readonly patientId?: string;
  readonly priority?: TaskPriority;
  readonly origin?: TaskOriginKind;
  readonly role?: CareTeamRoleCode;
}
export type {
  Instrument,
  InstrumentId,
  NewQuestionnaireResponse,
  QuestionnaireHistory,
  QuestionnaireResult,
  SubmittedQuestionnaire,
} from '../../src/contracts/questionnaire-contracts.ts';

export type {
  NewReferralRequest,
  PortalReferralList,
  ReferralActionRequest,
  ReferralPage,
  ReferralSummary,
} from '../../src/contracts/referral-contracts.ts';
export type ReferralKind = ContractReferralDetail['kind'];
export type ReferralUrgency = ContractReferralDetail['urgency'];
export type ReferralStatus = ContractReferralDetail['status'];
export type ReferralActionKind = ContractReferralDetail['actions'][number];
export type ReferralDeadline = NonNullable<ContractReferralDetail['deadline']>;
export type ReferralParty = ContractReferralDetail['target'];
/** Results carry the record's interpretation union, restated above. */
export type ReferralDetail = Patch<ContractReferralDetail, { attachedResults: readonly LabResult[] }>;
export type ReferralDraft = Patch<ContractReferralDraft, { recentResults: readonly LabResult[] }>;
export type RepeatedExam = Patch<ContractExamCheckResult['repeats'][number], { result: LabResult }>;
export interface ExamCheckResult {
  repeats: readonly RepeatedExam[];
}
export type ExamCatalogueEntry = ReferralDraft['exams'][number];
/** Which list of referrals: those sent to me (or my service, my specialty), or those I sent. */
export type ReferralBox = 'inbox' | 'outbox';
export type ReferralBoxState = NonNullable<ReferralBoxQuery['state']>;

/** Care pathways (the contracts export schemas only: their types are read here). */
export type PathwayTemplate = Static<typeof pathwayContracts.PathwayTemplateList>['items'][number];
export type PathwayTemplateSource = PathwayTemplate['sources'][number];
export type PathwayTemplateList = Static<typeof pathwayContracts.PathwayTemplateList>;
export type PatientPathwayList = Static<typeof pathwayContracts.PatientPathwayList>;
export type PathwayEnrolment = PatientPathwayList['items'][number];
export type PathwayStepProgress = PathwayEnrolment['steps'][number];
export type PathwayOccurrence = PathwayStepProgress['occurrences'][number];
export type PathwayAdherence = PathwayEnrolment['adherence'];
export type EnrolRequest = Static<typeof pathwayContracts.EnrolRequest>;
export type PortalPathwaySteps = Static<typeof pathwayContracts.PortalPathwaySteps>;
export type PathwayWorklist = Static<typeof pathwayContracts.PathwayWorklist>;
export type PathwayWorklistItem = PathwayWorklist['items'][number];
export type PathwayAdherenceList = Static<typeof pathwayContracts.PathwayAdherenceList>;
export type { PathwayWorklistQuery } from '../../src/contracts/pathway-contracts.ts';
