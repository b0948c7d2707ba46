import type { Communication } from '@medplum/fhirtypes';
import type { ReferralReadService } from '../../domain/referrals/referral-read-service.ts';
import type { ReferralService } from '../../domain/referrals/referral-service.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { TaskService } from '../../domain/tasks/task-service.ts';
import type { WorklistService } from '../../domain/tasks/worklist-service.ts';
import { badRequest, FhirError, issue, unprocessable } from '../fhir-error.ts';
import { validateFhirResource } from '../fhir-validator.ts';
import {
  newCommunicationFromFhir,
  referralThreadToFhir,
  taskCommentToFhir,
  type NewCommunication,
} from '../mappers/communication-mapper.ts';
import { mappedIn } from '../mappers/fhir-mapping.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import { searchList, singleValue } from '../search/list-search.ts';
import type { SearchParamDefinition } from '../search/search-request.ts';

const SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  {
    name: 'based-on',
    type: 'reference',
    documentation:
      'required: the referral (ServiceRequest/<id>) whose questions and answers, or the task (Task/<id>) ' +
      'whose comments, are listed; for its parties only',
  },
  { name: 'category', type: 'token', documentation: 'question, answer or comment' },
  { name: 'sender', type: 'reference', documentation: 'who wrote it (Practitioner/<id>)' },
  { name: 'sent', type: 'date', documentation: 'when it was sent' },
];

const DOCUMENTATION =
  'The questions and answers of a referral, and the comments on a coordination task. A search names ' +
  'the referral or task (`based-on`); a create basedOn a ServiceRequest asks the referrer a question ' +
  '(category question, the addressee) or answers it (category answer, the referrer), one basedOn a ' +
  'Task comments on it.';

/** The thread a search or a create is about, from `based-on`. */
type Thread = { readonly on: 'referral' | 'task'; readonly id: string };

// `ServiceRequest/<id>` or `Task/<id>`: a bare id could be either.
const THREAD = /^(ServiceRequest|Task)\/([A-Za-z0-9.-]{1,64})$/;

/**
 * Communication: a referral's questions and answers (through the referral gate: its parties, audited)
 * and a coordination task's comments (through the task gate). Ids are the messages' own; a read finds
 * the referral or task a message belongs to and opens it as a read of that referral or task would.
 * A search lists one referral's or task's thread; a create takes the referral action (ask, answer)
 * or adds the comment, with the domain's rules and errors.
 */
export function communicationModule(deps: {
  readonly referralReads: ReferralReadService;
  readonly referrals: ReferralService;
  readonly worklist: WorklistService;
  readonly tasks: TaskService;
}): ResourceModule<Communication> {
  const { referralReads, referrals, worklist, tasks } = deps;

  const threadOf = async ({ principal, origin }: FhirCaller, thread: Thread) => {
    if (thread.on === 'referral') {
      const { referral, messages } = await referralReads.readReferral(principal, thread.id, origin);
      return referralThreadToFhir(referral, messages);
    }
    const { task, comments } = await worklist.readTask(principal, thread.id, origin);
    return comments.map((comment) => taskCommentToFhir(task, comment));
  };

  /** A question or an answer: the referral action, on the version just read. */
  const sendInReferral = async (
    { principal, origin }: FhirCaller,
    message: Extract<NewCommunication, { on: 'referral' }>,
  ): Promise<Communication> => {
    const before = await referralReads.readReferral(principal, message.referralId, origin);
    requireSubject(message.patientId, before.referral.patientId);
    if (message.inResponseTo !== null) {
      const open = before.referral.status === 'on_hold' ? before.messages.at(-1) : undefined;
      if (open?.kind !== 'question' || open.id !== message.inResponseTo)
        throw refusal('Communication.inResponseTo[0].reference', 'is not the question the referral waits on');
    }
    const action =
      message.kind === 'question'
        ? ({ kind: 'ask', question: message.text } as const)
        : ({ kind: 'answer', answer: message.text } as const);
    const after = await referrals.act(principal, message.referralId, action, before.referral.version, origin);
    const known = new Set(before.messages.map((sent) => sent.id));
    const written = referralThreadToFhir(after.referral, after.messages).find(
      (communication) => communication.id !== undefined && !known.has(communication.id),
    );
    if (written === undefined) throw new Error('a question or an answer writes a message');
    return written;
  };

  /** A comment: the task read first (its patient checked), then the comment, then read back. */
  const commentOnTask = async (
    caller: FhirCaller,
    message: Extract<NewCommunication, { on: 'task' }>,
  ): Promise<Communication> => {
    const { principal, origin } = caller;
    const { task } = await worklist.readTask(principal, message.taskId, origin);
    requireSubject(message.patientId, task.patientId);
    const id = await tasks.commentTask(principal, message.taskId, message.text, origin);
    const { detail, comment } = await worklist.readComment(principal, id, origin);
    return taskCommentToFhir(detail.task, comment);
  };

  return {
    type: 'Communication',
    documentation: DOCUMENTATION,
    searchParams: SEARCH_PARAMS,
    sortable: [],

    // Referral messages and task comments have UUIDs from the same generator: an id is never both.
    async read({ principal, origin }, id) {
      try {
        const { detail, message } = await referralReads.readMessage(principal, id, origin);
        const thread = referralThreadToFhir(detail.referral, detail.messages);
        const found = thread.find((communication) => communication.id === message.id);
        if (found !== undefined) return found;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not-found')) throw error;
      }
      const { detail, comment } = await worklist.readComment(principal, id, origin);
      return taskCommentToFhir(detail.task, comment);
    },

    async search(caller, request) {
      const based = singleValue(request, ['based-on']);
      if (based === undefined)
        throw badRequest(
          'a Communication search names its referral or task: based-on=ServiceRequest/<id> or Task/<id>',
          'based-on',
        );
      const match = THREAD.exec(based);
      if (match?.[1] === undefined || match[2] === undefined)
        throw badRequest(`'based-on' must be ServiceRequest/<id> or Task/<id>, got '${based}'`, 'based-on');
      const found = await threadOf(caller, {
        on: match[1] === 'Task' ? 'task' : 'referral',
        id: match[2],
      });
      return searchList(found, request, {
        category: {
          type: 'token',
          values: (communication) =>
            (communication.category ?? []).flatMap((category) => (category.coding ?? []).map((c) => c.code)),
        },
        sender: { type: 'reference', values: (communication) => [communication.sender?.reference] },
        sent: { type: 'date', values: (communication) => [communication.sent] },
      });
    },

    // One validation, one domain write: the answer is the message as the use case stored it.
    async create(caller, resource, ifNoneExist) {
      if (ifNoneExist !== undefined)
        throw new FhirError(400, [
          issue('not-supported', 'a conditional create of Communication is not supported'),
        ]);
      const invalid = validateFhirResource(resource);
      if (invalid.length > 0) throw new FhirError(400, invalid);
      const message = mappedIn(() => newCommunicationFromFhir(resource));
      const created =
        message.on === 'referral'
          ? await sendInReferral(caller, message)
          : await commentOnTask(caller, message);
      return { resource: created, created: true };
    },
  };
}

/** 422 naming the element at fault, as the mapper's refusals are answered. */
function refusal(path: string, problem: string): FhirError {
  return unprocessable([issue('business-rule', `${path}: ${problem}`, path)]);
}

/** A subject the client named must be the referral's or task's patient. */
function requireSubject(named: string | null, patientId: string | null): void {
  if (named !== null && named !== patientId)
    throw refusal('Communication.subject.reference', 'is not the patient of what it is based on');
}
