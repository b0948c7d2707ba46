import { useEffect } from 'react';
import { useLiveEvents } from './live-events.ts';

const TASKS_CHANGED = 'relais:tasks-changed';
/** Pushed by the server when a task that concerns me is created, handed over or changed. */
const WORKLIST_CHANGED = 'worklist-changed';
/** Sent on each (re)connection of the live stream: anything pushed while offline was missed. */
const LIVE_READY = 'ready';

/** Tells every view of tasks in this tab (worklist, record, navigation badge) that a task changed. */
export function notifyTasksChanged(): void {
  window.dispatchEvent(new Event(TASKS_CHANGED));
}

/**
 * Calls `onChange` whenever a task changes: in this tab, or elsewhere as the live stream reports it
 * (and after the stream reconnects). Pass a stable callback.
 */
export function useTasksChanged(onChange: () => void): void {
  useEffect(() => {
    window.addEventListener(TASKS_CHANGED, onChange);
    return () => window.removeEventListener(TASKS_CHANGED, onChange);
  }, [onChange]);
  useLiveEvents(WORKLIST_CHANGED, onChange);
  useLiveEvents(LIVE_READY, onChange);
}
