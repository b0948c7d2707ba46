/** A date bound: the prefix compares the stored value with the bound (a day, or an instant). */
export interface DateBound {
  readonly comparator: 'eq' | 'lt' | 'le' | 'gt' | 'ge';
  /** YYYY-MM-DD for birth dates; an ISO instant for last updates. */
  readonly value: string;
}

/** Words that must all start a name key of the kind searched (accents and case aside). */
export type NameWords = readonly string[];

/** One criterion given several values: any of them may match. */
export type AnyOf<T> = readonly T[];

export type PatientSortKey = 'family' | 'given' | 'birthdate' | '_lastUpdated' | '_id';

/**
 * A structured patient search (the FHIR edge builds it from query parameters): every criterion listed
 * must hold, each one by any of its values. Name words are prefixes of the name keys, as in the patient
 * search; `names` looks at the birth, used and given names, `families` at the birth and used family names.
 */
export interface PatientCriteria {
  readonly ids: readonly AnyOf<string>[];
  /** INS matricules, under the named OID (bare) or under any INS OID. */
  readonly identifiers: readonly AnyOf<{ readonly oid: string | null; readonly matricule: string }>[];
  readonly names: readonly AnyOf<NameWords>[];
  readonly families: readonly AnyOf<NameWords>[];
  readonly givens: readonly AnyOf<NameWords>[];
  readonly birthDates: readonly DateBound[];
  readonly lastUpdated: readonly DateBound[];
  readonly sort: readonly { readonly key: PatientSortKey; readonly descending: boolean }[];
  readonly offset: number;
  readonly count: number;
}

/** A page of a criteria search: how many match in all, and the page asked for. */
export interface PatientPage<T> {
  readonly total: number;
  readonly patients: readonly T[];
}
