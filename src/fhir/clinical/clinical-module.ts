import type { Reference, Resource } from '@medplum/fhirtypes';
import {
  type RecordEntryKind,
  type RecordEntryOf,
  type RecordEntryService,
  type StoredEntry,
} from '../../domain/record/record-entries.ts';
import type { RecordService } from '../../domain/record/record-service.ts';
import { writtenEntry, type NewEntryOf } from '../../domain/record/written-entry.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { isUuid } from '../../domain/shared/new-id.ts';
import { existingMatch } from '../conditional-create.ts';
import { FhirError } from '../fhir-error.ts';
import { mappedIn } from '../mappers/fhir-mapping.ts';
import { validateFhirResource } from '../fhir-validator.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import { patientIncludes } from '../search/search-includes.ts';
import type { SearchRequest } from '../search/search-request.ts';
import {
  clinicalCriteriaOf,
  clinicalSearchParams,
  clinicalSortable,
  type ClinicalSearchSpec,
} from './clinical-search.ts';

/** What the clinical modules need from the application. */
export interface ClinicalDependencies {
  readonly record: RecordService;
  readonly recordEntries: RecordEntryService;
}

/** A clinical type: the kind of record entry it is, its search, and its two mappers. */
export interface ClinicalSpec<R extends Resource, K extends RecordEntryKind> extends ClinicalSearchSpec {
  readonly type: R['resourceType'];
  readonly kind: K;
  readonly toFhir: (patientId: string, entry: RecordEntryOf[K]) => R;
  /** Where the resource names its patient (what `_include=Type:patient` follows). */
  readonly patientOf: (resource: R) => Reference | undefined;
  /** Refuses (`invalid-input` naming the FHIR path) what the record cannot hold. */
  readonly fromFhir: (resource: R) => { patientId: string; entry: NewEntryOf<K> };
}

const DOCUMENTATION =
  "A search names the patient (patient=<id>): Relais searches one patient's record at a time, through the " +
  'same access check and audit as reading the record; a search without one is refused (400). ' +
  'Entries are written once (no update, no versions).';

/**
 * A record entry as a FHIR resource: read by id and searched within one patient's record (both
 * through the access gate, audited), created through the record's own write (`addEntry`: access
 * check, entry rules, journal event) and answered as a read of it would be (without that read).
 */
export function clinicalModule<R extends Resource, K extends RecordEntryKind>(
  spec: ClinicalSpec<R, K>,
  { record, recordEntries }: ClinicalDependencies,
): ResourceModule<R> {
  const searchParams = clinicalSearchParams(spec);
  const asResource = (patientId: string, { entry, recordedAt }: StoredEntry<K>): R => ({
    ...spec.toFhir(patientId, entry),
    meta: { lastUpdated: recordedAt },
  });
  const read = async ({ principal, origin }: FhirCaller, id: string) => {
    const { patientId, stored } = await recordEntries.read(principal, spec.kind, id, origin);
    return asResource(patientId, stored);
  };
  const search = async ({ principal, origin }: FhirCaller, request: SearchRequest) => {
    const { patientId, criteria } = clinicalCriteriaOf(spec, request);
    const page = await recordEntries.search(principal, spec.kind, patientId, criteria, origin);
    return { total: page.total, resources: page.entries.map((stored) => asResource(patientId, stored)) };
  };
  return {
    type: spec.type,
    documentation: DOCUMENTATION,
    searchParams,
    sortable: clinicalSortable(spec),
    includes: patientIncludes(spec.patientParams, spec.patientOf),
    read,
    search,

    async create(caller, resource, ifNoneExist) {
      const invalid = validateFhirResource(resource);
      if (invalid.length > 0) throw new FhirError(400, invalid);
      const { patientId, entry } = mappedIn(() => spec.fromFhir(resource));
      if (!isUuid(patientId)) throw new DomainError('not-found', `no patient with id ${patientId}`);
      if (ifNoneExist !== undefined) {
        const existing = await existingMatch(ifNoneExist, searchParams, (request) => search(caller, request));
        if (existing !== undefined) return { resource: existing, created: false };
      }
      const { id, recordedAt } = await record.addEntry(caller.principal, patientId, entry, caller.origin);
      return { resource: asResource(patientId, writtenEntry(id, entry, recordedAt)), created: true };
    },
  };
}
