import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bundle, BundleEntry, Condition, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import type { Relais } from '../../app.ts';
import { syntheticPatientBundle } from '../../../bench/synthetic-bundles.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import { bearer, createPatient, createProfessional } from '../../../tests/support/factories.ts';
import { fhirPatient } from '../../../tests/support/fhir-patients.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { createBundleProcessor } from '../../fhir/exchange/bundle-processor.ts';
import { MAX_BUNDLE_ENTRIES } from '../../fhir/exchange/bundle-request.ts';
import { FhirError } from '../../fhir/fhir-error.ts';
import { conditionFromFhir } from '../../fhir/mappers/condition-mapper.ts';
import { patientModule } from '../../fhir/patient/patient-module.ts';
import type { FhirCaller, ResourceModule } from '../../fhir/resource-module.ts';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

/** A transaction or batch of the given entries. */
const bundleOf = (type: 'transaction' | 'batch', entry: BundleEntry[]): Bundle => ({
  resourceType: 'Bundle',
  type,
  entry,
});

/** A create of a Patient in a Bundle. */
const postPatient = (patient: Patient, fullUrl?: string): BundleEntry => ({
  ...(fullUrl === undefined ? {} : { fullUrl }),
  resource: patient,
  request: { method: 'POST', url: 'Patient' },
});

/**
 * A Condition module as small as the real one will be (map, then the record's use case through the
 * gate), for the references between entries until the served Condition module is merged.
 */
function testConditionModule(relais: Relais): ResourceModule {
  const module: ResourceModule<Condition> = {
    type: 'Condition',
    searchParams: [],
    sortable: [],
    async create({ principal, origin }, resource) {
      const { patientId, entry } = conditionFromFhir(resource);
      const { id } = await relais.services.record.addEntry(principal, patientId, entry, origin);
      return { resource: { ...resource, id }, created: true };
    },
  };
  return module as unknown as ResourceModule;
}

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR transaction and batch Bundles on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let token: string;
    let practitionerId: string;

    before(async () => {
      relais = await startTestRelais(dialect);
      ({ token, practitionerId } = await createProfessional(relais));
    });
    after(() => relais.close());

    /** Rows of every table a Bundle of patients and problems writes, the journal and the audit trail. */
    const counts = async () => {
      const { rows } = await sql<Record<string, string>>`
        select (select count(*) from patients) as patients,
               (select count(*) from patient_identity_versions) as versions,
               (select count(*) from care_team_members) as members,
               (select count(*) from conditions) as conditions,
               (select count(*) from events) as events,
               (select count(*) from audit_entries) as audit`.execute(relais.database.db);
      return rows[0];
    };

    const post = (body: unknown, token_ = token) =>
      relais.http.inject({
        method: 'POST',
        url: '/fhir/R4',
        headers: { ...bearer(token_), ...FHIR_JSON },
        payload: JSON.stringify(body),
      });

    test('a transaction creates patients and answers each entry in order, with its location and ETag', async () => {
      const first = fhirPatient();
      const second = fhirPatient({ name: [{ use: 'official', family: 'Transac', given: ['Zoé'] }] });
      const seq = await lastAuditSeq(relais);
      const response = await post(bundleOf('transaction', [postPatient(first), postPatient(second)]));
      assert.equal(response.statusCode, 200, response.body);
      const answer = response.json<Bundle>();
      assert.equal(answer.type, 'transaction-response');
      // The accesses the transaction made commit with it: each patient's registration, which also
      // covers the version it answers.
      const ids = (answer.entry ?? []).map((entry) => entry.response?.location?.split('/')[1]);
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.action, row.outcome]).sort(),
        ids.map((id) => [id, 'write', 'allowed']).sort(),
      );
      assert.equal(answer.entry?.length, 2);
      for (const entry of answer.entry ?? []) {
        assert.equal(entry.response?.status, '201 Created');
        assert.match(entry.response.location ?? '', /^Patient\/[0-9a-f-]{36}\/_history\/1$/);
        assert.equal(entry.response.etag, 'W/"1"');
      }
      const [created] = answer.entry ?? [];
      const read = await relais.http.inject({
        url: `/fhir/R4/${created?.fullUrl ?? ''}`,
        headers: bearer(token),
      });
      assert.equal(read.statusCode, 200);
      assert.equal(read.json<Patient>().name?.[0]?.family, first.name?.[0]?.family);
      // The answer is the version as written, exactly what a read of it gives.
      assert.deepEqual(created?.resource, read.json<Patient>());
    });

    test('a transaction whose last entry is invalid writes nothing and names that entry', async () => {
      const before = await counts();
      const invalid = fhirPatient({ birthDate: 'not a date' });
      const response = await post(
        bundleOf('transaction', [
          postPatient(fhirPatient()),
          postPatient(fhirPatient()),
          postPatient(invalid),
        ]),
      );
      assert.equal(response.statusCode, 400, response.body);
      const outcome = response.json<OperationOutcome>();
      assert.equal(outcome.resourceType, 'OperationOutcome');
      assert.ok(
        outcome.issue.some(
          (issue) =>
            /^entry 2 \(POST Patient\)/.test(issue.diagnostics ?? '') &&
            issue.expression?.some((path) => path.startsWith('Bundle.entry[2].resource')),
        ),
        response.body,
      );
      assert.deepEqual(await counts(), before);
    });

    test('a transaction refused by a business rule on its last entry leaves no patient, event or audit row', async () => {
      const before = await counts();
      const seq = await lastAuditSeq(relais);
      // Naming someone else as médecin traitant is refused (422) after the first two were registered.
      const foreignGp = fhirPatient({ generalPractitioner: [{ reference: 'Practitioner/someone-else' }] });
      const response = await post(
        bundleOf('transaction', [
          postPatient(fhirPatient()),
          postPatient(fhirPatient()),
          postPatient(foreignGp),
        ]),
      );
      assert.equal(response.statusCode, 422, response.body);
      assert.match(response.body, /entry 2 \(POST Patient\)/);
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await auditRowsAfter(relais, seq), []);
    });

    test('a transaction with a duplicate INS in its second entry rolls back the first (409)', async () => {
      const patient = fhirPatient();
      const before = await counts();
      const response = await post(bundleOf('transaction', [postPatient(patient), postPatient(patient)]));
      assert.equal(response.statusCode, 409, response.body);
      assert.match(response.body, /entry 1 \(POST Patient\)/);
      assert.deepEqual(await counts(), before);
    });

    test('an update in a transaction checks If-Match; a stale one rolls back the creates (412)', async () => {
      const patientId = await createPatient(relais, [practitionerId]);
      const current = await relais.http.inject({
        url: `/fhir/R4/Patient/${patientId}`,
        headers: bearer(token),
      });
      const changed = { ...current.json<Patient>(), birthDate: '1980-05-13' };
      const update = (ifMatch: string): BundleEntry => ({
        resource: changed,
        request: { method: 'PUT', url: `Patient/${patientId}`, ifMatch },
      });
      const before = await counts();
      const stale = await post(bundleOf('transaction', [postPatient(fhirPatient()), update('W/"7"')]));
      assert.equal(stale.statusCode, 412, stale.body);
      assert.deepEqual(await counts(), before);
      const right = await post(bundleOf('transaction', [update('W/"1"')]));
      assert.equal(right.statusCode, 200, right.body);
      assert.equal(right.json<Bundle>().entry?.[0]?.response?.etag, 'W/"2"');
    });

    test('a conditional create in a transaction finds the existing patient (200, nothing written)', async () => {
      const patient = fhirPatient();
      const [system, value] = [patient.identifier?.[0]?.system ?? '', patient.identifier?.[0]?.value ?? ''];
      const entry = (): BundleEntry => ({
        resource: patient,
        request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${system}|${value}` },
      });
      const first = await post(bundleOf('transaction', [entry()]));
      assert.equal(first.json<Bundle>().entry?.[0]?.response?.status, '201 Created');
      const before = await counts();
      const again = await post(bundleOf('transaction', [entry()]));
      assert.equal(again.statusCode, 200, again.body);
      const [answer] = again.json<Bundle>().entry ?? [];
      assert.equal(answer?.response?.status, '200 OK');
      assert.equal(answer.fullUrl, first.json<Bundle>().entry?.[0]?.fullUrl);
      const after = await counts();
      assert.deepEqual({ ...after, audit: before?.audit }, before, 'only the search hit is audited');
    });

    test('a batch answers every entry: created, refused with its OperationOutcome, malformed', async () => {
      const before = await counts();
      const response = await post(
        bundleOf('batch', [
          postPatient(fhirPatient()),
          postPatient(fhirPatient({ birthDate: '31/12/1980' })),
          {
            resource: fhirPatient(),
            request: { method: 'DELETE', url: 'Patient/x' },
          } as unknown as BundleEntry,
          postPatient(fhirPatient()),
          {
            resource: { resourceType: 'Basic', code: { text: 'x' } },
            request: { method: 'POST', url: 'Basic' },
          },
        ]),
      );
      assert.equal(response.statusCode, 200, response.body);
      const answer = response.json<Bundle>();
      assert.equal(answer.type, 'batch-response');
      const statuses = (answer.entry ?? []).map((entry) => entry.response?.status);
      assert.deepEqual(statuses, ['201 Created', '400', '400', '201 Created', '405']);
      const refused = answer.entry?.[1]?.response?.outcome as OperationOutcome;
      assert.equal(refused.resourceType, 'OperationOutcome');
      assert.ok(refused.issue.some((issue) => issue.expression?.some((path) => path.includes('birthDate'))));
      assert.match(JSON.stringify(answer.entry?.[2]), /only POST \(create\) and PUT \(update\)/);
      assert.match(JSON.stringify(answer.entry?.[4]), /Basic resources are not created by Relais/);
      assert.equal(Number(present(await counts()).patients) - Number(before?.patients), 2);
    });

    test('a batch entry may not reference another entry: that one is refused, the others go on', async () => {
      const response = await post(
        bundleOf('batch', [
          postPatient(fhirPatient(), 'urn:uuid:6f1c9a3e-0000-4000-8000-000000000001'),
          {
            resource: {
              resourceType: 'Condition',
              subject: { reference: 'urn:uuid:6f1c9a3e-0000-4000-8000-000000000001' },
            },
            request: { method: 'POST', url: 'Condition' },
          },
        ]),
      );
      const statuses = (response.json<Bundle>().entry ?? []).map((entry) => entry.response?.status);
      assert.deepEqual(statuses, ['201 Created', '400']);
      assert.match(response.body, /send a transaction/);
    });

    test('Bundles refused whole: too many entries (413), not a transaction or batch, bad references', async () => {
      const entries = Array.from({ length: MAX_BUNDLE_ENTRIES + 1 }, () => postPatient(fhirPatient()));
      const before = await counts();
      const tooMany = await post(bundleOf('transaction', entries));
      assert.equal(tooMany.statusCode, 413, tooMany.body.slice(0, 500));
      assert.match(tooMany.body, /at most 1000 are taken in one Bundle/);
      const cases: [unknown, RegExp][] = [
        [{ resourceType: 'Bundle', type: 'collection', entry: [] }, /must be 'transaction' or 'batch'/],
        [fhirPatient(), /resourceType must be 'Bundle'/],
        [
          bundleOf('transaction', [
            {
              resource: {
                resourceType: 'Condition',
                subject: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000009' },
              },
              request: { method: 'POST', url: 'Condition' },
            },
          ]),
          /no create \(POST\) of this Bundle has as its fullUrl/,
        ],
        [
          bundleOf('transaction', [
            { resource: fhirPatient(), request: { method: 'POST', url: 'Observation' } },
          ]),
          /the resource is a Patient, the request names Observation/,
        ],
        [
          bundleOf('transaction', [{ resource: fhirPatient(), request: { method: 'PUT', url: 'Patient' } }]),
          /request.url must be 'Type\/id' for a PUT/,
        ],
      ];
      for (const [body, message] of cases) {
        const response = await post(body);
        assert.equal(response.statusCode, 400, response.body);
        assert.match(response.body, message);
      }
      assert.deepEqual(await counts(), before);
    });

    test('a denied access inside a transaction is audited though the transaction is rolled back', async () => {
      const other = await createProfessional(relais);
      const notTheirs = await createPatient(relais, [other.practitionerId]);
      const current = await relais.http.inject({
        url: `/fhir/R4/Patient/${notTheirs}`,
        headers: bearer(other.token),
      });
      const seq = await lastAuditSeq(relais);
      const before = await counts();
      const response = await post(
        bundleOf('transaction', [
          postPatient(fhirPatient()),
          { resource: current.json<Patient>(), request: { method: 'PUT', url: `Patient/${notTheirs}` } },
        ]),
      );
      assert.equal(response.statusCode, 403, response.body);
      const rows = await auditRowsAfter(relais, seq);
      assert.deepEqual(
        rows.map((row) => [row.patient_id, row.outcome]),
        [[notTheirs, 'denied']],
        'the denial stays; the registration rolled back leaves no row',
      );
      assert.equal(present(await counts()).patients, before?.patients);
    });

    describe('references between entries (with a test Condition module)', () => {
      let caller: FhirCaller;
      const bundles = () =>
        createBundleProcessor(
          [
            patientModule(relais.services.patientIdentities) as unknown as ResourceModule,
            testConditionModule(relais),
          ],
          relais.services.unitOfWork,
        );
      before(async () => {
        const account = await relais.database.db
          .selectFrom('accounts')
          .select('id')
          .where('practitioner_id', '=', practitionerId)
          .executeTakeFirstOrThrow();
        caller = {
          principal: { kind: 'professional', accountId: account.id, practitionerId, roles: [] },
          origin: { clientAddress: null },
        };
      });

      test('creates come first, a urn:uuid reference becomes the created patient, in one transaction', async () => {
        const bundle = syntheticPatientBundle(42);
        const [patientEntry, ...rest] = bundle.entry ?? [];
        const conditions = rest.filter((entry) => entry.resource?.resourceType === 'Condition');
        // The problems first: the transaction orders the Patient they reference before them.
        const answer = await bundles().process(caller, { ...bundle, entry: [...conditions, patientEntry] });
        const entries = answer.entry ?? [];
        const patientRef = entries.at(-1)?.fullUrl ?? '';
        assert.match(patientRef, /^Patient\/[0-9a-f-]{36}$/);
        for (const entry of entries.slice(0, -1))
          assert.equal((entry.resource as Condition).subject.reference, patientRef);
        const rows = await relais.database.db
          .selectFrom('conditions')
          .select('code')
          .where('patient_id', '=', patientRef.slice('Patient/'.length))
          .execute();
        assert.equal(rows.length, 3);
      });

      test('an invalid last Condition rolls back the Patient and the problems before it', async () => {
        const bundle = syntheticPatientBundle(43);
        const [patientEntry, ...rest] = bundle.entry ?? [];
        const conditions = rest.filter((entry) => entry.resource?.resourceType === 'Condition');
        const broken = structuredClone(conditions[2]) as BundleEntry<Condition>;
        if (broken.resource !== undefined)
          broken.resource.code = { coding: [{ system: 'urn:x', code: 'y' }] };
        const before = await counts();
        await assert.rejects(
          bundles().process(caller, {
            ...bundle,
            entry: [patientEntry, conditions[0], conditions[1], broken],
          }),
          (error: unknown) =>
            error instanceof FhirError &&
            error.status === 422 &&
            error.issues.some(
              (issue) =>
                /^entry 3 \(POST Condition\): Condition.code.coding/.test(issue.diagnostics ?? '') &&
                issue.expression?.[0] === 'Bundle.entry[3]',
            ),
        );
        assert.deepEqual(await counts(), before);
      });
    });
  });
}

/** The counts, non-null for the test's comparisons. */
function present(counts: Record<string, string> | undefined): Record<string, string> {
  assert.ok(counts !== undefined);
  return counts;
}
