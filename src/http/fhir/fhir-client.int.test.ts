import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { Client, RESPONSE_KEY, type FhirResource } from 'fhir-kit-client';
import type { Relais } from '../../app.ts';
import { syntheticPatientBundle } from '../../../bench/synthetic-bundles.ts';
import { createProfessional } from '../../../tests/support/factories.ts';
import { fhirPatient, insToken } from '../../../tests/support/fhir-patients.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';

/** The HTTP status and headers behind a fhir-kit-client result. */
function responseOf(result: unknown): Response {
  return (result as Record<string, unknown>)[RESPONSE_KEY] as Response;
}

/** fhir-kit-client's result as the R4 type the test expects. */
async function as<T>(promise: Promise<FhirResource>): Promise<T> {
  return (await promise) as unknown as T;
}

/** A resource as fhir-kit-client's body type. */
const body = (resource: Patient) => resource as unknown as FhirResource;

/** The status and OperationOutcome of a request fhir-kit-client refused. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const { response } = error as { response?: { status: number; data: unknown } };
    if (response !== undefined) return response;
    throw error;
  }
  assert.fail('the request was accepted');
}

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR Patient through fhir-kit-client on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let client: Client;
    before(async () => {
      relais = await startTestRelais(dialect);
      await relais.http.listen({ host: '127.0.0.1', port: 0 });
      const { port } = relais.http.server.address() as AddressInfo;
      const gp = await createProfessional(relais);
      client = new Client({ baseUrl: `http://127.0.0.1:${port}/fhir/R4`, bearerToken: gp.token });
    });
    after(() => relais.close());

    test('create, search by name, read, update with a stale then the right ETag, conditional create, history', async () => {
      const patient = fhirPatient({ name: [{ use: 'official', family: 'Quéméner', given: ['Anaïs'] }] });
      const created = await as<Patient>(client.create({ resourceType: 'Patient', body: body(patient) }));
      const createdResponse = responseOf(created);
      assert.equal(createdResponse.status, 201);
      assert.equal(created.meta?.versionId, '1');
      assert.equal(createdResponse.headers.get('etag'), 'W/"1"');
      assert.match(
        createdResponse.headers.get('location') ?? '',
        new RegExp(`/fhir/R4/Patient/${created.id ?? ''}/_history/1$`),
      );
      assert.match(createdResponse.headers.get('content-type') ?? '', /^application\/fhir\+json/);
      assert.deepEqual(created.identifier, patient.identifier, 'a qualified identity shows its INS');
      const id = created.id ?? '';

      const found = await as<Bundle>(
        client.search({ resourceType: 'Patient', searchParams: { name: 'quemen' } }),
      );
      assert.equal(found.type, 'searchset');
      assert.equal(found.total, 1);
      assert.equal(found.entry?.[0]?.resource?.id, id);

      const read = await as<Patient>(client.read({ resourceType: 'Patient', id }));
      assert.equal(read.name?.[0]?.family, 'Quéméner');
      assert.equal(responseOf(read).headers.get('etag'), 'W/"1"');
      const asJson = (resource: Patient): unknown => JSON.parse(JSON.stringify(resource));
      assert.deepEqual(
        asJson(created),
        asJson(read),
        'a create answers the version as written, as a read gives it',
      );

      const changed: Patient = { ...read, telecom: [{ system: 'phone', value: '0601020304' }] };
      const updated = await as<Patient>(
        client.update({
          resourceType: 'Patient',
          id,
          body: body(changed),
          options: { headers: { 'if-match': 'W/"1"' } },
        }),
      );
      assert.equal(updated.meta?.versionId, '2');
      assert.equal(responseOf(updated).headers.get('etag'), 'W/"2"');

      const stale = await refusal(
        client.update({
          resourceType: 'Patient',
          id,
          body: body({ ...changed, telecom: [{ system: 'phone', value: '0700000000' }] }),
          options: { headers: { 'if-match': 'W/"1"' } },
        }),
      );
      assert.equal(stale.status, 412);
      assert.equal((stale.data as { resourceType: string }).resourceType, 'OperationOutcome');
      const afterStale = await as<Patient>(client.read({ resourceType: 'Patient', id }));
      assert.equal(afterStale.meta?.versionId, '2', 'nothing written on a stale version');
      assert.equal(afterStale.telecom?.[0]?.value, '0601020304');

      const again = await as<Patient>(
        client.create({
          resourceType: 'Patient',
          body: body(patient),
          options: { headers: { 'if-none-exist': `identifier=${insToken(patient)}` } },
        }),
      );
      assert.equal(responseOf(again).status, 200, 'the existing patient, not a new one');
      assert.equal(again.id, id);
      const other = fhirPatient();
      const fresh = await as<Patient>(
        client.create({
          resourceType: 'Patient',
          body: body(other),
          options: { headers: { 'if-none-exist': `identifier=${insToken(other)}` } },
        }),
      );
      assert.equal(responseOf(fresh).status, 201);
      assert.notEqual(fresh.id, id);

      const history = await as<Bundle<Patient>>(client.resourceHistory({ resourceType: 'Patient', id }));
      assert.equal(history.type, 'history');
      assert.deepEqual(
        history.entry?.map((entry) => [entry.resource?.meta?.versionId, entry.resource?.telecom?.[0]?.value]),
        [
          ['2', '0601020304'],
          ['1', undefined],
        ],
      );
      const first = await as<Patient>(client.vread({ resourceType: 'Patient', id, version: '1' }));
      assert.equal(first.meta?.versionId, '1');
      assert.equal(first.telecom, undefined);
    });

    test('a transaction Bundle, then $everything of the patient it created', async () => {
      const bundle = syntheticPatientBundle(4242);
      const response = await as<Bundle>(client.transaction({ body: bundle as unknown as FhirResource }));
      assert.equal(response.type, 'transaction-response');
      assert.deepEqual(
        response.entry?.map((entry) => entry.response?.status.split(' ')[0]),
        bundle.entry?.map(() => '201'),
      );
      const patientId = /^Patient\/([^/]+)/.exec(response.entry?.[0]?.response?.location ?? '')?.[1];
      assert.ok(patientId !== undefined);

      const everything = await as<Bundle>(
        client.operation({ name: '$everything', resourceType: 'Patient', id: patientId, method: 'GET' }),
      );
      const count = (entries: readonly { resource?: { resourceType: string } }[] | undefined) =>
        Object.entries(Object.groupBy(entries ?? [], (entry) => entry.resource?.resourceType ?? 'none')).map(
          ([type, items]) => [type, items?.length ?? 0] as const,
        );
      const sent = new Map(count(bundle.entry));
      const got = new Map(count(everything.entry));
      for (const [type, n] of sent) assert.equal(got.get(type), n, `every ${type} sent is in $everything`);
    });
  });
}
