import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';

/** Only administrators (account role `admin`) manage rule sets. Error: `forbidden`. */
export function requireRulesAdmin(principal: Principal): Extract<Principal, { kind: 'professional' }> {
  if (principal.kind !== 'professional' || !principal.roles.includes('admin')) {
    throw new DomainError('forbidden', 'coordination rules are managed by administrators only');
  }
  return principal;
}
