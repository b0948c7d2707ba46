import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewTask } from '../tasks/task.ts';
import type { TaskService } from '../tasks/task-service.ts';
import { ownPatientId } from './patient-export-service.ts';

/** Port: the roles held today in the patient's active care team. */
export interface CareTeamRolesSource {
  activeRoles(scope: PatientScope, on: Date): Promise<string[]>;
}

export const REQUEST_MAX_LENGTH = 2000;

/** Who answers a patient's request: their GP, or the coordinator. */
export type RequestAssignee = Extract<CareTeamRole, 'medecin_traitant' | 'coordinator'>;

/**
 * The task a patient's request for a correction raises: for their médecin traitant, who knows them and
 * registered their identity, or the coordinator when they have no GP; due within one month, the time
 * the GDPR gives to answer (article 12(3)). The title is in French, the task list's language.
 */
export function rectificationRequestTask(
  patientId: string,
  text: string,
  roles: readonly string[],
  now: Date,
): { readonly role: RequestAssignee; readonly task: NewTask } {
  const role: RequestAssignee | undefined = roles.includes('medecin_traitant')
    ? 'medecin_traitant'
    : roles.includes('coordinator')
      ? 'coordinator'
      : undefined;
  if (role === undefined) {
    throw new DomainError(
      'conflict',
      'your care team has no médecin traitant or coordinator to send the request to: ask a professional who cares for you',
    );
  }
  const due = new Date(now);
  due.setUTCMonth(due.getUTCMonth() + 1);
  return {
    role,
    task: {
      patientId,
      title: 'Demande de rectification de ses données par le patient',
      details: text,
      assignee: { kind: 'care-team-role', role },
      priority: 'normal',
      dueAt: due,
      about: null,
    },
  };
}

/** The patient asks, from the portal, for a correction of their data: a task for their care team. */
export function createRectificationRequests(deps: {
  access: PatientAccess;
  roles: CareTeamRolesSource;
  tasks: Pick<TaskService, 'createPatientRequest'>;
  clock: Clock;
}) {
  return {
    /** Returns the task's id and the role it went to. Errors: `invalid-input` (text), `forbidden`, `conflict`. */
    async request(
      principal: Principal,
      text: string,
      origin: RequestOrigin,
    ): Promise<{ taskId: string; assignedTo: RequestAssignee }> {
      const patientId = ownPatientId(principal);
      const body = text.trim();
      if (body === '') throw new DomainError('invalid-input', 'say what should be corrected');
      if (body.length > REQUEST_MAX_LENGTH)
        throw new DomainError('invalid-input', `the request is longer than ${REQUEST_MAX_LENGTH} characters`);
      const purpose = { action: 'write', resource: 'rectification-request' } as const;
      const scope = await deps.access.open(principal, patientId, purpose, origin);
      const now = deps.clock();
      const { role, task } = rectificationRequestTask(
        patientId,
        body,
        await deps.roles.activeRoles(scope, now),
        now,
      );
      return { taskId: await deps.tasks.createPatientRequest(scope, task), assignedTo: role };
    },
  };
}

export type RectificationRequests = ReturnType<typeof createRectificationRequests>;
