import { useChangeSignal } from './live-events.ts';

const TASKS_CHANGED = 'relais:tasks-changed';
/** Pushed by the server when a task that concerns me is created, handed over or changed. */
const WORKLIST_CHANGED = 'worklist-changed';

/** Tells every view of tasks in this tab (worklist, record, navigation badge) that a task changed. */
export function notifyTasksChanged(): void {
  window.dispatchEvent(new Event(TASKS_CHANGED));
}

/**
 * Calls `onChange` whenever a task changes: in this tab, or elsewhere as the live stream reports it
 * (and after the stream reconnects). Pass a stable callback.
 */
export function useTasksChanged(onChange: () => void): void {
  useChangeSignal(TASKS_CHANGED, WORKLIST_CHANGED, onChange);
}
