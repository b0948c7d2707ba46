import { useTranslation } from 'react-i18next';
import type { TaskSummary } from '../../api-types.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { assigneeText, whyText } from '../../task-labels.ts';
import { TaskActions } from './task-actions.tsx';
import { TaskComments } from './task-comments.tsx';

const PRIORITY_BADGE: Readonly<Record<TaskSummary['priority'], string>> = {
  urgent: 'badge-danger',
  high: 'badge-warning',
  normal: 'badge-neutral',
  low: 'badge-neutral',
};

/** One task: what, for whom (the patient, when I may see their name), why, when, and my actions. */
export function TaskItem({ task, showPatient }: { task: TaskSummary; showPatient: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <li
      className={`item task-item task-${task.bucket}`}
      data-testid="task-row"
      data-task-id={task.id}
      data-bucket={task.bucket}
    >
      <div className="item-head">
        <span className="item-title">{task.title}</span>
        <span className={`badge ${PRIORITY_BADGE[task.priority]}`} data-testid="task-priority">
          {t(`tasks.priority.${task.priority}`)}
        </span>
        {task.status === 'in_progress' && (
          <span className="badge badge-info">{t('tasks.status.in_progress')}</span>
        )}
      </div>
      {showPatient && (
        <p className="item-meta task-patient">
          {task.patient === null ? (
            <span className="muted">{t('tasks.noPatient')}</span>
          ) : task.patient.name === null ? (
            <span className="muted">{t('tasks.patientOutsideTeam')}</span>
          ) : (
            <Link to={`/patients/${encodeURIComponent(task.patient.id)}`} data-testid="task-patient">
              {task.patient.name}
            </Link>
          )}
        </p>
      )}
      <p className="item-meta task-why" data-testid="task-why">
        {whyText(task)}
      </p>
      <p className="item-meta">
        <span className={`task-due task-due-${task.bucket}`}>
          {task.dueAt === null
            ? t('tasks.noDue')
            : t('tasks.due', { date: formatDateTime(task.dueAt, language) })}
        </span>
        {' · '}
        {t('tasks.assignedTo', { who: assigneeText(task.assignee) })}
        {task.via !== null && <span className="muted"> · {t(`tasks.via.${task.via}`)}</span>}
      </p>
      {task.claimedBy !== null && task.claimedBy.name !== null && (
        <p className="item-meta muted">{t('tasks.claimedBy', { name: task.claimedBy.name })}</p>
      )}
      <TaskActions task={task} />
      <TaskComments taskId={task.id} canComment={task.actions.includes('comment')} />
    </li>
  );
}
