import { createContext, useContext } from 'react';
import type { Me } from '../../src/contracts/auth-contracts.ts';

/** The signed-in account and the way out, shared by the header and the pages. */
export interface Session {
  readonly me: Me;
  readonly signOut: () => Promise<void>;
  /** Reads the account again (after enrolling TOTP, roles that waited for it count). */
  readonly refresh: () => Promise<void>;
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
  if (me.twoFactor.enrolmentRequired) return ACCOUNT_SECURITY_PATH;
  return me.kind === 'patient' ? '/portal' : '/patients';
}

/** Password change and two-factor enrolment, for every account. */
export const ACCOUNT_SECURITY_PATH = '/account/security';

/** Administrators also manage the coordination rules. */
export function isAdmin(me: Me): boolean {
  return me.roles.includes('admin');
}

/** Data protection officers read the audit trail (the role counts only with TOTP). */
export function isDpo(me: Me): boolean {
  return me.roles.includes('dpo');
}

/** The DPO's audit log. */
export const AUDIT_LOG_PATH = '/dpo/audit';
