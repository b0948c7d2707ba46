import type { Reference, Resource } from '@medplum/fhirtypes';
import type { FhirCaller, ResourceModule } from './resource-module.ts';
import {
  byId,
  matcherOf,
  patientOfSearch,
  patientParams,
  type PatientDataParam,
} from './search/patient-data-search.ts';
import { pageOf } from './search/list-search.ts';
import { patientIncludes, type IncludeDefinition } from './search/search-includes.ts';

/** What a type of a patient's record parts (care team, documents, stays, appointments) serves. */
export interface RecordPartModuleSpec<R extends Resource> {
  readonly type: R['resourceType'];
  /** The parameters naming the patient, as R4 defines them for the type. */
  readonly patientParams: readonly ('patient' | 'subject')[];
  /** Where a resource names its patient (what `_include=Type:patient` follows). */
  readonly patientOf: (resource: R) => Reference | undefined;
  /** The `_include`s beyond the patient. */
  readonly includes?: readonly IncludeDefinition<R>[];
  /** What `_id` is, when more than the logical id. */
  readonly idDocumentation?: string;
  /** The other search parameters, each with how a resource matches it. */
  readonly params: readonly PatientDataParam<R>[];
  /** One resource by id, through the patient gate. */
  readonly read: (caller: FhirCaller, id: string) => Promise<R>;
  /** All of one patient's resources of the type, through the patient gate. */
  readonly list: (caller: FhirCaller, patientId: string) => Promise<readonly R[]>;
}

/**
 * A type read by id and searched by patient: the search names one patient, reads their list through
 * the gate, and matches and pages it here (no `_sort`: the list's order is kept).
 */
export function recordPartModule<R extends Resource>(spec: RecordPartModuleSpec<R>): ResourceModule<R> {
  const searchParams: readonly PatientDataParam<R>[] = [
    ...patientParams<R>(spec.type, spec.patientParams),
    { name: '_id', type: 'token', documentation: spec.idDocumentation ?? 'the logical id', matches: byId },
    ...spec.params,
  ];
  return {
    type: spec.type,
    searchParams,
    sortable: [],
    includes: [...patientIncludes(spec.patientParams, spec.patientOf), ...(spec.includes ?? [])],
    read: spec.read,
    async search(caller, request) {
      const patientId = patientOfSearch(request, spec.type);
      const matching = matcherOf(request, searchParams);
      return pageOf(await spec.list(caller, patientId), request, matching);
    },
  };
}
