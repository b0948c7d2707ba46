import type {
  CodeableConcept,
  Coding,
  Identifier,
  OperationOutcomeIssue,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { DataCategory } from '../../domain/access/data-category.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { issue, unprocessable } from '../fhir-error.ts';
import { IDENTIFIER_TYPE_SYSTEM } from '../fr-core.ts';

/** The code systems the domain's codes belong to, as FHIR names them. */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  atc: 'http://www.whocc.no/atc',
  ucum: 'http://unitsofmeasure.org',
} as const;

/** An identifier typed as FR Core types it (french-health-it.md A7, A9). */
export function frCoreIdentifier(type: string, system: string, value: string): Identifier {
  return {
    use: 'official',
    type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: type }] },
    system,
    value,
  };
}

/** HL7 v3 information-sensitivity codes of the categories a patient may restrict. */
const SENSITIVITY: Readonly<Record<DataCategory, Coding>> = {
  'mental-health': { code: 'PSY', display: 'psychiatry information sensitivity' },
  'sexual-health': { code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
  addiction: { code: 'ETH', display: 'substance abuse information sensitivity' },
};

/** The security label of a sensitive category (documents, consent provisions). */
export function sensitivityLabel(category: DataCategory): Coding {
  return { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', ...SENSITIVITY[category] };
}

/** The resource types a mapper points to. */
export type ReferencedType =
  | 'Patient'
  | 'Practitioner'
  | 'Organization'
  | 'Observation'
  | 'DocumentReference'
  | 'ServiceRequest'
  | 'Task'
  | 'Communication';

/**
 * Refuses a resource the domain cannot hold. The message and the detail name the FHIR path, so the
 * API can answer an OperationOutcome whose issue points at it.
 */
export function refuse(path: string, problem: string): never {
  const detail = `${path}: ${problem}`;
  throw new DomainError('invalid-input', detail, [detail]);
}

/**
 * The issues of a mapper's refusal (`refuse`), each pointing at its FHIR path; undefined for any
 * other error.
 */
function refusalIssues(error: unknown): OperationOutcomeIssue[] | undefined {
  if (!(error instanceof DomainError) || error.code !== 'invalid-input') return undefined;
  return error.details.map((detail) => {
    const [path = '', ...problem] = detail.split(': ');
    return issue('business-rule', detail, problem.length > 0 ? path : undefined);
  });
}

/** What a mapper makes of an incoming resource; its refusal is a 422 with the path of each element. */
export function mappedIn<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    const issues = refusalIssues(error);
    if (issues === undefined) throw error;
    throw unprocessable(issues);
  }
}

export function reference<K extends ReferencedType>(
  type: K,
  id: string,
): Reference<Extract<Resource, { resourceType: K }>> {
  return { reference: `${type}/${id}` };
}

// A literal reference `Type/id` (FHIR id: 1 to 64 of A-Z a-z 0-9 - .).
const LITERAL_REFERENCE = /^([A-Za-z]+)\/([A-Za-z0-9.-]{1,64})$/;

/** The id a reference names. Refused unless it is a literal `<type>/<id>` reference. */
function referencedId(value: Reference | undefined, type: ReferencedType, path: string): string {
  const match = LITERAL_REFERENCE.exec(value?.reference ?? '');
  if (match?.[1] !== type || match[2] === undefined) {
    refuse(`${path}.reference`, `must reference a ${type} as ${type}/<id>`);
  }
  return match[2];
}

/** A concept of one coding (and its words in `text`, when given). */
export function concept(system: string, code: string, display?: string | null): CodeableConcept {
  const coding: Coding = { system, code, ...(display == null ? {} : { display }) };
  return { coding: [coding], ...(display == null ? {} : { text: display }) };
}

/** The codes of `concept` in one code system. */
export function codingsIn(value: CodeableConcept | undefined, system: string): Coding[] {
  return (value?.coding ?? []).filter((coding) => coding.system === system);
}

/** The first code `value` carries in `system` (the codings of a concept all mean the same thing). */
export function firstCode(value: CodeableConcept | undefined, system: string): string | undefined {
  return codingsIn(value, system).find((coding) => coding.code !== undefined)?.code;
}

/**
 * The one code `value` carries in `system` (a status, a category). Refused when absent, when it is
 * not one of `allowed`, or when two codes of the system disagree.
 */
export function codeIn<T extends string>(
  value: CodeableConcept | undefined,
  system: string,
  allowed: Readonly<Record<string, T>>,
  path: string,
): T {
  const codes = new Set(codingsIn(value, system).map((coding) => coding.code));
  const [code] = codes;
  if (codes.size !== 1 || code === undefined) refuse(path, `needs one code of ${system}`);
  const mapped = Object.hasOwn(allowed, code) ? allowed[code] : undefined;
  if (mapped === undefined) {
    refuse(path, `"${code}" cannot be kept; Relais holds ${Object.keys(allowed).join(', ')}`);
  }
  return mapped;
}

/** The entry of a table keyed by a domain code, or undefined for a code the table does not know. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The words of `value`, refused at `path` when it has none. */
export function requiredWords(value: CodeableConcept | undefined, path: string, what: string): string {
  const words = wordsOf(value);
  if (words === undefined) refuse(path, `${what} needs words (text or a coding display)`);
  return words;
}

/** Refuses a verification status other than confirmed (absent, the statement is taken as asserted). */
export function refuseUnconfirmed(value: CodeableConcept | undefined, system: string, path: string): void {
  if (value !== undefined) codeIn(value, system, { confirmed: 'confirmed' }, path);
}

/**
 * The patient an incoming resource is about (its `Patient/<id>` reference in `element`), once the
 * elements the record cannot hold are refused: `unheld`, and always modifier extensions and implicit
 * rules, which R4 asks a system that does not understand them to refuse.
 */
export function incomingPatientId(
  resource: Resource,
  patient: { readonly element: 'subject' | 'patient'; readonly value: Reference | undefined },
  unheld: readonly string[],
): string {
  const type = resource.resourceType;
  refuseUnheld(resource, type, ['modifierExtension', 'implicitRules', ...unheld]);
  return referencedId(patient.value, 'Patient', `${type}.${patient.element}`);
}

/** The words of a concept: its text, or else the display of its first coding that has one. */
function wordsOf(value: CodeableConcept | undefined): string | undefined {
  const text = value?.text?.trim();
  if (text) return text;
  return value?.coding?.find((coding) => coding.display?.trim())?.display?.trim();
}

// A FHIR date or dateTime whose day is known: YYYY-MM-DD, optionally followed by a time.
const FULL_DATE = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;

/** The calendar day of a FHIR date or dateTime. Refused when only the year or month is known. */
export function calendarDay(value: string, path: string): string {
  const day = FULL_DATE.exec(value)?.[1];
  if (day === undefined) refuse(path, `"${value}" is not a full date (YYYY-MM-DD); Relais keeps whole days`);
  return day;
}

/**
 * Elements the domain has no place for, and that change what the kept part means: refused by name
 * rather than dropped without a word. `path` is the FHIR path of `element` (a resource or a part).
 */
export function refuseUnheld(element: object, path: string, names: readonly string[]): void {
  for (const name of names) {
    if ((element as Record<string, unknown>)[name] !== undefined) {
      refuse(`${path}.${name}`, 'Relais cannot keep this element');
    }
  }
}
