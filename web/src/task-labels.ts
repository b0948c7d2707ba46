import i18next, { translateOr } from './i18n.ts';
import type { TaskSummary } from './api-types.ts';
import { roleLabel } from './labels.ts';

/** Who must do it, in words: a name, a service, or "the nurse role". */
export function assigneeText(assignee: TaskSummary['assignee']): string {
  return assignee.kind === 'care-team-role'
    ? i18next.t('tasks.assigneeRole', { role: roleLabel(assignee.label) })
    : assignee.label;
}

/** Why the task exists: the system's explanation, or who created it by hand. */
export function whyText(task: Pick<TaskSummary, 'origin' | 'createdBy'>): string {
  const { kind, explanation } = task.origin;
  if (kind === 'manual') {
    return task.createdBy === null
      ? i18next.t('tasks.createdBySomeone')
      : i18next.t('tasks.createdBy', { name: task.createdBy });
  }
  const origin = translateOr(`tasks.origin.${kind}`, kind);
  return explanation === null ? origin : `${origin} — ${explanation}`;
}

/** A date input's day (YYYY-MM-DD) as the end of that day in the browser's time zone. */
export function endOfLocalDay(isoDate: string): string {
  return new Date(`${isoDate}T23:59:00`).toISOString();
}
