import { after, before, describe, test } from 'node:test';
import type { Relais } from '../../app.ts';
import { createPatient, createProfessional } from '../../../tests/support/factories.ts';
import {
  describeExamplesPosted,
  postOfficialExamples,
  rowsIn,
} from '../../../tests/support/fhir-official-examples.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';

type Professional = Awaited<ReturnType<typeof createProfessional>>;

for (const { dialect, skip } of testDialects()) {
  describe(`the official R4 examples of Patient and Task on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Professional;
    let nurse: Professional;
    let patientId: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      [gp, nurse] = await Promise.all([createProfessional(relais), createProfessional(relais, 'nurse')]);
      patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
    });
    after(() => relais.close());

    // A Patient is a new patient: posted as it is (its generalPractitioner names the example's own).
    test('every Patient example is registered or refused with an OperationOutcome', async (t) => {
      const posted = await postOfficialExamples(relais, gp.token, 'Patient', {
        rebind: (resource) => resource,
        rows: () => rowsIn(relais, 'patients'),
      });
      t.diagnostic(describeExamplesPosted('Patient', posted));
    });

    // A Task is about one of the caller's patients, for someone of the team: its `for` and `owner`
    // are pointed at them, the rest is the example's.
    test('every Task example, for a patient of the caller, is taken or refused with an OperationOutcome', async (t) => {
      const posted = await postOfficialExamples(relais, gp.token, 'Task', {
        rebind: (resource) => ({
          ...resource,
          for: { reference: `Patient/${patientId}` },
          owner: { reference: `Practitioner/${nurse.practitionerId}` },
        }),
        rows: () => rowsIn(relais, 'tasks'),
      });
      t.diagnostic(describeExamplesPosted('Task', posted));
    });
  });
}
