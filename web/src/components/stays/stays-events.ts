import { useChangeSignal } from '../../live-events.ts';

const STAYS_CHANGED_HERE = 'relais:stays-changed';
/** Pushed by the server when a stay or its transition changes for a patient of my care team. */
const STAYS_CHANGED = 'stays-changed';

/** Tells every view of stays in this tab (record, stay page, worklist) that a transition changed. */
export function notifyStaysChanged(): void {
  window.dispatchEvent(new Event(STAYS_CHANGED_HERE));
}

/** Calls `onChange` whenever a stay or a transition changes, here or as the live stream reports it. */
export function useStaysChanged(onChange: () => void): void {
  useChangeSignal(STAYS_CHANGED_HERE, STAYS_CHANGED, onChange);
}
