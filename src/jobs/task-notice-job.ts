import {
  TASK_HANDOVER_EVENTS,
  taskHandoverNotices,
  type TaskAudience,
} from '../domain/notifications/task-notices.ts';
import type { JournalConsumer } from './journal-consumer.ts';
import { startNoticeJob, type NoticeJobDeps } from './notice-job.ts';

export const TASK_NOTICES_CONSUMER = 'task-notices';
/** The live message that tells open worklists, records and badges to reload their tasks. */
export const WORKLIST_CHANGED = 'worklist-changed';

/**
 * Tells people about task changes: a task created for them or handed over to them becomes a
 * notification, and every task change pushes a "worklist changed" to whoever must act on the task and
 * to whoever changed it, so their open pages reload without a refresh.
 */
export function startTaskNoticeJob(deps: NoticeJobDeps<TaskAudience>): JournalConsumer {
  return startNoticeJob(
    {
      consumer: TASK_NOTICES_CONSUMER,
      eventPrefix: 'task.',
      subjectKey: 'taskId',
      subjectOf: (audience) => audience.taskId,
      noticesOf: (event, audience) =>
        TASK_HANDOVER_EVENTS.includes(event.type) ? taskHandoverNotices(event, audience) : [],
      partiesOf: (audience) => audience.accountIds,
      liveType: WORKLIST_CHANGED,
    },
    deps,
  );
}
