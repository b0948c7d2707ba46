import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { useTasksChanged } from '../../task-events.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { NewTaskForm } from '../tasks/new-task-form.tsx';
import { TaskItem } from '../tasks/task-item.tsx';

/** The patient's open tasks, most urgent first, and a form to add one. */
export function TasksSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const tasks = useResource(`tasks:${patientId}`, (signal) => api.patientTasks(patientId, signal));
  const { reload } = tasks;
  useTasksChanged(useCallback(() => reload(), [reload]));
  const items = tasks.status === 'ready' ? tasks.data.items : [];

  return (
    <section
      className="card section-card tasks-section"
      aria-labelledby={headingId}
      data-testid="patient-tasks"
    >
      <h2 id={headingId} className="card-title">
        {t('sections.tasks')}
        {items.length > 0 && <span className="card-count">{items.length}</span>}
        {!adding && (
          <button
            type="button"
            className="button button-secondary button-small card-title-action"
            data-testid="new-task-open"
            onClick={() => setAdding(true)}
          >
            {t('tasks.new.open')}
          </button>
        )}
      </h2>
      {adding && <NewTaskForm patientId={patientId} onDone={() => setAdding(false)} />}
      {tasks.status === 'loading' && <LoadingState />}
      {tasks.status === 'error' && <ProblemMessage error={tasks.error} onRetry={reload} />}
      {tasks.status === 'ready' && items.length === 0 && (
        <p className="empty-text" data-testid="patient-tasks-empty">
          {t('empty.tasks')}
        </p>
      )}
      {items.length > 0 && (
        <ul className="item-list">
          {items.map((task) => (
            <TaskItem key={task.id} task={task} showPatient={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
