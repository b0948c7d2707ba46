import { createContext, useContext } from 'react';
import type { Me } from '../../src/contracts/auth-contracts.ts';

/** The signed-in account and the way out, shared by the header and the pages. */
export interface Session {
  readonly me: Me;
  readonly signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The session; only for components rendered once signed in. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in SessionContext');
  return session;
}

/** Where an account lands after signing in. */
export function homePathOf(me: Me): string {
  return me.kind === 'patient' ? '/portal' : '/patients';
}

/** Administrators also manage the coordination rules. */
export function isAdmin(me: Me): boolean {
  return me.roles.includes('admin');
}
