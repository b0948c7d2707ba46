import type { TaskAssignee } from '../domain/tasks/task.ts';
import type { TaskFactsSource } from '../domain/tasks/task-ports.ts';

/**
 * How long a found practitioner's or service's label is reused, in real time. Relais only ever adds
 * to the directory (no name is changed and no entry removed through it), so this bounds how long a
 * change made outside it (SQL by hand, a directory sync to come) goes unseen in new journal events,
 * where a label is a snapshot anyway (ADR 0025).
 */
export const ASSIGNEE_LABEL_CACHE_MS = 30_000;

/** Far more than the practitioners and services active within the window; a full cache starts over. */
const MAX_CACHED_LABELS = 10_000;

interface Cached {
  readonly label: string;
  readonly until: number;
}

/** The directory entry an assignee's label comes from; a care-team role is its own label. */
function directoryKey(assignee: TaskAssignee): string | undefined {
  switch (assignee.kind) {
    case 'practitioner':
      return `practitioner ${assignee.practitionerId}`;
    case 'service':
      return `service ${assignee.organizationId}`;
    case 'care-team-role':
      return undefined;
  }
}

/**
 * Every task created or reassigned names its assignee and its author in its journal event, and a
 * lookup of their labels is a round trip of its own: under load, one practitioner's burst of tasks
 * asks the same question each time. This keeps found labels for ASSIGNEE_LABEL_CACHE_MS and asks
 * the directory only for the others. An unknown assignee is never kept, so it is refused every time.
 */
export function withAssigneeLabelCache(
  facts: TaskFactsSource,
  now: () => number = () => performance.now(),
): TaskFactsSource {
  let cached = new Map<string, Cached>();
  const keptLabel = (key: string | undefined): string | undefined => {
    const hit = key === undefined ? undefined : cached.get(key);
    return hit !== undefined && hit.until > now() ? hit.label : undefined;
  };
  const keep = (key: string, label: string, until: number) => {
    if (cached.size >= MAX_CACHED_LABELS) cached = new Map();
    cached.set(key, { label, until });
  };

  return {
    ...facts,
    async describeAssignees(assignees) {
      const keys = assignees.map(directoryKey);
      const labels = keys.map(keptLabel);
      const asked = assignees.filter((_, i) => labels[i] === undefined);
      if (asked.length === 0) return labels;
      const found = await facts.describeAssignees(asked);
      const until = now() + ASSIGNEE_LABEL_CACHE_MS;
      let next = 0;
      return labels.map((kept, i) => {
        if (kept !== undefined) return kept;
        const label = found[next++];
        const key = keys[i];
        if (label !== undefined && key !== undefined) keep(key, label, until);
        return label;
      });
    },
  };
}
