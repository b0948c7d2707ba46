import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { officialExamples } from '../../fhir/mappers/mapper-test-support.ts';
import { bearer, createPatient, createProfessional } from '../../../tests/support/factories.ts';
import { CLINICAL_TYPES, patientElementOf } from '../../../tests/support/fhir-clinical.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`the official R4 examples of the clinical types on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let token: string;
    let patientId: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      const gp = await createProfessional(relais);
      token = gp.token;
      patientId = await createPatient(relais, [gp.practitionerId]);
    });
    after(() => relais.close());

    for (const type of CLINICAL_TYPES) {
      test(`every ${type} example, about a patient of the caller, is taken or refused with an OperationOutcome`, async (t) => {
        const examples = officialExamples(type);
        assert.ok(examples.length > 0);
        const refusals = new Map<number, number>();
        let accepted = 0;
        for (const { file, resource } of examples) {
          const about = { ...resource, [patientElementOf(type)]: { reference: `Patient/${patientId}` } };
          const response = await relais.http.inject({
            method: 'POST',
            url: `${FHIR_PREFIX}/${type}`,
            headers: { ...bearer(token), 'content-type': 'application/fhir+json' },
            payload: JSON.stringify(about),
          });
          const { statusCode } = response;
          assert.ok(statusCode < 500, `${file}: ${statusCode} ${response.body}`);
          if (statusCode === 201) {
            accepted++;
            const id = response.json<Resource>().id ?? '';
            const read = await relais.http.inject({
              url: `${FHIR_PREFIX}/${type}/${id}`,
              headers: bearer(token),
            });
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
          refusals.set(statusCode, (refusals.get(statusCode) ?? 0) + 1);
        }
        const refused = [...refusals].map(([status, count]) => `${count} × ${status}`).join(', ');
        t.diagnostic(
          `${type}: ${examples.length} examples, ${accepted} accepted, refused ${refused || 'none'}`,
        );
      });
    }
  });
}
