import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import type { TaskAssignee, TaskPriority } from '../../api-types.ts';
import { useSession } from '../../session-context.ts';
import { notifyTasksChanged } from '../../task-events.ts';
import { endOfLocalDay } from '../../task-labels.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { AssigneePicker, assigneeOf, type AssigneeKind } from './assignee-picker.tsx';

const KINDS: readonly AssigneeKind[] = ['me', 'role', 'service'];
const PRIORITIES: readonly TaskPriority[] = ['urgent', 'high', 'normal', 'low'];

/** A task by hand for this patient: what, for whom (me, a care-team role, a service), how urgent, by when. */
export function NewTaskForm({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const id = useId();
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState<TaskAssignee | null>(() =>
    assigneeOf(KINDS[0] ?? 'me', '', me.practitionerId),
  );
  const [priority, setPriority] = useState<TaskPriority>('normal');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (assignee === null || title.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await api.createTask({
        patientId,
        title: title.trim(),
        details: null,
        assignee,
        priority,
        dueAt: due === '' ? null : endOfLocalDay(due),
        about: null,
      });
      notifyTasksChanged();
      onDone();
    } catch (thrown) {
      setError(toApiError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form new-task-form"
      data-testid="new-task-form"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h3 className="form-title">{t('tasks.new.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('tasks.new.what')}</label>
        <input
          id={`${id}-title`}
          type="text"
          data-testid="new-task-title"
          maxLength={200}
          required
          autoFocus
          aria-describedby={`${id}-title-hint`}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <p id={`${id}-title-hint`} className="field-hint">
          {t('tasks.new.whatHint')}
        </p>
      </div>
      <AssigneePicker kinds={KINDS} onChange={setAssignee} testId="new-task-assignee" />
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-priority`}>{t('tasks.new.priority')}</label>
          <select
            id={`${id}-priority`}
            data-testid="new-task-priority"
            value={priority}
            onChange={(event) => setPriority(event.target.value as TaskPriority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`tasks.priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('tasks.new.due')}</label>
          <input
            id={`${id}-due`}
            type="date"
            data-testid="new-task-due"
            value={due}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
      </div>
      {error !== null && <ProblemMessage error={error} testId="new-task-error" />}
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-primary"
          data-testid="new-task-submit"
          disabled={busy || assignee === null || title.trim() === ''}
          aria-busy={busy}
        >
          {busy ? t('tasks.new.submitting') : t('tasks.new.submit')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('tasks.new.cancel')}
        </button>
      </div>
    </form>
  );
}
