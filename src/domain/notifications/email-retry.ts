/** A failed e-mail is tried this many times in all, then given up (and recorded as failed). */
export const MAX_EMAIL_ATTEMPTS = 8;

const FIRST_DELAY_MS = 60_000;
const LONGEST_DELAY_MS = 6 * 60 * 60_000;

/**
 * How long to wait after the `attempts`-th failure: 1, 2, 4 … minutes, at most 6 hours, so a broken
 * SMTP server is not hammered and a short outage costs a few minutes.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}
