import type { Communication, Practitioner, Reference } from '@medplum/fhirtypes';
import type { ReferralMessageView } from '../../domain/referrals/referral-views.ts';
import type { Referral } from '../../domain/referrals/referral.ts';
import type { TaskCommentView } from '../../domain/tasks/task-views.ts';
import type { Task } from '../../domain/tasks/task.ts';
import { relaisCodeSystem } from '../relais-terminology.ts';
import { codeIn, concept, reference, refuse, refuseUnheld } from './fhir-mapping.ts';

/** What a message is: FHIR's communication-category has no question, answer or comment. */
export const COMMUNICATION_CATEGORY = relaisCodeSystem('communication-category');

type MessageKind = 'question' | 'answer' | 'comment';

const CATEGORY_WORDS: Readonly<Record<MessageKind, string>> = {
  question: 'Question',
  answer: 'Answer',
  comment: 'Comment',
};

const categoryOf = (kind: MessageKind) => concept(COMMUNICATION_CATEGORY, kind, CATEGORY_WORDS[kind]);

const practitioner = (id: string, name: string): Reference<Practitioner> => ({
  ...reference('Practitioner', id),
  display: name,
});

/**
 * A referral's thread (oldest first) as Communications based on its ServiceRequest: a question the
 * addressee asks goes to the referrer; an answer, which only a referral on hold for a question takes,
 * answers the latest question before it and goes to whoever asked it.
 */
export function referralThreadToFhir(
  referral: Pick<Referral, 'id' | 'patientId' | 'referrerPractitionerId'>,
  messages: readonly ReferralMessageView[],
): Communication[] {
  let open: ReferralMessageView | undefined;
  return messages.map((message) => {
    const answered = message.kind === 'answer' ? open : undefined;
    open = message.kind === 'question' ? message : undefined;
    const recipient =
      message.kind === 'question'
        ? reference('Practitioner', referral.referrerPractitionerId)
        : answered && practitioner(answered.authorPractitionerId, answered.authorName);
    return {
      resourceType: 'Communication',
      id: message.id,
      basedOn: [reference('ServiceRequest', referral.id)],
      ...(answered === undefined ? {} : { inResponseTo: [reference('Communication', answered.id)] }),
      status: 'completed',
      category: [categoryOf(message.kind)],
      subject: reference('Patient', referral.patientId),
      sent: message.at.toISOString(),
      ...(recipient === undefined ? {} : { recipient: [recipient] }),
      sender: practitioner(message.authorPractitionerId, message.authorName),
      payload: [{ contentString: message.text }],
    };
  });
}

/** A comment on a coordination task as a Communication based on the Task, about its patient if any. */
export function taskCommentToFhir(
  task: Pick<Task, 'id' | 'patientId'>,
  comment: TaskCommentView,
): Communication {
  return {
    resourceType: 'Communication',
    id: comment.id,
    basedOn: [reference('Task', task.id)],
    status: 'completed',
    category: [categoryOf('comment')],
    ...(task.patientId === null ? {} : { subject: reference('Patient', task.patientId) }),
    sent: comment.at.toISOString(),
    sender: practitioner(comment.authorPractitionerId, comment.authorName),
    payload: [{ contentString: comment.text }],
  };
}

/**
 * A message to send, as read from a new Communication: a question or answer in a referral, or a comment
 * on a task. `patientId` is the subject the client named (the module checks it is the referral's or
 * task's patient); `inResponseTo` the question an answer says it answers.
 */
export type NewCommunication =
  | {
      readonly on: 'referral';
      readonly referralId: string;
      readonly kind: 'question' | 'answer';
      readonly text: string;
      readonly inResponseTo: string | null;
      readonly patientId: string | null;
    }
  | {
      readonly on: 'task';
      readonly taskId: string;
      readonly text: string;
      readonly patientId: string | null;
    };

/**
 * The elements a new Communication may carry; the others are refused by path, never dropped. The
 * server sets id, meta and sent (and the sender: the caller), so those three are read and dropped,
 * like the narrative.
 */
const KEPT = new Set([
  'resourceType',
  'id',
  'meta',
  'text',
  'status',
  'basedOn',
  'category',
  'subject',
  'sent',
  'payload',
  'inResponseTo',
]);

const BASED_ON = /^(ServiceRequest|Task)\/([A-Za-z0-9.-]{1,64})$/;
const PATIENT = /^Patient\/([A-Za-z0-9.-]{1,64})$/;
const COMMUNICATION = /^Communication\/([A-Za-z0-9.-]{1,64})$/;

/**
 * A new Communication (already valid against R4) as the message it sends. Refused by path
 * (invalid-input): a status other than completed, not exactly one ServiceRequest or Task in basedOn,
 * a referral message that is not one question or answer (category), a category other than comment on
 * a task, a subject that is not a Patient, inResponseTo on anything but an answer, a payload other
 * than one contentString, and any element Relais has no place for (sender, recipient…).
 */
export function newCommunicationFromFhir(resource: Communication): NewCommunication {
  refuseUnheld(
    resource,
    'Communication',
    Object.keys(resource).filter((element) => !KEPT.has(element)),
  );
  if (resource.status !== 'completed') refuse('Communication.status', 'a message sent is completed');
  const basedOn = resource.basedOn ?? [];
  if (basedOn.length !== 1)
    refuse('Communication.basedOn', 'names one ServiceRequest (a referral) or one Task');
  const target = BASED_ON.exec(basedOn[0]?.reference ?? '');
  if (target?.[1] === undefined || target[2] === undefined)
    refuse('Communication.basedOn[0].reference', 'must be ServiceRequest/<id> or Task/<id>');
  const text = textOf(resource);
  const patientId = subjectOf(resource);
  const categories = resource.category ?? [];
  if (categories.length > 1) refuse('Communication.category', 'one category: question, answer or comment');
  if (target[1] === 'Task') {
    if (categories[0] !== undefined)
      codeIn(categories[0], COMMUNICATION_CATEGORY, { comment: 'comment' }, 'Communication.category[0]');
    if (resource.inResponseTo !== undefined)
      refuse('Communication.inResponseTo', 'a task comment answers no question');
    return { on: 'task', taskId: target[2], text, patientId };
  }
  if (categories[0] === undefined)
    refuse('Communication.category', `says question or answer (${COMMUNICATION_CATEGORY})`);
  const kind = codeIn(
    categories[0],
    COMMUNICATION_CATEGORY,
    { question: 'question', answer: 'answer' } as const,
    'Communication.category[0]',
  );
  return {
    on: 'referral',
    referralId: target[2],
    kind,
    text,
    inResponseTo: answeredOf(resource, kind),
    patientId,
  };
}

function textOf(resource: Communication): string {
  const payload = resource.payload ?? [];
  if (payload.length !== 1 || payload[0] === undefined)
    refuse('Communication.payload', 'one payload: the words of the message');
  refuseUnheld(payload[0], 'Communication.payload[0]', [
    'contentAttachment',
    'contentReference',
    'extension',
  ]);
  const text = payload[0].contentString;
  if (text === undefined) refuse('Communication.payload[0].contentString', 'holds the words of the message');
  return text;
}

function subjectOf(resource: Communication): string | null {
  if (resource.subject === undefined) return null;
  const patient = PATIENT.exec(resource.subject.reference ?? '');
  if (patient?.[1] === undefined) refuse('Communication.subject.reference', 'must be Patient/<id>');
  return patient[1];
}

function answeredOf(resource: Communication, kind: 'question' | 'answer'): string | null {
  const answered = resource.inResponseTo ?? [];
  if (answered.length === 0) return null;
  if (kind === 'question') refuse('Communication.inResponseTo', 'a question answers nothing');
  if (answered.length > 1) refuse('Communication.inResponseTo', 'an answer answers one question');
  const question = COMMUNICATION.exec(answered[0]?.reference ?? '');
  if (question?.[1] === undefined)
    refuse('Communication.inResponseTo[0].reference', 'must be Communication/<id>');
  return question[1];
}
