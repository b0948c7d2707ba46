import type { DateBound } from '../../domain/record/patient-criteria.ts';
import { type EntryCode, type EntryCriteria, type EntrySortKey } from '../../domain/record/record-entries.ts';
import { isUuid } from '../../domain/shared/new-id.ts';
import { badRequest } from '../fhir-error.ts';
import { patientOfSearch } from '../search/patient-data-search.ts';
import type { SearchOccurrence, SearchParamDefinition, SearchRequest } from '../search/search-request.ts';
import { parseDateBounds, parseToken, type TokenValue } from '../search/search-values.ts';

/**
 * What a clinical type is searched on, beyond `_id`, `_lastUpdated` and its patient. Each is
 * optional: a type serves only the parameters whose data the domain keeps.
 */
export interface ClinicalSearchSpec {
  readonly type: string;
  /** `subject` (with `patient`) for Condition, Observation, MedicationStatement; `patient` alone for AllergyIntolerance. */
  readonly patientParams: readonly ('patient' | 'subject')[];
  /** `code`: the FHIR code systems the type's codes belong to, and the domain's name of each. */
  readonly codeSystems?: Readonly<Record<string, string>>;
  /** A status the entry keeps (its FHIR code is the domain's word), with the system of its codes if any. */
  readonly status?: { readonly name: string; readonly system?: string; readonly documentation: string };
  /** Values every entry of the type carries (Observation `status` final): a search on another matches nothing. */
  readonly constants?: readonly {
    readonly name: string;
    readonly system?: string;
    readonly code: string;
    readonly documentation: string;
  }[];
  /** The entry's own date: its R4 parameter name, what it is, and whether it is an instant (else a day). */
  readonly date?: { readonly name: string; readonly documentation: string; readonly instant: boolean };
}

/** The search parameters a clinical type serves, as the CapabilityStatement lists them. */
export function clinicalSearchParams(spec: ClinicalSearchSpec): SearchParamDefinition[] {
  const patientDoc = `required (or subject): the patient whose record is searched, Patient/<id> or <id>; one per search`;
  return [
    { name: '_id', type: 'token', documentation: 'the logical id' },
    ...spec.patientParams.map((name) => ({
      name,
      type: 'reference' as const,
      documentation: name === 'patient' ? patientDoc : 'the same as patient (Patient/<id>)',
    })),
    ...(spec.codeSystems === undefined
      ? []
      : [
          {
            name: 'code',
            type: 'token' as const,
            documentation: `system|code or code; systems ${Object.keys(spec.codeSystems).join(', ')}`,
          },
        ]),
    ...(spec.status === undefined
      ? []
      : [{ name: spec.status.name, type: 'token' as const, documentation: spec.status.documentation }]),
    ...(spec.constants ?? []).map(({ name, documentation }) => ({
      name,
      type: 'token' as const,
      documentation,
    })),
    ...(spec.date === undefined
      ? []
      : [
          {
            name: spec.date.name,
            type: 'date' as const,
            documentation: `${spec.date.documentation}, with eq, lt, le, gt, ge`,
          },
        ]),
    { name: '_lastUpdated', type: 'date', documentation: 'when the entry was recorded in Relais' },
  ];
}

/** The parameters `_sort` accepts on a clinical type. */
export function clinicalSortable(spec: ClinicalSearchSpec): string[] {
  return spec.date === undefined ? ['_lastUpdated', '_id'] : [spec.date.name, '_lastUpdated', '_id'];
}

/**
 * A clinical search as the patient searched and domain criteria. Refused with 400: no patient (Relais
 * searches one record at a time, through its access check), two different patients, a subject that
 * is not a patient. Values that can match nothing (an unknown code system) stay as criteria that
 * match nothing.
 */
export function clinicalCriteriaOf(
  spec: ClinicalSearchSpec,
  request: SearchRequest,
): { patientId: string; criteria: EntryCriteria } {
  const of = (name: string) => request.occurrences.filter((occurrence) => occurrence.name === name);
  const tokens = (occurrence: SearchOccurrence) =>
    occurrence.values.map((value) => parseToken(occurrence.name, value));
  // A constant asked with another value matches no entry: an empty list of ids says so.
  const missedConstants = (spec.constants ?? []).flatMap(({ name, system, code }) =>
    of(name).filter((occurrence) => !tokens(occurrence).some((token) => tokenIs(token, system, code))),
  );
  const status = spec.status;
  return {
    patientId: patientOfSearch(request, spec.type),
    criteria: {
      ids: [
        // Ids that cannot name an entry stay in the criterion and match nothing.
        ...of('_id').map((occurrence) =>
          tokens(occurrence)
            .map((token) => token.code)
            .filter(isUuid),
        ),
        ...missedConstants.map(() => []),
      ],
      codes: of('code').map((occurrence) =>
        tokens(occurrence).flatMap((token) => entryCodes(token, spec.codeSystems ?? {})),
      ),
      statuses:
        status === undefined
          ? []
          : of(status.name).map((occurrence) =>
              tokens(occurrence)
                .filter((token) => token.system === undefined || token.system === status.system)
                .map((token) => token.code),
            ),
      dates:
        spec.date === undefined
          ? []
          : of(spec.date.name).flatMap((occurrence) => dateBounds(occurrence, spec.date?.instant ?? false)),
      lastUpdated: of('_lastUpdated').flatMap((occurrence) => dateBounds(occurrence, true)),
      sort: request.sort.map(({ name, descending }) => ({ key: sortKeyOf(name), descending })),
      offset: request.offset,
      count: request.count,
    },
  };
}

/** The domain's sort key of a sortable parameter: the date parameter sorts by the entry's date. */
function sortKeyOf(name: string): EntrySortKey {
  return name === '_lastUpdated' || name === '_id' ? name : 'date';
}

function tokenIs(token: TokenValue, system: string | undefined, code: string): boolean {
  return token.code === code && (token.system === undefined || token.system === (system ?? null));
}

/** The domain codes a `code` token names: any system, or the one the FHIR system is (none if unknown). */
function entryCodes(token: TokenValue, systems: Readonly<Record<string, string>>): EntryCode[] {
  if (token.system === undefined) return [{ codeSystem: null, code: token.code }];
  const codeSystem = token.system === null ? undefined : systems[token.system];
  return codeSystem === undefined ? [] : [{ codeSystem, code: token.code }];
}

function dateBounds(occurrence: SearchOccurrence, instant: boolean): DateBound[] {
  const { name, values } = occurrence;
  if (values.length > 1)
    throw badRequest(`'${name}' takes one date per parameter (repeat it to give a range)`, name);
  return parseDateBounds(name, values[0] ?? '', instant);
}
