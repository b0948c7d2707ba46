import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OperationOutcome, Patient } from '@medplum/fhirtypes';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { Relais } from '../../app.ts';
import { bearer, createPatient, createProfessional } from '../../../tests/support/factories.ts';
import { fhirPatient } from '../../../tests/support/fhir-patients.ts';
import { IDENTITY_RELIABILITY_URL } from '../../fhir/fr-core.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR bad input on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let token: string;
    let practitionerId: string;
    let patientId: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      ({ token, practitionerId } = await createProfessional(relais));
      patientId = await createPatient(relais, [practitionerId]);
    });
    after(() => relais.close());

    /** Rows of the tables a Patient write touches. */
    const counts = async () => {
      const { rows } = await sql<{ patients: string; versions: string; events: string }>`
        select (select count(*) from patients) as patients,
               (select count(*) from patient_identity_versions) as versions,
               (select count(*) from events) as events`.execute(relais.database.db);
      return rows[0];
    };

    /** Sends the request; asserts the status, an OperationOutcome and that nothing was written. */
    const refused = async (
      request: InjectOptions,
      status: number,
      diagnostics: RegExp,
      expression?: string,
    ) => {
      const before = await counts();
      const response = await relais.http.inject({
        ...request,
        headers: { ...bearer(token), ...FHIR_JSON, ...request.headers },
      });
      assert.equal(response.statusCode, status, response.body);
      assert.match(response.headers['content-type'] ?? '', /^application\/fhir\+json/);
      const outcome = response.json<OperationOutcome>();
      assert.equal(outcome.resourceType, 'OperationOutcome');
      const issues = outcome.issue;
      assert.ok(
        issues.some((issue) => diagnostics.test(issue.diagnostics ?? issue.details?.text ?? '')),
        `no issue says ${String(diagnostics)}: ${response.body}`,
      );
      if (expression !== undefined)
        assert.ok(
          issues.some((issue) => issue.expression?.includes(expression)),
          `no issue at ${expression}: ${response.body}`,
        );
      assert.deepEqual(await counts(), before, 'nothing written');
    };
    const post = (payload: unknown): InjectOptions => ({
      method: 'POST',
      url: '/fhir/R4/Patient',
      payload: JSON.stringify(payload),
    });

    test('invalid JSON, a wrong resourceType, a body that is no resource: 400', async () => {
      await refused(
        { method: 'POST', url: '/fhir/R4/Patient', payload: '{"resourceType": "Patient",' },
        400,
        /not valid JSON/,
      );
      await refused(
        post({ ...fhirPatient(), resourceType: 'Observation' }),
        400,
        /resourceType must be 'Patient'/,
        'resourceType',
      );
      await refused(post([fhirPatient()]), 400, /a Patient resource/);
    });

    test('unknown elements and wrong types: 400 naming each path', async () => {
      await refused(post({ ...fhirPatient(), favouriteColour: 'blue' }), 400, /favouriteColour/i);
      await refused(
        post({ ...fhirPatient(), birthDate: 19800512 }),
        400,
        /birthDate|Invalid JSON type/i,
        'Patient.birthDate',
      );
      // The validator does not check the required value set: the mapping refuses the code.
      await refused(
        post({ ...fhirPatient(), gender: 'robot' }),
        422,
        /gender must be male, female or unknown/,
        'Patient.gender',
      );
    });

    test('what Relais cannot keep, bad references and the INS rules: 422 naming the path', async () => {
      await refused(
        post(fhirPatient({ generalPractitioner: [{ reference: 'Practitioner/someone-else' }] })),
        422,
        /generalPractitioner may only name yourself/,
        'Patient.generalPractitioner[0]',
      );
      await refused(
        post(fhirPatient({ managingOrganization: { reference: 'Organization/1' } })),
        422,
        /not kept/,
        'Patient.managingOrganization',
      );
      await refused(
        post(fhirPatient({ identifier: [{ system: 'urn:oid:1.2.3', value: 'x' }] })),
        422,
        /identifier system/,
        'Patient.identifier[0].system',
      );
      await refused(
        post(
          fhirPatient({ identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.10', value: '280057512345600' }] }),
        ),
        422,
        /INS key/,
      );
      await refused(post(fhirPatient({ birthDate: '1980-05' })), 422, /full date/, 'Patient.birthDate');
    });

    test('413 for a body too large, 415 for another media type, 405 for a method not served, 404 for an unknown id', async () => {
      await refused(post({ ...fhirPatient(), address: [{ text: 'x'.repeat(1_100_000) }] }), 413, /too large/);
      await refused(
        { ...post(fhirPatient()), headers: { 'content-type': 'text/plain' } },
        415,
        /application\/fhir\+json/,
      );
      await refused(
        { method: 'DELETE', url: `/fhir/R4/Patient/${patientId}` },
        405,
        /DELETE is not supported/,
      );
      await refused({ method: 'GET', url: '/fhir/R4/Patient/not-a-uuid' }, 404, /no Patient/);
      await refused(
        { method: 'GET', url: `/fhir/R4/Patient/${patientId}/_history/99` },
        404,
        /no version 99/,
      );
    });

    test('an update: the id must match, If-Match must be a version, the status is not the client’s to set', async () => {
      const current = (
        await relais.http.inject({ url: `/fhir/R4/Patient/${patientId}`, headers: bearer(token) })
      ).json<Patient>();
      const put = (resource: Patient, headers: Record<string, string> = {}): InjectOptions => ({
        method: 'PUT',
        url: `/fhir/R4/Patient/${patientId}`,
        payload: JSON.stringify(resource),
        headers,
      });
      await refused(
        put({ ...current, id: '00000000-0000-4000-8000-000000000000' }),
        400,
        /must be the one in the URL/,
        'Patient.id',
      );
      await refused(put(current, { 'if-match': 'yesterday' }), 400, /If-Match/);
      const downgraded: Patient = {
        ...current,
        extension: [
          {
            url: IDENTITY_RELIABILITY_URL,
            extension: [{ url: 'identityStatus', valueCoding: { code: 'PROV' } }],
          },
        ],
      };
      await refused(put(downgraded), 422, /cannot be set by a correction/);
    });

    test('search: an unsupported parameter, modifier, prefix or _count is refused, never ignored', async () => {
      await refused(
        { method: 'GET', url: '/fhir/R4/Patient?gender=female' },
        400,
        /'gender' is not supported/,
        'gender',
      );
      await refused({ method: 'GET', url: '/fhir/R4/Patient?name:exact=Dupont' }, 400, /modifier ':exact'/);
      await refused({ method: 'GET', url: '/fhir/R4/Patient?birthdate=sa1980-01-01' }, 400, /prefix 'sa'/);
      await refused({ method: 'GET', url: '/fhir/R4/Patient?birthdate=1980-02-30' }, 400, /impossible date/);
      await refused({ method: 'GET', url: '/fhir/R4/Patient?_count=101' }, 400, /_count/);
      await refused({ method: 'GET', url: '/fhir/R4/Patient?_sort=gender' }, 400, /cannot sort by 'gender'/);
      await refused(
        { method: 'GET', url: '/fhir/R4/Patient?_include=Patient:organization' },
        400,
        /_include 'Patient:organization' is not supported here/,
      );
    });
  });
}
