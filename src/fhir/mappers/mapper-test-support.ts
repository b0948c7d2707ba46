/** Test helpers of the mappers: validation against R4, and the official R4 examples. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { validateClinicalEntry, type ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { validateFhirResource } from '../fhir-validator.ts';

/** Fails with the problems found when `resource` does not validate against the R4 definitions. */
export function assertValidR4(resource: Resource): void {
  assert.deepEqual(validateFhirResource(resource), [], JSON.stringify(resource));
}

const EXAMPLES_DIR = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));

/** The official R4 examples of one resource type (`<Type>-*.json`), with their file names. */
export function officialExamples<T extends Resource>(
  type: T['resourceType'],
): { file: string; resource: T }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.startsWith(`${type}-`) && file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, resource: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as T }));
}

export interface ExampleCounts {
  /** Mapped and accepted by the domain's entry rules. */
  readonly mapped: number;
  /** Refused by the mapper, naming the FHIR path. */
  readonly refused: number;
  /** Mapped, then refused by the domain's entry rules (the use case runs them). */
  readonly refusedByDomain: number;
}

/**
 * Runs every official example of `type` through `fromFhir`: each must map (to an entry the domain's
 * rules accept or refuse with `invalid-input`) or be refused with `invalid-input` naming a path of
 * the resource. Anything else thrown fails the test.
 */
export function runOfficialExamples<T extends Resource>(
  type: T['resourceType'],
  fromFhir: (resource: T) => { entry: ClinicalEntry },
  now: Date,
): ExampleCounts {
  const counts = { mapped: 0, refused: 0, refusedByDomain: 0 };
  const examples = officialExamples<T>(type);
  assert.ok(examples.length > 0, `no ${type} examples found`);
  for (const { file, resource } of examples) {
    let entry: ClinicalEntry;
    try {
      entry = fromFhir(resource).entry;
    } catch (error) {
      assertRefusal(error, file, `${type}.`);
      counts.refused += 1;
      continue;
    }
    try {
      validateClinicalEntry(entry, now);
      counts.mapped += 1;
    } catch (error) {
      assertRefusal(error, file, '');
      counts.refusedByDomain += 1;
    }
  }
  return counts;
}

function assertRefusal(error: unknown, file: string, pathPrefix: string): void {
  assert.ok(error instanceof DomainError, `${file}: threw ${String(error)}`);
  assert.equal(error.code, 'invalid-input', `${file}: ${error.message}`);
  assert.ok(error.message.startsWith(pathPrefix), `${file}: "${error.message}" names no ${pathPrefix} path`);
}

/**
 * Domain → FHIR → domain on generated entries: each resource `toFhir` writes for `patientId`
 * validates against R4, and `fromFhir` reads it back as the same patient and the same entry.
 */
export function assertRoundTrip<E extends ClinicalEntry, R extends Resource>(
  patientId: string,
  entries: fc.Arbitrary<E>,
  toFhir: (entry: E) => R,
  fromFhir: (resource: R) => { patientId: string; entry: E },
): void {
  fc.assert(
    fc.property(entries, (entry) => {
      const resource = toFhir(entry);
      assertValidR4(resource);
      // fast-check builds records without a prototype; compare plain copies.
      assert.deepEqual(fromFhir(resource), { patientId, entry: { ...entry } });
    }),
    { numRuns: 60 },
  );
}

/** Asserts that `run` is refused with `invalid-input` and a message that names `path`. */
export function assertRefused(run: () => unknown, path: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, 'invalid-input');
    assert.ok(error.message.startsWith(`${path}:`), `"${error.message}" does not name ${path}`);
    return true;
  });
}
