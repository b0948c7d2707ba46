import { useChangeSignal } from './live-events.ts';

const REFERRALS_CHANGED_HERE = 'relais:referrals-changed';
/** Pushed by the server when a referral I send, receive or follow is sent, moves or falls overdue. */
const REFERRALS_CHANGED = 'referrals-changed';

/** Tells every view of referrals in this tab (boxes, record, inbox badge) that one changed. */
export function notifyReferralsChanged(): void {
  window.dispatchEvent(new Event(REFERRALS_CHANGED_HERE));
}

/** Calls `onChange` whenever a referral changes, here or elsewhere. Pass a stable callback. */
export function useReferralsChanged(onChange: () => void): void {
  useChangeSignal(REFERRALS_CHANGED_HERE, REFERRALS_CHANGED, onChange);
}
