import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';

/**
 * A referral (adressage) or a télé-expertise request, modelled on FHIR ServiceRequest + Task as the
 * closed-loop referral guides use them (HL7 BSeR, IHE 360X): see referral-fhir-status.ts for the map.
 */
export const REFERRAL_KINDS = ['referral', 'tele-expertise'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_URGENCIES = ['urgent', 'soon', 'routine'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_STATUSES = [
  'requested',
  'on_hold',
  'accepted',
  'scheduled',
  'seen',
  'reported',
  'closed',
  'declined',
  'cancelled',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** States nothing leaves: the loop is closed, or it was declined or withdrawn. */
export const FINAL_STATUSES: readonly ReferralStatus[] = ['closed', 'declined', 'cancelled'];

export function isOpenReferralStatus(status: ReferralStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}

/** Who the referral is addressed to: a named professional, or a pool any of whose members may take it. */
export type ReferralTarget =
  | { readonly kind: 'practitioner'; readonly practitionerId: string }
  | { readonly kind: 'service'; readonly organizationId: string }
  | { readonly kind: 'specialty'; readonly specialty: string };

/** What the patient prefers for the appointment. */
export interface ReferralPreferences {
  readonly place: string | null;
  readonly teleconsultation: boolean;
  readonly availability: string | null;
}

/** An exam the referral asks for, by LOINC code; a repeat of a recent one carries the reason to repeat. */
export interface RequestedExam {
  readonly code: string;
  readonly display: string;
  readonly repeatReason: string | null;
}

/**
 * What CSP R1112-1-1 asks of the liaison letter that goes with a patient sent to hospital: the reasons,
 * the current treatments and the known allergies. Filled from the record when the referral is sent.
 */
export interface LiaisonLetter {
  readonly reasons: string;
  readonly treatments: readonly string[];
  readonly allergies: readonly string[];
}

/** The appointment the performer gave. */
export interface ReferralAppointment {
  readonly at: Date;
  readonly place: string | null;
  readonly teleconsultation: boolean;
  /** What the patient should bring or do, in the performer's words. */
  readonly instructions: string | null;
}

/** What goes back to the referrer: a structured answer, a document of the record, or both. */
export interface ReferralReport {
  readonly text: string | null;
  readonly documentId: string | null;
  readonly at: Date;
}

export interface Referral {
  readonly id: string;
  readonly patientId: string;
  readonly kind: ReferralKind;
  readonly urgency: ReferralUrgency;
  readonly status: ReferralStatus;
  readonly referrerPractitionerId: string;
  readonly target: ReferralTarget;
  /** Who accepted it (the named professional, or the member of the service or specialty who took it). */
  readonly performerPractitionerId: string | null;
  readonly reason: string;
  readonly clinicalQuestion: string;
  readonly preferences: ReferralPreferences;
  readonly attachedResultIds: readonly string[];
  readonly attachedDocumentIds: readonly string[];
  readonly requestedExams: readonly RequestedExam[];
  /** Set for a referral to a hospital service (CSP R1112-1-1). */
  readonly liaisonLetter: LiaisonLetter | null;
  readonly appointment: ReferralAppointment | null;
  readonly report: ReferralReport | null;
  /** While on hold for a question: the status the answer returns to. */
  readonly heldFrom: ReferralStatus | null;
  readonly declineReason: string | null;
  readonly cancelReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
  /** Bumped by every change, so two people acting at once cannot overwrite each other. */
  readonly version: number;
}

/** What the referrer fills in; the liaison letter is added by the service from the record. */
export interface NewReferral {
  readonly patientId: string;
  readonly kind: ReferralKind;
  readonly urgency: ReferralUrgency;
  readonly target: ReferralTarget;
  readonly reason: string;
  readonly clinicalQuestion: string;
  readonly preferences: ReferralPreferences;
  readonly attachedResultIds: readonly string[];
  readonly attachedDocumentIds: readonly string[];
  readonly requestedExams: readonly RequestedExam[];
}

/** Everything that moves a referral, besides sending it. */
export type ReferralAction =
  | { readonly kind: 'accept' }
  | { readonly kind: 'decline'; readonly reason: string }
  | { readonly kind: 'redirect'; readonly organizationId: string; readonly reason: string }
  | { readonly kind: 'ask'; readonly question: string }
  | { readonly kind: 'answer'; readonly answer: string }
  | {
      readonly kind: 'schedule';
      readonly at: Date;
      readonly place: string | null;
      readonly teleconsultation: boolean;
      readonly instructions: string | null;
    }
  | { readonly kind: 'mark-seen' }
  | { readonly kind: 'report'; readonly text: string | null; readonly documentId: string | null }
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'cancel'; readonly reason: string };

export type ReferralActionKind = ReferralAction['kind'];

/**
 * How someone relates to a referral. `target` may take it (the named professional, a member of the
 * service, a holder of the specialty); `performer` took it; `care-team` and `patient` follow it.
 */
export type ReferralRelation = 'referrer' | 'target' | 'performer' | 'care-team' | 'patient';

interface Transition {
  readonly from: readonly ReferralStatus[];
  readonly by: ReferralRelation;
  readonly kinds: readonly ReferralKind[];
}

const BOTH: readonly ReferralKind[] = ['referral', 'tele-expertise'];

/**
 * The lifecycle: for each action, the statuses it may start from, who may take it, and for which kinds
 * (a télé-expertise has no appointment). The resulting status is in `nextStatus`.
 */
export const TRANSITIONS: Readonly<Record<ReferralActionKind, Transition>> = {
  accept: { from: ['requested'], by: 'target', kinds: BOTH },
  decline: { from: ['requested'], by: 'target', kinds: BOTH },
  redirect: { from: ['requested'], by: 'target', kinds: BOTH },
  ask: { from: ['requested', 'accepted', 'scheduled'], by: 'target', kinds: BOTH },
  answer: { from: ['on_hold'], by: 'referrer', kinds: BOTH },
  schedule: { from: ['accepted', 'scheduled'], by: 'performer', kinds: ['referral'] },
  'mark-seen': { from: ['scheduled'], by: 'performer', kinds: ['referral'] },
  report: { from: ['accepted', 'scheduled', 'seen'], by: 'performer', kinds: BOTH },
  acknowledge: { from: ['reported'], by: 'referrer', kinds: BOTH },
  cancel: { from: ['requested', 'on_hold', 'accepted', 'scheduled'], by: 'referrer', kinds: BOTH },
};

/** A referral's report needs a visit first; a télé-expertise answers straight after acceptance. */
function statusAllows(referral: Pick<Referral, 'kind' | 'status'>, action: ReferralActionKind): boolean {
  const transition = TRANSITIONS[action];
  if (!transition.kinds.includes(referral.kind)) return false;
  if (action === 'report' && referral.kind === 'referral' && referral.status === 'accepted') return false;
  return transition.from.includes(referral.status);
}

/**
 * Whether `relations` let someone take `action`, whatever the status. Once a referral is taken, the
 * performer acts for the target (asking a question included); before, any target may.
 */
export function relationMayTake(
  referral: Pick<Referral, 'performerPractitionerId'>,
  action: ReferralActionKind,
  relations: readonly ReferralRelation[],
): boolean {
  const by = TRANSITIONS[action].by;
  if (by === 'target' && referral.performerPractitionerId !== null) return relations.includes('performer');
  return relations.includes(by);
}

/** The actions open to someone with these relations now (sent to the UI with each referral). */
export function allowedReferralActions(
  referral: Pick<Referral, 'kind' | 'status' | 'performerPractitionerId'>,
  relations: readonly ReferralRelation[],
): ReferralActionKind[] {
  return (Object.keys(TRANSITIONS) as ReferralActionKind[]).filter(
    (action) => relationMayTake(referral, action, relations) && statusAllows(referral, action),
  );
}

export const LIMITS = {
  reason: 2000,
  clinicalQuestion: 4000,
  preference: 500,
  attachments: 20,
  exams: 20,
  examDisplay: 200,
  repeatReason: 500,
  message: 4000,
  report: 20000,
  instructions: 2000,
} as const;

const LOINC = /^\d{1,7}-\d$/;
const SPECIALTY = /^[a-z][a-z_-]{1,59}$/;

/** Checks what the referrer filled in. Error: `invalid-input` naming every problem. */
export function validateNewReferral(input: NewReferral): void {
  const problems: string[] = [];
  const text = (field: string, value: string | null, max: number, required: boolean): void => {
    if (value === null || value.trim().length === 0) {
      if (required) problems.push(`${field} is required`);
    } else if (value.length > max) problems.push(`${field} is longer than ${max} characters`);
  };
  if (!isUuid(input.patientId)) problems.push('patientId is not a UUID');
  if (!(REFERRAL_KINDS as readonly string[]).includes(input.kind)) problems.push('kind is unknown');
  if (!(REFERRAL_URGENCIES as readonly string[]).includes(input.urgency)) {
    problems.push('urgency must be urgent, soon or routine');
  }
  problems.push(...targetProblems(input.target));
  text('reason', input.reason, LIMITS.reason, true);
  text('clinicalQuestion', input.clinicalQuestion, LIMITS.clinicalQuestion, true);
  text('preferences.place', input.preferences.place, LIMITS.preference, false);
  text('preferences.availability', input.preferences.availability, LIMITS.preference, false);
  for (const [field, ids] of [
    ['attachedResultIds', input.attachedResultIds],
    ['attachedDocumentIds', input.attachedDocumentIds],
  ] as const) {
    if (ids.length > LIMITS.attachments) problems.push(`${field} holds more than ${LIMITS.attachments} ids`);
    if (ids.some((id) => !isUuid(id))) problems.push(`${field} holds an id that is not a UUID`);
    if (new Set(ids).size !== ids.length) problems.push(`${field} names the same item twice`);
  }
  if (input.requestedExams.length > LIMITS.exams) problems.push(`more than ${LIMITS.exams} exams`);
  for (const exam of input.requestedExams) {
    if (!LOINC.test(exam.code)) problems.push(`exam code "${exam.code}" is not a LOINC code`);
    text(`exam ${exam.code} display`, exam.display, LIMITS.examDisplay, true);
    text(`exam ${exam.code} repeatReason`, exam.repeatReason, LIMITS.repeatReason, false);
  }
  if (new Set(input.requestedExams.map((exam) => exam.code)).size !== input.requestedExams.length) {
    problems.push('the same exam is asked twice');
  }
  if (problems.length > 0) {
    throw new DomainError('invalid-input', `invalid referral: ${problems.join('; ')}`, problems);
  }
}

function targetProblems(target: ReferralTarget): string[] {
  switch (target.kind) {
    case 'practitioner':
      return isUuid(target.practitionerId) ? [] : ['target.practitionerId is not a UUID'];
    case 'service':
      return isUuid(target.organizationId) ? [] : ['target.organizationId is not a UUID'];
    case 'specialty':
      return SPECIALTY.test(target.specialty) ? [] : [`"${target.specialty}" is not a specialty code`];
  }
}

/** The first state of a referral just sent. */
export function newReferralState(
  id: string,
  input: NewReferral,
  referrerPractitionerId: string,
  liaisonLetter: LiaisonLetter | null,
  at: Date,
): Referral {
  const trimmed = (value: string | null): string | null => {
    const text = value?.trim() ?? '';
    return text === '' ? null : text;
  };
  return {
    id,
    patientId: input.patientId,
    kind: input.kind,
    urgency: input.urgency,
    status: 'requested',
    referrerPractitionerId,
    target: input.target,
    performerPractitionerId: null,
    reason: input.reason.trim(),
    clinicalQuestion: input.clinicalQuestion.trim(),
    preferences: {
      place: trimmed(input.preferences.place),
      teleconsultation: input.preferences.teleconsultation,
      availability: trimmed(input.preferences.availability),
    },
    attachedResultIds: input.attachedResultIds,
    attachedDocumentIds: input.attachedDocumentIds,
    requestedExams: input.requestedExams.map((exam) => ({
      code: exam.code,
      display: exam.display.trim(),
      repeatReason: trimmed(exam.repeatReason),
    })),
    liaisonLetter,
    appointment: null,
    report: null,
    heldFrom: null,
    declineReason: null,
    cancelReason: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    version: 1,
  };
}

/** Who acts, how they relate to the referral, and when. */
export interface ReferralActor {
  readonly practitionerId: string;
  readonly relations: readonly ReferralRelation[];
  readonly at: Date;
}

/**
 * Applies an action and returns the new state (same version: the store bumps it). Errors: `forbidden`
 * when the actor may not take it, `conflict` naming the current status when the status does not
 * allow it, `invalid-input` for missing or over-long text.
 */
export function applyReferralAction(
  referral: Referral,
  action: ReferralAction,
  actor: ReferralActor,
): Referral {
  if (!relationMayTake(referral, action.kind, actor.relations)) {
    throw new DomainError(
      'forbidden',
      `only the ${WHO[TRANSITIONS[action.kind].by]} may ${VERB[action.kind]}`,
    );
  }
  if (!statusAllows(referral, action.kind)) {
    throw new DomainError(
      'conflict',
      `the ${KIND_WORD[referral.kind]} is ${referral.status.replace('_', ' ')}: it cannot be ${PAST[action.kind]}`,
    );
  }
  const touched: Referral = { ...referral, updatedAt: actor.at };
  switch (action.kind) {
    case 'accept':
      return { ...touched, status: 'accepted', performerPractitionerId: actor.practitionerId };
    case 'decline':
      return {
        ...touched,
        status: 'declined',
        declineReason: requiredText('the reason', action.reason, LIMITS.reason),
        closedAt: actor.at,
      };
    case 'redirect':
      // Sent on to another service: it waits there to be accepted, as if just sent.
      requiredText('the reason', action.reason, LIMITS.reason);
      if (!isUuid(action.organizationId))
        throw new DomainError('invalid-input', 'organizationId is not a UUID');
      if (referral.target.kind === 'service' && referral.target.organizationId === action.organizationId) {
        throw new DomainError('invalid-input', 'the referral is already addressed to this service');
      }
      return {
        ...touched,
        target: { kind: 'service', organizationId: action.organizationId },
        performerPractitionerId: null,
      };
    case 'ask':
      requiredText('the question', action.question, LIMITS.message);
      return { ...touched, status: 'on_hold', heldFrom: referral.status };
    case 'answer':
      requiredText('the answer', action.answer, LIMITS.message);
      return { ...touched, status: referral.heldFrom ?? 'requested', heldFrom: null };
    case 'schedule':
      if (Number.isNaN(action.at.getTime()))
        throw new DomainError('invalid-input', 'the appointment date is not a date');
      if (!action.teleconsultation && (action.place === null || action.place.trim() === '')) {
        throw new DomainError(
          'invalid-input',
          'say where the appointment takes place, or make it a teleconsultation',
        );
      }
      return {
        ...touched,
        status: 'scheduled',
        appointment: {
          at: action.at,
          place: optionalText('the place', action.place, LIMITS.preference),
          teleconsultation: action.teleconsultation,
          instructions: optionalText('the instructions', action.instructions, LIMITS.instructions),
        },
      };
    case 'mark-seen':
      return { ...touched, status: 'seen' };
    case 'report': {
      const text = optionalText('the report', action.text, LIMITS.report);
      if (text === null && action.documentId === null) {
        throw new DomainError('invalid-input', 'a report needs a written answer or a document');
      }
      if (action.documentId !== null && !isUuid(action.documentId)) {
        throw new DomainError('invalid-input', 'documentId is not a UUID');
      }
      return {
        ...touched,
        status: 'reported',
        report: { text, documentId: action.documentId, at: actor.at },
      };
    }
    case 'acknowledge':
      return { ...touched, status: 'closed', closedAt: actor.at };
    case 'cancel':
      return {
        ...touched,
        status: 'cancelled',
        cancelReason: requiredText('the reason', action.reason, LIMITS.reason),
        closedAt: actor.at,
      };
  }
}

function requiredText(what: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw new DomainError('invalid-input', `${what} is required`);
  if (text.length > max) throw new DomainError('invalid-input', `${what} is longer than ${max} characters`);
  return text;
}

function optionalText(what: string, value: string | null, max: number): string | null {
  if (value === null || value.trim() === '') return null;
  return requiredText(what, value, max);
}

const KIND_WORD: Readonly<Record<ReferralKind, string>> = {
  referral: 'referral',
  'tele-expertise': 'télé-expertise request',
};

const WHO: Readonly<Record<ReferralRelation, string>> = {
  referrer: 'referrer',
  target: 'professional or service it is addressed to (or whoever took it)',
  performer: 'professional who took it',
  'care-team': 'care team',
  patient: 'patient',
};

const VERB: Readonly<Record<ReferralActionKind, string>> = {
  accept: 'accept it',
  decline: 'decline it',
  redirect: 'redirect it',
  ask: 'ask the referrer a question',
  answer: 'answer the question',
  schedule: 'schedule it',
  'mark-seen': 'mark the patient seen',
  report: 'return the report',
  acknowledge: 'acknowledge the report',
  cancel: 'cancel it',
};

const PAST: Readonly<Record<ReferralActionKind, string>> = {
  accept: 'accepted',
  decline: 'declined',
  redirect: 'redirected',
  ask: 'put on hold with a question',
  answer: 'answered',
  schedule: 'scheduled',
  'mark-seen': 'marked seen',
  report: 'reported',
  acknowledge: 'acknowledged',
  cancel: 'cancelled',
};
