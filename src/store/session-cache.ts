import type {
  AccountStore,
  SessionStore,
  StoredSession,
  TwoFactorStore,
} from '../domain/accounts/account-ports.ts';

type AccountStores = AccountStore & SessionStore & TwoFactorStore;

/**
 * How long a looked-up session is reused, in real time. Writes through this process clear the
 * cache at once; this bounds how long a change made elsewhere (another process, a hand-run SQL
 * statement) can go unseen (ADR 0017).
 */
export const SESSION_CACHE_MS = 2_000;

/** Enough for every session active within the window; a full cache starts over rather than grow. */
const MAX_CACHED_SESSIONS = 10_000;

interface Cached {
  session: StoredSession;
  readonly until: number;
}

/**
 * Every API and FHIR request looks its session up: under load, a burst of requests with one token
 * costs a round trip each for the same answer. This keeps found sessions for SESSION_CACHE_MS.
 * Any write to accounts, sessions or second factors empties the cache, and a lookup that was in
 * flight during a write is not kept, so a log-out, a password change or a new factor applies to
 * the very next request. Unknown tokens are never cached.
 */
export function withSessionCache(
  store: AccountStores,
  now: () => number = () => performance.now(),
): AccountStores {
  let cached = new Map<string, Cached>();
  // Bumped by every write: a lookup started before a write must not refill the cache after it.
  let generation = 0;
  const forgetAll = () => {
    cached = new Map();
    generation += 1;
  };
  const clearing =
    <Args extends unknown[], Result>(write: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      try {
        return await write(...args);
      } finally {
        forgetAll();
      }
    };

  // Every method is listed, so a new write to the ports must choose whether it clears the cache.
  return {
    findByLogin: store.findByLogin.bind(store),
    findById: store.findById.bind(store),
    findProfessionalByRpps: store.findProfessionalByRpps.bind(store),
    pendingSecret: store.pendingSecret.bind(store),
    activeSecret: store.activeSecret.bind(store),
    findChallenge: store.findChallenge.bind(store),
    async findLive(tokenHash, at) {
      const hit = cached.get(tokenHash);
      if (hit !== undefined && hit.until > now()) return hit.session;
      const started = generation;
      const session = await store.findLive(tokenHash, at);
      if (session !== undefined && started === generation) {
        if (cached.size >= MAX_CACHED_SESSIONS) cached = new Map();
        cached.set(tokenHash, { session, until: now() + SESSION_CACHE_MS });
      }
      return session;
    },
    async touch(tokenHash, at) {
      await store.touch(tokenHash, at);
      const hit = cached.get(tokenHash);
      if (hit !== undefined) hit.session = { ...hit.session, lastSeenAt: at };
    },
    create: clearing(store.create.bind(store)),
    delete: clearing(store.delete.bind(store)),
    updateLockout: clearing(store.updateLockout.bind(store)),
    setPassword: clearing(store.setPassword.bind(store)),
    savePendingSecret: clearing(store.savePendingSecret.bind(store)),
    enable: clearing(store.enable.bind(store)),
    useStep: clearing(store.useStep.bind(store)),
    useRecoveryCode: clearing(store.useRecoveryCode.bind(store)),
    createChallenge: clearing(store.createChallenge.bind(store)),
    failChallenge: clearing(store.failChallenge.bind(store)),
    deleteChallenge: clearing(store.deleteChallenge.bind(store)),
  };
}
