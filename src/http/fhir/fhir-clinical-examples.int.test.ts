import { after, before, describe, test } from 'node:test';
import type { Relais } from '../../app.ts';
import { createPatient, createProfessional } from '../../../tests/support/factories.ts';
import { CLINICAL_TYPES, ENTRY_TABLE, patientElementOf } from '../../../tests/support/fhir-clinical.ts';
import {
  describeExamplesPosted,
  postOfficialExamples,
  rowsIn,
} from '../../../tests/support/fhir-official-examples.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';

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
        const posted = await postOfficialExamples(relais, token, type, {
          rebind: (resource) => ({
            ...resource,
            [patientElementOf(type)]: { reference: `Patient/${patientId}` },
          }),
          rows: () => rowsIn(relais, ENTRY_TABLE[type]),
        });
        t.diagnostic(describeExamplesPosted(type, posted));
      });
    }
  });
}
