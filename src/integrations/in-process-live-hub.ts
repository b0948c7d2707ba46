import {
  LIVE_TYPE,
  type LiveMessage,
  type LivePublisher,
  type LiveSubscriptions,
} from '../domain/live/live-channel.ts';
import { DomainError } from '../domain/shared/domain-error.ts';

type Listener = (message: LiveMessage) => void;

/**
 * The live channel within one server process: a map from account to its open connections. With
 * several processes, a PostgreSQL LISTEN/NOTIFY fan-out can implement the same two ports.
 */
export function createInProcessLiveHub(): LivePublisher & LiveSubscriptions {
  const listeners = new Map<string, Set<Listener>>();
  return {
    publish(accountIds, message) {
      if (!LIVE_TYPE.test(message.type))
        throw new DomainError(
          'invalid-input',
          `live message type "${message.type}" is not a lower-case token`,
        );
      for (const accountId of accountIds) {
        for (const listener of listeners.get(accountId) ?? []) listener(message);
      }
    },
    subscribe(accountId, listener) {
      let own = listeners.get(accountId);
      if (own === undefined) listeners.set(accountId, (own = new Set()));
      own.add(listener);
      return () => {
        own.delete(listener);
        if (own.size === 0 && listeners.get(accountId) === own) listeners.delete(accountId);
      };
    },
  };
}
