import assert from 'node:assert/strict';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Relais } from '../../src/app.ts';
import { officialExamples } from '../../src/fhir/mappers/mapper-test-support.ts';
import { FHIR_PREFIX } from '../../src/http/fhir/fhir-plugin.ts';
import { bearer } from './factories.ts';

/** What posting a type's official examples gave: how many were posted, taken, and refused by status. */
export interface ExamplesPosted {
  readonly posted: number;
  readonly accepted: number;
  readonly refused: ReadonlyMap<number, number>;
}

/**
 * Posts every official R4 example of `type` (`node_modules/hl7.fhir.r4.examples`), once `rebind` has
 * pointed its references at the test's world (the examples name the example server's patients and
 * practitioners). Each must be created, and read back as the create answered it, or refused with an
 * OperationOutcome whose every issue says what is wrong: never a 5xx. `rows` counts what a create
 * writes: one more row when taken, none when refused (nothing half-written).
 */
export async function postOfficialExamples(
  relais: Relais,
  token: string,
  type: Resource['resourceType'],
  options: {
    readonly rebind: (resource: Resource) => Resource;
    readonly rows: () => Promise<number>;
  },
): Promise<ExamplesPosted> {
  const examples = officialExamples(type);
  assert.ok(examples.length > 0, `no ${type} examples found`);
  const refused = new Map<number, number>();
  let accepted = 0;
  for (const { file, resource } of examples) {
    const rowsBefore = await options.rows();
    const response = await relais.http.inject({
      method: 'POST',
      url: `${FHIR_PREFIX}/${type}`,
      headers: { ...bearer(token), 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(options.rebind(resource)),
    });
    const { statusCode } = response;
    assert.ok(statusCode < 500, `${file}: ${statusCode} ${response.body}`);
    if (statusCode === 201) {
      accepted++;
      assert.equal(await options.rows(), rowsBefore + 1, `${file}: one ${type} written`);
      const id = response.json<Resource>().id ?? '';
      const read = await relais.http.inject({ url: `${FHIR_PREFIX}/${type}/${id}`, headers: bearer(token) });
      assert.equal(read.statusCode, 200, `${file}: the created resource reads back`);
      assert.deepEqual(read.json(), response.json(), `${file}: answered as stored`);
      continue;
    }
    assert.ok(statusCode >= 400, `${file}: ${statusCode}`);
    const outcome = response.json<OperationOutcome>();
    assert.equal(outcome.resourceType, 'OperationOutcome', `${file}: ${response.body}`);
    assert.ok(
      outcome.issue.length > 0 &&
        outcome.issue.every((issue) => (issue.diagnostics ?? issue.details?.text ?? '') !== ''),
      `${file}: every issue says what is wrong`,
    );
    assert.equal(await options.rows(), rowsBefore, `${file}: refused, nothing written`);
    refused.set(statusCode, (refused.get(statusCode) ?? 0) + 1);
  }
  return { posted: examples.length, accepted, refused };
}

/** The tables a FHIR create writes its one row to. */
export type CreatedRowTable = 'patients' | 'tasks' | 'conditions' | 'medications' | 'allergies' | 'results';

/** How many rows `table` holds, for `rows`. */
export async function rowsIn(relais: Relais, table: CreatedRowTable): Promise<number> {
  const { count } = await relais.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** `Condition: 12 examples, 5 accepted, refused 4 × 422, 3 × 400`, for the test's diagnostics. */
export function describeExamplesPosted(type: string, { posted, accepted, refused }: ExamplesPosted): string {
  const refusals = [...refused].map(([status, count]) => `${String(count)} × ${String(status)}`).join(', ');
  return `${type}: ${String(posted)} examples, ${String(accepted)} accepted, refused ${refusals || 'none'}`;
}
