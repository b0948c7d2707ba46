import type { AnyOf, NameWords } from '../record/patient-criteria.ts';
import type { Organization, Practitioner } from './directory.ts';

/**
 * A search of the directory's professionals (the FHIR edge builds it from query parameters): every
 * criterion listed must hold, each by any of its values. Name words start a word of the name, accents
 * and case aside; `names` looks at both family and given name.
 */
export interface PractitionerCriteria {
  readonly ids: readonly AnyOf<string>[];
  readonly rpps: readonly AnyOf<string>[];
  readonly names: readonly AnyOf<NameWords>[];
  readonly families: readonly AnyOf<NameWords>[];
  readonly givens: readonly AnyOf<NameWords>[];
  readonly organizationIds: readonly AnyOf<string>[];
  readonly professions: readonly AnyOf<string>[];
  readonly offset: number;
  readonly count: number;
}

/** A search of the directory's organisations, read like `PractitionerCriteria`. */
export interface OrganizationCriteria {
  readonly ids: readonly AnyOf<string>[];
  readonly finess: readonly AnyOf<string>[];
  readonly names: readonly AnyOf<NameWords>[];
  readonly kinds: readonly AnyOf<Organization['kind']>[];
  readonly parentIds: readonly AnyOf<string>[];
  readonly offset: number;
  readonly count: number;
}

/** A page of a directory search: how many match in all, and the page asked for (by name, then id). */
export interface DirectoryPage<T> {
  readonly total: number;
  readonly items: readonly T[];
}

/** Port: the directory searched by criteria (reference data, not patient data). */
export interface DirectoryFinder {
  practitioners(criteria: PractitionerCriteria): Promise<DirectoryPage<Practitioner>>;
  organizations(criteria: OrganizationCriteria): Promise<DirectoryPage<Organization>>;
}
