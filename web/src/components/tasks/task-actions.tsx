import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import type { TaskAssignee, TaskSummary } from '../../api-types.ts';
import { notifyTasksChanged } from '../../task-events.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { AssigneePicker } from './assignee-picker.tsx';

type Mode = 'buttons' | 'cancel' | 'reassign';

/** The buttons for what the server says I may do with this task; cancel asks why, reassign asks whom. */
export function TaskActions({ task }: { task: TaskSummary }) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<Mode>('buttons');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState('');
  const [assignee, setAssignee] = useState<TaskAssignee | null>(null);

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setMode('buttons');
      notifyTasksChanged();
    } catch (thrown) {
      setError(toApiError(thrown));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (mode === 'cancel') void run(() => api.cancelTask(task.id, reason));
    if (mode === 'reassign' && assignee !== null) void run(() => api.reassignTask(task.id, assignee));
  };
  const allowed = new Set(task.actions);

  return (
    <div className="task-actions">
      {mode === 'buttons' && (
        <div className="task-buttons">
          {(['claim', 'start', 'complete'] as const)
            .filter((action) => allowed.has(action))
            .map((action) => (
              <button
                key={action}
                type="button"
                className={`button ${action === 'complete' ? 'button-primary' : 'button-secondary'} button-small`}
                data-testid={`task-${action}`}
                disabled={busy}
                onClick={() => void run(() => api.changeTask(task.id, action))}
              >
                {t(`tasks.actions.${action}`)}
              </button>
            ))}
          {(['reassign', 'cancel'] as const)
            .filter((action) => allowed.has(action))
            .map((action) => (
              <button
                key={action}
                type="button"
                className="button button-quiet button-small"
                data-testid={`task-${action}`}
                disabled={busy}
                onClick={() => setMode(action)}
              >
                {t(`tasks.actions.${action}`)}
              </button>
            ))}
        </div>
      )}
      {mode !== 'buttons' && (
        <form className="task-inline-form" onSubmit={submit} noValidate>
          {mode === 'cancel' ? (
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('tasks.cancelReason')}</label>
              <input
                id={`${id}-reason`}
                type="text"
                data-testid="task-cancel-reason"
                maxLength={500}
                required
                autoFocus
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
          ) : (
            <AssigneePicker
              kinds={['practitioner', 'role', 'service']}
              onChange={setAssignee}
              testId="task-reassign"
            />
          )}
          <div className="task-buttons">
            <button
              type="submit"
              className="button button-primary button-small"
              data-testid={`task-${mode}-confirm`}
              disabled={busy || (mode === 'cancel' ? reason.trim() === '' : assignee === null)}
            >
              {mode === 'cancel' ? t('tasks.cancelConfirm') : t('tasks.reassignConfirm')}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setMode('buttons')}
            >
              {t('tasks.close')}
            </button>
          </div>
        </form>
      )}
      {error !== null && <ProblemMessage error={error} testId="task-action-error" />}
    </div>
  );
}
