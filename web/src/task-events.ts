import { useEffect } from 'react';

const TASKS_CHANGED = 'relais:tasks-changed';

/** Tells every view of tasks in this tab (worklist, record, navigation badge) that a task changed. */
export function notifyTasksChanged(): void {
  window.dispatchEvent(new Event(TASKS_CHANGED));
}

/** Calls `onChange` whenever a task changes in this tab; pass a stable callback. */
export function useTasksChanged(onChange: () => void): void {
  useEffect(() => {
    window.addEventListener(TASKS_CHANGED, onChange);
    return () => window.removeEventListener(TASKS_CHANGED, onChange);
  }, [onChange]);
}
