import type { AccountRole } from '../access/principal.ts';
import { checkFiness } from '../identity/finess.ts';
import { checkRpps } from '../identity/rpps.ts';
import { DomainError } from '../shared/domain-error.ts';

/** A hospital (FINESS géographique), one of its services, or a multi-professional practice (MSP). */
export interface Organization {
  readonly id: string;
  readonly kind: 'hospital' | 'hospital_service' | 'practice';
  readonly name: string;
  readonly finess: string | null;
  readonly parentId: string | null;
  readonly specialty: string | null;
}

/** A health professional of the directory, identified by RPPS. */
export interface Practitioner {
  readonly id: string;
  readonly rpps: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly profession: string;
  readonly specialty: string | null;
  readonly organizationId: string | null;
}

/** A sign-in for a professional or a patient; `password` is hashed before it is stored. */
export interface NewAccount {
  readonly login: string;
  readonly password: string;
  readonly kind: 'professional' | 'patient';
  readonly practitionerId: string | null;
  readonly patientId: string | null;
  readonly roles: readonly AccountRole[];
  readonly locale: 'fr' | 'en';
}

/** A professional found by a directory search: what the public directory says, nothing about patients. */
export interface DirectoryPractitioner {
  readonly id: string;
  readonly name: string;
  readonly profession: string;
  readonly specialty: string | null;
  readonly organization: { readonly id: string; readonly name: string } | null;
}

/** What a directory search finds: professionals and organisations whose name holds every word. */
export interface DirectoryMatches {
  readonly practitioners: readonly DirectoryPractitioner[];
  readonly organizations: readonly Pick<Organization, 'id' | 'kind' | 'name'>[];
}

/** Port: writes and lists the directory (reference data: not patient data, not audited). */
export interface DirectoryStore {
  addOrganizations(organizations: readonly Organization[]): Promise<void>;
  addPractitioners(practitioners: readonly Practitioner[]): Promise<void>;
  addAccounts(
    accounts: readonly (Omit<NewAccount, 'password'> & { id: string; passwordHash: string })[],
  ): Promise<void>;
  listPractitioners(): Promise<(Practitioner & { organization: string | null })[]>;
  /** The organisations of one kind (hospital services, practices…), by name. */
  listOrganizations(kind: Organization['kind']): Promise<Organization[]>;
  /** Professionals and organisations whose name holds each of `words` (name keys), at most `limit` of each. */
  search(words: readonly string[], limit: number): Promise<DirectoryMatches>;
  /** Whether no organisation exists yet (a new territory, before the demo seed). */
  isEmpty(): Promise<boolean>;
}

/**
 * Checks directory identifiers (french-health-it.md A7, A9): a malformed RPPS or FINESS is refused;
 * a check-digit doubt is returned as a warning, because official test numbers fail it.
 * Error: `invalid-input` naming every malformed identifier.
 */
export function checkDirectoryIdentifiers(
  organizations: readonly Organization[],
  practitioners: readonly Practitioner[],
): string[] {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const check of [
    ...organizations.flatMap((o) => (o.finess === null ? [] : [checkFiness(o.finess)])),
    ...practitioners.map((p) => checkRpps(p.rpps)),
  ]) {
    if (check.ok) warnings.push(...check.warnings);
    else problems.push(check.error);
  }
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
  return warnings;
}
