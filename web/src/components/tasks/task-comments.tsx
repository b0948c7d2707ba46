import { useCallback, useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import type { TaskDetail } from '../../api-types.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** A task's details and comments, read when opened, with a box to add a comment when I may. */
export function TaskComments({ taskId, canComment }: { taskId: string; canComment: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    api.task(taskId).then(setDetail, (thrown: unknown) => setError(toApiError(thrown)));
  }, [taskId]);
  useEffect(() => {
    if (open) load();
  }, [open, load]);

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.commentTask(taskId, text);
      setText('');
      load();
    } catch (thrown) {
      setError(toApiError(thrown));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        className="button button-quiet button-small task-comments-toggle"
        data-testid="task-comments-open"
        onClick={() => setOpen(true)}
      >
        {t('tasks.comments.open')}
      </button>
    );
  }
  return (
    <div className="task-inline-form" data-testid="task-comments">
      {detail?.details !== null && detail?.details !== undefined && <p>{detail.details}</p>}
      {detail !== null && detail.comments.length === 0 && <p className="muted">{t('tasks.comments.none')}</p>}
      <ul className="plain-list">
        {detail?.comments.map((comment) => (
          <li key={comment.id} data-testid="task-comment">
            <span className="item-meta">
              {comment.author} · {formatDateTime(comment.at, currentLanguage())}
            </span>
            <p>{comment.text}</p>
          </li>
        ))}
      </ul>
      {canComment && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('tasks.comments.label')}</label>
            <textarea
              id={`${id}-text`}
              data-testid="task-comment-text"
              maxLength={2000}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button-primary button-small"
            data-testid="task-comment-submit"
            disabled={busy || text.trim() === ''}
          >
            {t('tasks.comments.submit')}
          </button>
        </form>
      )}
      {error !== null && <ProblemMessage error={error} testId="task-comment-error" />}
    </div>
  );
}
