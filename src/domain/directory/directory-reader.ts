import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import type { DirectoryFinder, OrganizationCriteria, PractitionerCriteria } from './directory-criteria.ts';
import type { Organization, Practitioner } from './directory.ts';

const ONE = { offset: 0, count: 1 } as const;
const NO_PRACTITIONER_CRITERIA = {
  rpps: [],
  names: [],
  families: [],
  givens: [],
  organizationIds: [],
  professions: [],
};
const NO_ORGANIZATION_CRITERIA = { finess: [], names: [], kinds: [], parentIds: [] };

/**
 * The directory for professionals (the FHIR Practitioner, PractitionerRole and Organization): reference
 * data, not patient data, so nothing is audited; as the directory's API routes, it is open to signed-in
 * professionals and refused to patients.
 */
export function createDirectoryReader(deps: { finder: DirectoryFinder }) {
  const { finder } = deps;
  const professional = (principal: Principal) => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'the professional directory is for professionals');
  };
  const byId = async <T>(
    find: (ids: readonly string[][]) => Promise<{ items: readonly T[] }>,
    what: string,
    id: string,
  ): Promise<T> => {
    const [item] = isUuid(id) ? (await find([[id]])).items : [];
    if (item === undefined) throw new DomainError('not-found', `no ${what} with id ${id}`);
    return item;
  };

  return {
    /** Error: `forbidden` for a patient. */
    searchPractitioners(principal: Principal, criteria: PractitionerCriteria) {
      professional(principal);
      return finder.practitioners(criteria);
    },
    /** Errors: `forbidden` for a patient, `not-found`. */
    readPractitioner(principal: Principal, id: string): Promise<Practitioner> {
      professional(principal);
      return byId(
        (ids) => finder.practitioners({ ...NO_PRACTITIONER_CRITERIA, ...ONE, ids }),
        'professional',
        id,
      );
    },
    /** Error: `forbidden` for a patient. */
    searchOrganizations(principal: Principal, criteria: OrganizationCriteria) {
      professional(principal);
      return finder.organizations(criteria);
    },
    /** Errors: `forbidden` for a patient, `not-found`. */
    readOrganization(principal: Principal, id: string): Promise<Organization> {
      professional(principal);
      return byId(
        (ids) => finder.organizations({ ...NO_ORGANIZATION_CRITERIA, ...ONE, ids }),
        'organisation',
        id,
      );
    },
  };
}

export type DirectoryReader = ReturnType<typeof createDirectoryReader>;
