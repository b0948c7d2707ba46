import type {
  OrganizationCriteria,
  PractitionerCriteria,
} from '../../domain/directory/directory-criteria.ts';
import { isUuid } from '../../domain/shared/new-id.ts';
import { FINESS_SYSTEM, ID_NAT_ST_SYSTEM, kindsOfType } from '../mappers/organization-mapper.ts';
import { ID_NAT_PS_SYSTEM, professionsOfCode, RPPS_SYSTEM } from '../mappers/practitioner-mapper.ts';
import { parseReference } from '../search/search-references.ts';
import type { SearchParamDefinition, SearchRequest } from '../search/search-request.ts';
import { parseNameWords, parseToken } from '../search/search-values.ts';

const ID: SearchParamDefinition = { name: '_id', type: 'token', documentation: 'the logical id' };

export const PRACTITIONER_SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  ID,
  {
    name: 'identifier',
    type: 'token',
    documentation: `the RPPS (${RPPS_SYSTEM}) or the idNatPs (${ID_NAT_PS_SYSTEM}, 8 + RPPS); a bare value is either`,
  },
  {
    name: 'name',
    type: 'string',
    documentation: 'words starting the family or given name, accents and case aside',
  },
  { name: 'family', type: 'string', documentation: 'words starting the family name' },
  { name: 'given', type: 'string', documentation: 'words starting the given name' },
];

export const PRACTITIONER_ROLE_SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { ...ID, documentation: "the logical id (the professional's: one role each)" },
  { name: 'practitioner', type: 'reference', documentation: 'the professional (<id> or Practitioner/<id>)' },
  { name: 'organization', type: 'reference', documentation: 'where they work (<id> or Organization/<id>)' },
  {
    name: 'role',
    type: 'token',
    documentation: 'the profession, as its TRE_G15 code (10 médecin, 60 infirmier…)',
  },
];

export const ORGANIZATION_SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  ID,
  {
    name: 'identifier',
    type: 'token',
    documentation: `the FINESS (${FINESS_SYSTEM}) or the idNatSt (${ID_NAT_ST_SYSTEM}, 1 + FINESS); a bare value is either`,
  },
  { name: 'name', type: 'string', documentation: 'words starting words of the name, accents and case aside' },
  { name: 'type', type: 'token', documentation: 'prov (hospital, practice) or dept (hospital service)' },
  {
    name: 'partof',
    type: 'reference',
    documentation: 'the hospital a service is part of (<id> or Organization/<id>)',
  },
];

/** Each occurrence of `name` as the values `read` makes of its values (any may match). */
const valuesOf = <T>(request: SearchRequest, name: string, read: (value: string) => readonly T[]) =>
  request.occurrences
    .filter((occurrence) => occurrence.name === name)
    .map((occurrence) => occurrence.values.flatMap(read));

// Values that cannot name a directory entry stay in the criterion and match nothing.
const ids = (name: string) => (value: string) => [parseToken(name, value).code].filter(isUuid);
const references = (name: string, type: string) => (value: string) =>
  [parseReference(name, value, type)].filter(isUuid);
const words = (name: string) => (value: string) => [parseNameWords(name, value)];

/** A national identifier search value as the directory's number: `prefix` + number under `national`. */
const nationalNumber =
  (name: string, own: string, national: string, prefix: string) =>
  (value: string): string[] => {
    const { system, code } = parseToken(name, value);
    const unprefixed = code.startsWith(prefix) ? [code.slice(prefix.length)] : [];
    if (system === own) return [code];
    if (system === national) return unprefixed;
    return system === undefined ? [code, ...unprefixed] : [];
  };

const page = (request: SearchRequest) => ({ offset: request.offset, count: request.count });

export function practitionerCriteriaOf(request: SearchRequest): PractitionerCriteria {
  return {
    ids: valuesOf(request, '_id', ids('_id')),
    rpps: valuesOf(request, 'identifier', nationalNumber('identifier', RPPS_SYSTEM, ID_NAT_PS_SYSTEM, '8')),
    names: valuesOf(request, 'name', words('name')),
    families: valuesOf(request, 'family', words('family')),
    givens: valuesOf(request, 'given', words('given')),
    organizationIds: [],
    professions: [],
    ...page(request),
  };
}

/** A PractitionerRole search: the role shares its professional's id, so `practitioner` is an id too. */
export function practitionerRoleCriteriaOf(request: SearchRequest): PractitionerCriteria {
  return {
    ids: [
      ...valuesOf(request, '_id', ids('_id')),
      ...valuesOf(request, 'practitioner', references('practitioner', 'Practitioner')),
    ],
    rpps: [],
    names: [],
    families: [],
    givens: [],
    organizationIds: valuesOf(request, 'organization', references('organization', 'Organization')),
    professions: valuesOf(request, 'role', (value) => {
      const { system, code } = parseToken('role', value);
      return professionsOfCode(system, code);
    }),
    ...page(request),
  };
}

export function organizationCriteriaOf(request: SearchRequest): OrganizationCriteria {
  return {
    ids: valuesOf(request, '_id', ids('_id')),
    finess: valuesOf(
      request,
      'identifier',
      nationalNumber('identifier', FINESS_SYSTEM, ID_NAT_ST_SYSTEM, '1'),
    ),
    names: valuesOf(request, 'name', words('name')),
    kinds: valuesOf(request, 'type', (value) => {
      const { system, code } = parseToken('type', value);
      return kindsOfType(system, code);
    }),
    parentIds: valuesOf(request, 'partof', references('partof', 'Organization')),
    ...page(request),
  };
}
