import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import type { Allergy, Condition, LabResult, Medication } from './coordination-record.ts';
import type { AnyOf, DateBound } from './patient-criteria.ts';

/** The entries of a record that are read one by one and searched (the FHIR clinical resources). */
export interface RecordEntryOf {
  readonly condition: Condition;
  readonly medication: Medication;
  readonly allergy: Allergy;
  readonly result: LabResult;
}

export type RecordEntryKind = keyof RecordEntryOf;

/** An entry as stored: what it says, and when it was written (entries are never changed). */
export interface StoredEntry<K extends RecordEntryKind> {
  readonly entry: RecordEntryOf[K];
  readonly recordedAt: string;
}

/**
 * The names of the code systems of the kinds coded in one system: treatments (ATC) and results (LOINC).
 * A condition names its own (ICD-10 or SNOMED-CT); an allergy's substance is words.
 */
export const CODE_SYSTEM = { atc: 'ATC', loinc: 'LOINC' } as const;

/** A code criterion: the domain's code system name (null: any system) and the code. */
export interface EntryCode {
  readonly codeSystem: string | null;
  readonly code: string;
}

/** `date`: the entry's own date (onset, start, time taken); `_lastUpdated`: when it was written. */
export type EntrySortKey = 'date' | '_lastUpdated' | '_id';

/**
 * A search among one patient's entries of a kind: every criterion must hold, each by any of its
 * values (an empty list of values matches nothing). Statuses are the domain's own words.
 */
export interface EntryCriteria {
  readonly ids: readonly AnyOf<string>[];
  readonly codes: readonly AnyOf<EntryCode>[];
  readonly statuses: readonly AnyOf<string>[];
  readonly dates: readonly DateBound[];
  readonly lastUpdated: readonly DateBound[];
  readonly sort: readonly { readonly key: EntrySortKey; readonly descending: boolean }[];
  readonly offset: number;
  readonly count: number;
}

/** A page of a patient's entries: how many match in all, and the page asked for. */
export interface EntryPage<K extends RecordEntryKind> {
  readonly total: number;
  readonly entries: readonly StoredEntry<K>[];
}

/** Port: finds entries. Only `patientOf` runs before the gate, and it tells nothing but the patient. */
export interface RecordEntryFinder {
  /** The patient an entry of `kind` belongs to, or undefined when there is no such entry. */
  patientOf(kind: RecordEntryKind, entryId: string): Promise<string | undefined>;
  find<K extends RecordEntryKind>(
    scope: PatientScope,
    kind: K,
    criteria: EntryCriteria,
  ): Promise<EntryPage<K>>;
}

/**
 * A patient's problems, treatments, allergies and results one by one: read by id and searched, each
 * through the access gate, whose audit row names the patient (a search is a read of that patient's
 * record). None of these kinds carries a sensitive category, so the record shows them whole to whoever
 * may open it, and so does this.
 */
export function createRecordEntryService(deps: { access: PatientAccess; finder: RecordEntryFinder }) {
  const { access, finder } = deps;
  const purposeOf = (kind: RecordEntryKind) => ({ action: 'read', resource: kind }) as const;

  return {
    /** One entry with its patient. Errors: `not-found` (no such entry), `forbidden` (the gate's reason). */
    async read<K extends RecordEntryKind>(
      principal: Principal,
      kind: K,
      entryId: string,
      origin: RequestOrigin,
    ): Promise<{ patientId: string; stored: StoredEntry<K> }> {
      const patientId = isUuid(entryId) ? await finder.patientOf(kind, entryId) : undefined;
      if (patientId === undefined) throw new DomainError('not-found', `no ${kind} with id ${entryId}`);
      const page = await access.read(principal, patientId, purposeOf(kind), origin, (scope) =>
        finder.find(scope, kind, { ...NO_CRITERIA, ids: [[entryId]], count: 1 }),
      );
      const [stored] = page.entries;
      if (stored === undefined) throw new DomainError('not-found', `no ${kind} with id ${entryId}`);
      return { patientId, stored };
    },

    /** One patient's entries meeting the criteria. Errors: `not-found` (no such patient), `forbidden`. */
    async search<K extends RecordEntryKind>(
      principal: Principal,
      kind: K,
      patientId: string,
      criteria: EntryCriteria,
      origin: RequestOrigin,
    ): Promise<EntryPage<K>> {
      return access.read(principal, patientId, purposeOf(kind), origin, (scope) =>
        finder.find(scope, kind, criteria),
      );
    },
  };
}

export type RecordEntryService = ReturnType<typeof createRecordEntryService>;

const NO_CRITERIA: EntryCriteria = {
  ids: [],
  codes: [],
  statuses: [],
  dates: [],
  lastUpdated: [],
  sort: [],
  offset: 0,
  count: 0,
};
