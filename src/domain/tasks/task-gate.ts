import { auditEntryFor, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { decideTaskAccess, type TaskAction, type TaskViewer } from './task-policy.ts';
import type { TaskFactsSource, TaskStore } from './task-ports.ts';
import type { Task } from './task.ts';

/** A task opened for one purpose, with the facts the decision used. */
export interface OpenedTask {
  readonly task: Task;
  readonly viewer: TaskViewer & { readonly name: string };
  readonly principal: Extract<Principal, { kind: 'professional' }>;
  readonly at: Date;
}

/**
 * The gate to one task, like PatientAccess for a record: loads the task and the viewer's facts, decides
 * with the task policy, audits the decision when the task concerns a patient (allowed or denied, before
 * answering), then hands the task over.
 */
export function createTaskGate(deps: {
  store: TaskStore;
  facts: TaskFactsSource;
  audit: AuditTrail;
  clock: Clock;
}) {
  const { store, facts, audit, clock } = deps;
  return {
    /** Errors: `forbidden` (not a professional, or the policy's reason), `not-found` (no such task). */
    async open(
      principal: Principal,
      taskId: string,
      wanted: TaskAction | 'read',
      origin: RequestOrigin,
    ): Promise<OpenedTask> {
      const professional = requireProfessional(principal);
      const task = await store.find(taskId);
      if (task === undefined) throw new DomainError('not-found', `no task with id ${taskId}`);
      const at = clock();
      const viewer = await facts.viewer(
        professional.practitionerId,
        professional.accountId,
        task.patientId,
        at,
      );
      const decision = decideTaskAccess(task, viewer, wanted);
      if (task.patientId !== null) {
        const purpose = { action: wanted === 'read' ? 'read' : 'write', resource: 'task' } as const;
        await audit.append([
          auditEntryFor(principal, task.patientId, purpose, origin, at, {
            outcome: decision.allowed ? 'allowed' : 'denied',
            reason: decision.reason,
            role: viewer.patientRoles[0] ?? null,
          }),
        ]);
      }
      if (!decision.allowed) throw new DomainError('forbidden', `access refused: ${decision.reason}`);
      return { task, viewer, principal: professional, at };
    },
  };
}

export type TaskGate = ReturnType<typeof createTaskGate>;

/** Tasks are professionals' work. Error: `forbidden` for a patient account. */
export function requireProfessional(principal: Principal): Extract<Principal, { kind: 'professional' }> {
  if (principal.kind !== 'professional')
    throw new DomainError('forbidden', 'only professionals work on tasks');
  return principal;
}
