import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';

/**
 * Who may post ADT messages over HTTP: an administrator's account (role `admin`), which an interface
 * engine uses with its bearer token. Error: `forbidden`.
 */
export function requireAdtSender(principal: Principal): void {
  if (principal.kind !== 'professional' || !principal.roles.includes('admin')) {
    throw new DomainError('forbidden', 'HL7 messages are posted by administrator accounts only');
  }
}
