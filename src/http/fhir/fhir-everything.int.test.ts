import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../../tests/support/factories.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { validateFhirResource } from '../../fhir/fhir-validator.ts';

/** More results than the record's "latest" shows: $everything gives them all. */
const RESULT_COUNT = 35;

const entries = (): ClinicalEntry[] => [
  {
    kind: 'condition',
    codeSystem: 'ICD-10',
    code: 'E11.9',
    display: 'Diabète de type 2',
    clinicalStatus: 'active',
    onsetDate: '2015-03-01',
  },
  {
    kind: 'medication',
    atcCode: 'A10BA02',
    name: 'Metformine 1000 mg',
    dosage: '1 cp matin et soir',
    startedOn: '2015-03-02',
    status: 'active',
  },
  { kind: 'allergy', substance: 'Pénicilline', reaction: 'Urticaire', criticality: 'high' },
  ...Array.from({ length: RESULT_COUNT }, (_, n): ClinicalEntry => ({
    kind: 'result',
    loincCode: '4548-4',
    display: 'HbA1c',
    valueNumeric: 6 + n / 10,
    valueText: null,
    unit: '%',
    referenceRange: null,
    interpretation: null,
    effectiveAt: new Date(Date.UTC(2024, 0, 1 + n)).toISOString(),
  })),
  {
    kind: 'document',
    typeCode: '11490-0',
    title: 'Lettre de liaison',
    mimeType: 'application/pdf',
    content: Uint8Array.from([37, 80, 68, 70]),
  },
];

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR Patient/$everything on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Awaited<ReturnType<typeof createProfessional>>;
    let patientId: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      gp = await createProfessional(relais);
      patientId = await createPatient(relais, [gp.practitionerId], { entries: entries() });
    });
    after(() => relais.close());

    const everything = (id: string, token: string) =>
      relais.http.inject({ url: `/fhir/R4/Patient/${id}/$everything`, headers: bearer(token) });

    test('the whole record as a searchset of valid R4 resources, in one audited read', async () => {
      const seq = await lastAuditSeq(relais);
      const response = await everything(patientId, gp.token);
      assert.equal(response.statusCode, 200, response.body);
      const bundle = response.json<Bundle>();
      assert.equal(bundle.type, 'searchset');
      const resources = (bundle.entry ?? []).map((entry) => entry.resource);
      assert.equal(bundle.total, resources.length);
      const types = resources.map((resource) => resource?.resourceType);
      assert.equal(types[0], 'Patient');
      assert.equal(resources[0]?.id, patientId);
      const count = (type: string) => types.filter((found) => found === type).length;
      assert.deepEqual(
        {
          CareTeam: count('CareTeam'),
          Condition: count('Condition'),
          MedicationStatement: count('MedicationStatement'),
          AllergyIntolerance: count('AllergyIntolerance'),
          Observation: count('Observation'),
          DocumentReference: count('DocumentReference'),
        },
        {
          CareTeam: 1,
          Condition: 1,
          MedicationStatement: 1,
          AllergyIntolerance: 1,
          Observation: RESULT_COUNT,
          DocumentReference: 1,
        },
      );
      for (const resource of resources) {
        assert.ok(resource !== undefined);
        assert.deepEqual(validateFhirResource(resource), [], `${resource.resourceType}/${resource.id ?? ''}`);
      }
      for (const entry of bundle.entry ?? [])
        assert.match(entry.fullUrl ?? '', new RegExp(`/fhir/R4/${entry.resource?.resourceType ?? ''}/`));
      const rows = await auditRowsAfter(relais, seq);
      assert.deepEqual(
        rows.map((row) => [row.patient_id, row.action, row.resource, row.outcome]),
        [[patientId, 'read', 'everything', 'allowed']],
      );
    });

    test('outside the care team: 403 and a denied row; an unknown patient: 404', async () => {
      const outsider = await createProfessional(relais);
      const seq = await lastAuditSeq(relais);
      const refused = await everything(patientId, outsider.token);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<OperationOutcome>().resourceType, 'OperationOutcome');
      assert.doesNotMatch(refused.body, /Diabète|Pénicilline/);
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => row.outcome),
        ['denied'],
      );
      const unknown = await everything('0190b5a2-0000-7000-8000-000000000000', gp.token);
      assert.equal(unknown.statusCode, 404);
    });

    test('the patient gets their own record, not another one', async () => {
      const own = await createPatientAccount(relais, patientId);
      const mine = await everything(patientId, own.token);
      assert.equal(mine.statusCode, 200);
      assert.equal((mine.json<Bundle>().entry?.[0]?.resource as Patient).id, patientId);
      const otherId = await createPatient(relais, [gp.practitionerId]);
      assert.equal((await everything(otherId, own.token)).statusCode, 403);
    });
  });
}
