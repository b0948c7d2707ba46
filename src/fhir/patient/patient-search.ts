import { INS_OIDS, insKindFromOid, normalizeInsMatricule } from '../../domain/identity/ins.ts';
import type { PatientCriteria, PatientSortKey } from '../../domain/record/patient-criteria.ts';
import { badRequest } from '../fhir-error.ts';
import type { SearchParamDefinition, SearchRequest } from '../search/search-request.ts';
import { parseDateBounds, parseNameWords, parseToken } from '../search/search-values.ts';

/** The Patient search parameters Relais serves, as the CapabilityStatement lists them. */
export const PATIENT_SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { name: '_id', type: 'token', documentation: 'the logical id' },
  {
    name: 'identifier',
    type: 'token',
    documentation: `the INS, system|value (systems urn:oid:${Object.values(INS_OIDS).join(', urn:oid:')})`,
  },
  {
    name: 'name',
    type: 'string',
    documentation: 'words starting the birth, used or given names, accents and case aside',
  },
  { name: 'family', type: 'string', documentation: 'words starting the birth or used family name' },
  { name: 'given', type: 'string', documentation: 'words starting the given names' },
  { name: 'birthdate', type: 'date', documentation: 'the birth date, with eq, lt, le, gt, ge' },
  { name: '_lastUpdated', type: 'date', documentation: 'when the identity last changed (days in UTC)' },
];

export const PATIENT_SORTABLE: readonly PatientSortKey[] = [
  'family',
  'given',
  'birthdate',
  '_lastUpdated',
  '_id',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a logical id can name a Relais patient at all (ids are UUIDs). */
export const isPatientId = (id: string) => UUID.test(id);

/** A search request on Patient as domain criteria (the default order: family, then given names). */
export function patientCriteriaOf(request: SearchRequest): PatientCriteria {
  const of = (name: string) => request.occurrences.filter((occurrence) => occurrence.name === name);
  const words = (name: string) =>
    of(name).map((occurrence) => occurrence.values.map((value) => parseNameWords(name, value)));
  return {
    // Values that cannot name a patient stay in the criterion and match nothing.
    ids: of('_id').map((occurrence) =>
      occurrence.values.map((value) => parseToken('_id', value).code).filter(isPatientId),
    ),
    identifiers: of('identifier').map((occurrence) =>
      occurrence.values.flatMap((value): { oid: string | null; matricule: string }[] => {
        const token = parseToken('identifier', value);
        if (token.system === null) return [];
        const matricule = normalizeInsMatricule(token.code);
        if (token.system === undefined) return [{ oid: null, matricule }];
        const kind = insKindFromOid(token.system);
        return kind === undefined ? [] : [{ oid: INS_OIDS[kind], matricule }];
      }),
    ),
    names: words('name'),
    families: words('family'),
    givens: words('given'),
    birthDates: of('birthdate').flatMap((occurrence) => dateBounds(occurrence.values, false, 'birthdate')),
    lastUpdated: of('_lastUpdated').flatMap((occurrence) =>
      dateBounds(occurrence.values, true, '_lastUpdated'),
    ),
    sort:
      request.sort.length === 0
        ? [
            { key: 'family', descending: false },
            { key: 'given', descending: false },
          ]
        : request.sort.map(({ name, descending }) => ({ key: name as PatientSortKey, descending })),
    offset: request.offset,
    count: request.count,
  };
}

function dateBounds(values: readonly string[], asInstant: boolean, name: string) {
  if (values.length > 1)
    throw badRequest(`'${name}' takes one date per parameter (repeat it to give a range)`, name);
  return parseDateBounds(name, values[0] ?? '', asInstant);
}
