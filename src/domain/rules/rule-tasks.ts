import type { SystemTaskCommand } from '../tasks/task.ts';
import { LIMITS } from '../tasks/task.ts';
import { shorten } from '../shared/shorten.ts';
import type { SystemTaskRequest, TaskCreator } from './rule-ports.ts';

/** The tasks context's idempotent creation, as the task service exposes it. */
export type CreateSystemTasks = (
  commands: readonly SystemTaskCommand[],
) => Promise<readonly { readonly id: string; readonly created: boolean }[]>;

/**
 * Rule tasks through the tasks context: one call per batch, assigned to the care-team role, keyed by
 * the action's key so that a replay finds the task it created the first time.
 */
export function ruleTaskCreator(createSystemTasks: CreateSystemTasks): TaskCreator {
  return {
    async create(requests) {
      await createSystemTasks(requests.map(commandOf));
    },
  };
}

function commandOf(request: SystemTaskRequest): SystemTaskCommand {
  return {
    patientId: request.patientId,
    // Tasks hold one title and one explanation: French, the reference language.
    title: request.title.fr,
    details: null,
    assignee: { kind: 'care-team-role', role: request.role },
    priority: request.priority,
    dueAt: request.dueAt,
    about: { kind: 'event', id: request.origin.eventId },
    origin: {
      kind: 'rule',
      ref: `${request.origin.ruleSetId}/${request.origin.ruleId}`,
      explanation: shorten(request.explanation.fr, LIMITS.explanation),
    },
    idempotencyKey: request.key,
  };
}
