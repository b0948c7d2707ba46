import type { Task } from '@medplum/fhirtypes';
import type { ReferralReadService } from '../../domain/referrals/referral-read-service.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { isUuid } from '../../domain/shared/new-id.ts';
import type { TaskService } from '../../domain/tasks/task-service.ts';
import { MAX_WORKLIST_LIMIT } from '../../domain/tasks/worklist.ts';
import type { WorklistService } from '../../domain/tasks/worklist-service.ts';
import { FhirError, issue } from '../fhir-error.ts';
import { validateFhirResource } from '../fhir-validator.ts';
import { coordinationTaskToFhir, newTaskFromFhir } from '../mappers/coordination-task-mapper.ts';
import { mappedIn } from '../mappers/fhir-mapping.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import { searchList } from '../search/list-search.ts';
import { DIRECTORY_TARGETS, patientIncludes } from '../search/search-includes.ts';
import type { SearchParamDefinition } from '../search/search-request.ts';
import { referralFulfilmentToFhir, referralsOf } from './referral-lists.ts';
import { workListSourceOf, type WorkListSource } from './work-list-source.ts';
import { requiredCodes } from '../required-codes.ts';

const SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  {
    name: 'patient',
    type: 'reference',
    documentation: 'the patient (Patient/<id>): their referrals and tasks, of every status',
  },
  { name: 'subject', type: 'reference', documentation: 'the same as patient (Task.for)' },
  {
    name: 'owner',
    type: 'reference',
    documentation: 'who holds it; without patient, yourself only (your inbox and your worklist)',
  },
  {
    name: 'requester',
    type: 'reference',
    documentation: 'who sent the referral; without patient, yourself only',
  },
  {
    name: 'status',
    type: 'token',
    documentation: 'the Task status (requested, ready, in-progress, completed…)',
  },
  { name: 'authored-on', type: 'date', documentation: 'when it was created' },
  { name: 'modified', type: 'date', documentation: 'when it last changed' },
  { name: '_lastUpdated', type: 'date', documentation: 'when it last changed' },
];

/**
 * Task: two kinds of work under one type. A referral's fulfilment (closed-loop referral; its id is the
 * referral's, like its ServiceRequest) goes through the referral gate; a coordination task (tasks/)
 * through the task gate, and is created here (intent order, for a patient, an owner). Both kinds have
 * UUIDs from the same generator, so a read asks the referrals, then the tasks: an id is never both.
 * A search reads one patient's referrals and tasks of every status (the patient gate, once for each),
 * or the caller's own: requester (the outbox), owner (the inbox and the worklist, open work only).
 */
export function taskModule(deps: {
  readonly tasks: TaskService;
  readonly worklist: WorklistService;
  readonly referralReads: ReferralReadService;
}): ResourceModule<Task> {
  const { tasks, worklist, referralReads } = deps;
  return {
    type: 'Task',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    includes: [
      ...patientIncludes<Task>(['patient', 'subject'], (task) => task.for),
      { param: 'owner', targets: DIRECTORY_TARGETS, references: (task) => [task.owner] },
      { param: 'requester', targets: ['Practitioner'], references: (task) => [task.requester] },
      { param: 'focus', targets: ['ServiceRequest'], references: (task) => [task.focus] },
    ],

    async read({ principal, origin }, id) {
      if (!isUuid(id)) throw new DomainError('not-found', `no Task with id '${id}'`);
      try {
        return referralFulfilmentToFhir((await referralReads.readReferral(principal, id, origin)).referral);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not-found')) throw error;
      }
      return coordinationTaskToFhir((await worklist.readTask(principal, id, origin)).task);
    },

    async search(caller, request) {
      const source = workListSourceOf(caller.principal, request, {
        type: 'Task',
        patient: ['patient', 'subject'],
        requester: 'requester',
        owner: 'owner',
      });
      // One after the other: a refusal of the first list leaves one audit row, as on /api.
      const referrals = await referralsOf(referralReads, caller, source);
      const coordination = await coordinationTasksOf(worklist, caller, source);
      const found = [...referrals.map(referralFulfilmentToFhir), ...coordination.map(coordinationTaskToFhir)];
      return searchList(found, request, {
        status: {
          type: 'token',
          values: (task) => [task.status],
          codes: requiredCodes('http://hl7.org/fhir/ValueSet/task-status'),
        },
        owner: { type: 'reference', values: (task) => [task.owner?.reference] },
        requester: { type: 'reference', values: (task) => [task.requester?.reference] },
        'authored-on': { type: 'date', values: (task) => [task.authoredOn] },
        modified: { type: 'date', values: (task) => [task.lastModified] },
        _lastUpdated: { type: 'date', values: (task) => [task.meta?.lastUpdated] },
      });
    },

    // One validation, one domain write: the answer is the task as the use case stored it.
    async create({ principal, origin }, resource, ifNoneExist) {
      if (ifNoneExist !== undefined)
        throw new FhirError(400, [issue('not-supported', 'a conditional create of Task is not supported')]);
      const invalid = validateFhirResource(resource);
      if (invalid.length > 0) throw new FhirError(400, invalid);
      const created = await tasks.createTask(
        principal,
        mappedIn(() => newTaskFromFhir(resource)),
        origin,
      );
      return { resource: coordinationTaskToFhir(created), created: true };
    },
  };
}

async function coordinationTasksOf(
  worklist: WorklistService,
  { principal, origin }: FhirCaller,
  source: WorkListSource,
) {
  switch (source.kind) {
    case 'patient':
      // Every status: a FHIR client filters by status itself (a worklist is open work only).
      return (await worklist.patientTasks(principal, source.patientId, origin, 'all')).map(
        ({ task }) => task,
      );
    case 'owned-by-me': {
      const query = { filters: {}, limit: MAX_WORKLIST_LIMIT, after: null };
      return (await worklist.worklist(principal, query, origin)).items.map(({ task }) => task);
    }
    case 'requested-by-me':
      // A coordination task names the account that created it, not a practitioner who asked for it.
      return [];
  }
}
