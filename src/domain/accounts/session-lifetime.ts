/**
 * Session expiry: after `idleMs` without a request, or `maxMs` after sign-in, whichever comes first.
 * Relais defaults (30 minutes idle, 12 hours at most), configurable; ANSSI's PGSSI-S guides ask for an
 * idle timeout without fixing one figure.
 */
export interface SessionPolicy {
  readonly idleMs: number;
  readonly maxMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

/** `last_seen_at` is written at most this often, so a busy session does not cost a write per request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Whether a session is over, live, or live and due for a new `last_seen_at`. */
export function sessionStatus(
  session: { readonly createdAt: Date; readonly lastSeenAt: Date },
  now: Date,
  policy: SessionPolicy,
): 'expired' | 'live' | 'live-touch' {
  const sinceSeen = now.getTime() - session.lastSeenAt.getTime();
  if (now.getTime() - session.createdAt.getTime() >= policy.maxMs || sinceSeen >= policy.idleMs)
    return 'expired';
  return sinceSeen >= LAST_SEEN_RESOLUTION_MS ? 'live-touch' : 'live';
}
