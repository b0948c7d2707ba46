import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AllergyIntolerance,
  Bundle,
  CapabilityStatement,
  Condition,
  MedicationStatement,
  Observation,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { Relais } from '../../app.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import { accountIdOf, bearer, createPatient, createProfessional } from '../../../tests/support/factories.ts';
import {
  CLINICAL_TYPES,
  CODE_QUERY,
  clinicalResource,
  patientElementOf,
  type ClinicalType,
} from '../../../tests/support/fhir-clinical.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { SYSTEM } from '../../fhir/mappers/fhir-mapping.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** A copy of a resource without one of its optional elements. */
function without<R extends Resource>(resource: R, element: keyof R): R {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key !== element)) as R;
}

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

/** The domain's name of each type's entries, as the audit trail names what was read or written. */
const KIND: Readonly<Record<ClinicalType, string>> = {
  Condition: 'condition',
  Observation: 'result',
  MedicationStatement: 'medication',
  AllergyIntolerance: 'allergy',
};

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR clinical resources on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Awaited<ReturnType<typeof createProfessional>>;
    let outsider: Awaited<ReturnType<typeof createProfessional>>;
    let mine: string;
    let theirs: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      gp = await createProfessional(relais);
      outsider = await createProfessional(relais);
      mine = await createPatient(relais, [gp.practitionerId]);
      theirs = await createPatient(relais, [outsider.practitionerId]);
    });
    after(() => relais.close());

    const send = (path: string, request: InjectOptions, token: string) =>
      relais.http.inject({
        ...request,
        url: `${FHIR_PREFIX}${path}`,
        headers: { ...bearer(token), ...FHIR_JSON, ...request.headers },
      });
    const get = (path: string, token = gp.token) => send(path, {}, token);
    const post = (type: string, resource: unknown, token = gp.token, headers = {}) =>
      send(`/${type}`, { method: 'POST', payload: JSON.stringify(resource), headers }, token);
    const ids = async (url: string) => {
      const response = await get(url);
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      return (response.json<Bundle>().entry ?? []).map((entry) => entry.resource?.id);
    };
    /** Rows of the tables a clinical write touches. */
    const counts = async () => {
      const { rows } = await sql<Record<string, string>>`
        select (select count(*) from conditions) as conditions, (select count(*) from results) as results,
               (select count(*) from medications) as medications, (select count(*) from allergies) as allergies,
               (select count(*) from events) as events`.execute(relais.database.db);
      return rows[0];
    };

    for (const type of CLINICAL_TYPES) {
      test(`${type}: create answers the resource as a read of it does, read and search find it, each audited`, async () => {
        const gpAccount = await accountIdOf(relais, gp.token);
        let seq = await lastAuditSeq(relais);
        const created = await post(type, clinicalResource(type, mine));
        assert.equal(created.statusCode, 201, created.body);
        const resource = created.json<Resource>();
        assert.match(resource.id ?? '', /^[0-9a-f-]{36}$/);
        assert.ok(String(created.headers.location).endsWith(`${FHIR_PREFIX}/${type}/${resource.id ?? ''}`));
        assert.ok(resource.meta?.lastUpdated !== undefined, 'when it was recorded');
        assert.deepEqual((resource as unknown as Record<string, unknown>)[patientElementOf(type)], {
          reference: `Patient/${mine}`,
        });
        const audit = (await auditRowsAfter(relais, seq)).map((row) => [
          row.account_id,
          row.patient_id,
          row.action,
          row.resource,
          row.outcome,
        ]);
        // The create answers what it wrote, without reading it back: its audited write covers the answer.
        assert.deepEqual(audit, [[gpAccount, mine, 'write', KIND[type], 'allowed']]);

        seq = await lastAuditSeq(relais);
        const read = await get(`/${type}/${resource.id ?? ''}`);
        assert.equal(read.statusCode, 200, read.body);
        assert.deepEqual(read.json(), resource);
        assert.deepEqual(
          (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.action, row.outcome]),
          [[mine, 'read', 'allowed']],
        );

        seq = await lastAuditSeq(relais);
        const bundle = (await get(`/${type}?patient=${mine}`)).json<Bundle>();
        assert.equal(bundle.type, 'searchset');
        assert.ok(bundle.entry?.some((entry) => entry.resource?.id === resource.id));
        assert.equal(bundle.total, bundle.entry?.length);
        assert.deepEqual(
          (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.action, row.outcome]),
          [[mine, 'read', 'allowed']],
          'a search of one record is one audited read of it',
        );
        assert.ok(
          (await ids(`/${type}?patient=Patient/${mine}&_id=${resource.id ?? ''}`)).includes(resource.id),
        );
        if (type !== 'AllergyIntolerance')
          assert.deepEqual(await ids(`/${type}?subject=Patient/${mine}&_id=${resource.id ?? ''}`), [
            resource.id,
          ]);
        const code = CODE_QUERY[type];
        if (code !== null) {
          const [system = '', value = ''] = code.split('|');
          assert.ok(
            (await ids(`/${type}?patient=${mine}&code=${encodeURIComponent(code)}`)).includes(resource.id),
          );
          assert.ok(
            (await ids(`/${type}?patient=${mine}&code=${value}`)).includes(resource.id),
            'any system',
          );
          assert.deepEqual(
            await ids(`/${type}?patient=${mine}&code=${encodeURIComponent(`${system}|X99`)}`),
            [],
          );
          assert.deepEqual(
            await ids(`/${type}?patient=${mine}&code=${encodeURIComponent(`http://example.org|${value}`)}`),
            [],
            'another system',
          );
        }
        const today = new Date().toISOString().slice(0, 10);
        assert.ok((await ids(`/${type}?patient=${mine}&_lastUpdated=ge${today}`)).includes(resource.id));
        assert.deepEqual(await ids(`/${type}?patient=${mine}&_lastUpdated=lt${today}`), []);
      });
    }

    test('status, category and date parameters; paging and sorting', async () => {
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const condition = (code: string, status: string, onset: string) => ({
        ...clinicalResource('Condition', patientId),
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code }], text: code },
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }],
        },
        onsetDateTime: onset,
      });
      const made: string[] = [];
      for (const [code, status, onset] of [
        ['E11', 'active', '2019-03-01'],
        ['I10', 'active', '2015-06-10'],
        ['J45', 'resolved', '2001-09-20'],
      ] as const) {
        const response = await post('Condition', condition(code, status, onset));
        assert.equal(response.statusCode, 201, response.body);
        made.push(response.json<Resource>().id ?? '');
      }
      const [diabetes, hypertension, asthma] = made;
      const base = `/Condition?patient=${patientId}`;
      assert.deepEqual(await ids(base), [diabetes, hypertension, asthma], 'the latest onset first');
      assert.deepEqual(await ids(`${base}&clinical-status=resolved`), [asthma]);
      assert.deepEqual(
        await ids(`${base}&clinical-status=http://terminology.hl7.org/CodeSystem/condition-clinical|active`),
        [diabetes, hypertension],
      );
      assert.deepEqual(await ids(`${base}&clinical-status=http://example.org|active`), []);
      assert.deepEqual((await ids(`${base}&category=problem-list-item`)).length, 3);
      assert.deepEqual(await ids(`${base}&category=encounter-diagnosis`), []);
      assert.deepEqual(await ids(`${base}&onset-date=2015`), [hypertension]);
      assert.deepEqual(await ids(`${base}&onset-date=ge2015-06-10&onset-date=lt2019-03-01`), [hypertension]);
      assert.deepEqual(await ids(`${base}&code=E11,J45`), [diabetes, asthma]);
      assert.deepEqual(await ids(`${base}&_sort=onset-date`), [asthma, hypertension, diabetes]);
      const page = (await get(`${base}&_count=2&_sort=-onset-date`)).json<Bundle>();
      assert.equal(page.total, 3);
      assert.deepEqual(
        page.entry?.map((entry) => entry.resource?.id),
        [diabetes, hypertension],
      );
      const next = page.link?.find((link) => link.relation === 'next')?.url ?? '';
      assert.match(next, /_offset=2/);
      assert.deepEqual(await ids(next.slice(next.indexOf('/Condition'))), [asthma]);

      const observation = async (code: string, at: string) => {
        const response = await post('Observation', {
          ...clinicalResource('Observation', patientId),
          code: { coding: [{ system: 'http://loinc.org', code }], text: code },
          effectiveDateTime: at,
        });
        assert.equal(response.statusCode, 201, response.body);
        return response.json<Resource>().id;
      };
      const older = await observation('4548-4', '2025-01-10T09:00:00+01:00');
      const newer = await observation('2160-0', '2026-02-01T07:30:00Z');
      const results = `/Observation?patient=${patientId}`;
      assert.deepEqual(await ids(results), [newer, older]);
      assert.deepEqual(await ids(`${results}&date=2025-01-10`), [older]);
      assert.deepEqual(await ids(`${results}&date=gt2025-01-10T08:00:00Z`), [newer]);
      assert.deepEqual(await ids(`${results}&status=final`), [newer, older]);
      assert.deepEqual(await ids(`${results}&status=preliminary`), []);

      const stopped = await post('MedicationStatement', {
        ...clinicalResource('MedicationStatement', patientId),
        status: 'completed',
      });
      assert.equal(stopped.statusCode, 201, stopped.body);
      const treatments = `/MedicationStatement?patient=${patientId}`;
      assert.deepEqual(await ids(`${treatments}&status=stopped`), [stopped.json<Resource>().id]);
      assert.deepEqual(await ids(`${treatments}&status=active`), []);
      assert.deepEqual((await ids(`${treatments}&effective=2020-01`)).length, 1);
    });

    test('out of reach: read and search refused (403, audited), never counted; unknown ids are 404', async () => {
      const theirCondition = await post('Condition', clinicalResource('Condition', theirs), outsider.token);
      assert.equal(theirCondition.statusCode, 201, theirCondition.body);
      const id = theirCondition.json<Resource>().id ?? '';
      const seq = await lastAuditSeq(relais);
      const read = await get(`/Condition/${id}`);
      assert.equal(read.statusCode, 403, read.body);
      assert.equal(read.json<OperationOutcome>().issue[0]?.code, 'forbidden');
      const search = await get(`/Condition?patient=${theirs}`);
      assert.equal(search.statusCode, 403);
      assert.ok(!search.body.includes(id) && !search.body.includes('"total"'));
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.action, row.outcome]),
        [
          [theirs, 'read', 'denied'],
          [theirs, 'read', 'denied'],
        ],
      );
      // Their entry's id asked within my patient's record: not there, not counted.
      const within = (await get(`/Condition?patient=${mine}&_id=${id}`)).json<Bundle>();
      assert.equal(within.total, 0);
      for (const url of [
        '/Condition/00000000-0000-4000-8000-000000000000',
        '/Observation/not-an-id',
        `/MedicationStatement/${id}`,
      ]) {
        const response = await get(url);
        assert.equal(response.statusCode, 404, url);
        assert.equal(response.json<OperationOutcome>().issue[0]?.code, 'not-found');
      }
      assert.equal(
        (await get('/AllergyIntolerance?patient=00000000-0000-4000-8000-000000000000')).statusCode,
        404,
      );
      assert.equal((await get('/AllergyIntolerance?patient=nobody')).statusCode, 404);
    });

    test('the objected professional is refused; one the patient restricted a category from sees what the record shows', async () => {
      const nurse = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      for (const type of CLINICAL_TYPES)
        assert.equal((await post(type, clinicalResource(type, patientId))).statusCode, 201);
      const choose = (payload: Record<string, unknown>) =>
        relais.http.inject({
          method: 'POST',
          url: `/api/patients/${patientId}/sharing-choices`,
          headers: bearer(gp.token),
          payload,
        });
      const restriction = await choose({
        kind: 'restriction',
        category: 'mental-health',
        allowedPractitionerIds: [gp.practitionerId],
      });
      assert.equal(restriction.statusCode, 201, restriction.body);
      const record = await relais.http.inject({
        url: `/api/patients/${patientId}`,
        headers: bearer(nurse.token),
      });
      const shown = record.json<{
        access: { hiddenCategories: string[] };
        conditions: { id: string }[];
        medications: { id: string }[];
        allergies: { id: string }[];
        latestResults: { id: string }[];
      }>();
      assert.deepEqual(shown.access.hiddenCategories, ['mental-health']);
      const recordIds: Record<ClinicalType, string[]> = {
        Condition: shown.conditions.map((entry) => entry.id),
        Observation: shown.latestResults.map((entry) => entry.id),
        MedicationStatement: shown.medications.map((entry) => entry.id),
        AllergyIntolerance: shown.allergies.map((entry) => entry.id),
      };
      for (const type of CLINICAL_TYPES) {
        const found = (await get(`/${type}?patient=${patientId}`, nurse.token)).json<Bundle>();
        assert.deepEqual(
          (found.entry ?? []).map((entry) => entry.resource?.id).sort(),
          [...recordIds[type]].sort(),
          `${type}: FHIR shows the restricted professional what the record read shows them`,
        );
      }
      assert.equal(
        (await choose({ kind: 'objection', practitionerId: nurse.practitionerId })).statusCode,
        201,
      );
      const [someId] = recordIds.Condition;
      assert.equal((await get(`/Condition/${someId ?? ''}`, nurse.token)).statusCode, 403);
      assert.equal((await get(`/Condition?patient=${patientId}`, nurse.token)).statusCode, 403);
    });

    test('bad input: 4xx OperationOutcome naming what is wrong, nothing written', async () => {
      const refused = async (
        type: string,
        resource: unknown,
        status: number,
        diagnostics: RegExp,
        expression?: string,
      ) => {
        const before = await counts();
        const response = await post(type, resource);
        assert.equal(response.statusCode, status, response.body);
        const outcome = response.json<OperationOutcome>();
        assert.equal(outcome.resourceType, 'OperationOutcome');
        assert.ok(
          outcome.issue.some((issue) => diagnostics.test(issue.diagnostics ?? issue.details?.text ?? '')),
          `no issue says ${String(diagnostics)}: ${response.body}`,
        );
        if (expression !== undefined)
          assert.ok(
            outcome.issue.some((issue) => issue.expression?.includes(expression)),
            `no issue at ${expression}: ${response.body}`,
          );
        assert.deepEqual(await counts(), before, 'nothing written');
      };
      const condition = clinicalResource('Condition', mine);
      await refused('Condition', { ...condition, onsetDateTime: 20190301 }, 400, /./, 'Condition.onset[x]');
      await refused('Condition', { ...condition, favouriteColour: 'blue' }, 400, /favouriteColour/i);
      await refused(
        'Condition',
        clinicalResource('Observation', mine),
        400,
        /resourceType must be 'Condition'/,
      );
      await refused(
        'Observation',
        { ...clinicalResource('Observation', mine), valueQuantity: { value: 'seven' } },
        400,
        /./,
        'Observation.value[x].value',
      );
      await refused(
        'Condition',
        { ...condition, code: { coding: [{ system: 'http://example.org', code: 'x' }], text: 'x' } },
        422,
        /needs a code of/,
        'Condition.code.coding',
      );
      await refused(
        'MedicationStatement',
        { ...clinicalResource('MedicationStatement', mine), dosage: undefined },
        422,
        /dosage/,
        'MedicationStatement.dosage',
      );
      await refused(
        'Observation',
        { ...clinicalResource('Observation', mine), status: 'preliminary' },
        422,
        /reported/,
      );
      await refused('Condition', { ...condition, onsetDateTime: '2999-01-01' }, 422, /in the future/);
      await refused('Condition', { ...condition, subject: { reference: 'Group/1' } }, 422, /Patient/);
      await refused(
        'Condition',
        clinicalResource('Condition', theirs),
        403,
        /not in the patient's care team/,
      );
      await refused(
        'AllergyIntolerance',
        clinicalResource('AllergyIntolerance', '00000000-0000-4000-8000-000000000000'),
        404,
        /no patient/,
      );
      await refused('Condition', clinicalResource('Condition', 'example'), 404, /no patient/);
    });

    test('searches: an unsupported parameter, a missing or doubled patient, a bad value are 400', async () => {
      for (const [url, said] of [
        [`/Condition?patient=${mine}&severity=severe`, /'severity' is not supported/],
        [`/Observation?patient=${mine}&category=laboratory`, /'category' is not supported/],
        [`/AllergyIntolerance?patient=${mine}&code=x`, /'code' is not supported/],
        [`/AllergyIntolerance?subject=Patient/${mine}`, /'subject' is not supported/],
        ['/Condition?code=E11', /must name one patient/],
        [`/Condition?patient=${mine}&patient=${theirs}`, /one patient/],
        [`/Condition?subject=Group/1`, /must name a Patient/],
        [`/Observation?patient=${mine}&date=1/1/2025`, /must be a date/],
        [`/MedicationStatement?patient=${mine}&_sort=name`, /cannot sort by 'name'/],
      ] as const) {
        const response = await get(url);
        assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
        assert.match(response.json<OperationOutcome>().issue[0]?.diagnostics ?? '', said, url);
      }
    });

    test('conditional create finds the entry already recorded, within the record it names', async () => {
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const resource = clinicalResource('Condition', patientId);
      const ifNoneExist = { 'if-none-exist': `patient=${patientId}&code=http://hl7.org/fhir/sid/icd-10|E11` };
      const first = await post('Condition', resource, gp.token, ifNoneExist);
      assert.equal(first.statusCode, 201, first.body);
      const again = await post('Condition', resource, gp.token, ifNoneExist);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json<Resource>().id, first.json<Resource>().id);
      assert.equal((await ids(`/Condition?patient=${patientId}`)).length, 1);
    });

    // Values that the store gives back in its own form: instants in UTC, dates, decimals, absent parts.
    const observation = () => clinicalResource('Observation', mine) as Observation;
    const VARIANTS: readonly (readonly [string, () => Resource])[] = [
      [
        'an Observation at a local time, with a decimal, a range and an interpretation',
        () => ({
          ...observation(),
          effectiveDateTime: '2026-09-30T10:15:30.25+02:00',
          valueQuantity: { value: 0.1 + 0.2, unit: 'mmol/L', system: SYSTEM.ucum, code: 'mmol/L' },
          referenceRange: [{ low: { value: 3.5 }, high: { value: 5, unit: 'mmol/L' } }],
          interpretation: [{ coding: [{ system: INTERPRETATION, code: 'H' }] }],
        }),
      ],
      [
        'an Observation of a whole day, in words',
        () => ({
          ...without(observation(), 'valueQuantity'),
          effectiveDateTime: '2026-09-29',
          valueString: 'traces',
        }),
      ],
      [
        'a SNOMED CT Condition with no onset',
        () => {
          return {
            ...without(clinicalResource('Condition', mine) as Condition, 'onsetDateTime'),
            code: { coding: [{ system: SYSTEM.snomed, code: '38341003' }], text: 'Hypertension' },
          };
        },
      ],
      [
        'a completed MedicationStatement with no ATC code and no start',
        () => {
          return {
            ...without(
              clinicalResource('MedicationStatement', mine) as MedicationStatement,
              'effectivePeriod',
            ),
            status: 'completed',
            medicationCodeableConcept: { text: 'Préparation magistrale' },
          };
        },
      ],
      [
        'an AllergyIntolerance of low criticality with no reaction',
        () => {
          return {
            ...without(clinicalResource('AllergyIntolerance', mine) as AllergyIntolerance, 'reaction'),
            criticality: 'low',
          };
        },
      ],
    ];
    for (const [title, build] of VARIANTS) {
      test(`${title}: the create's answer equals a later read`, async () => {
        const variant = build();
        const created = await post(variant.resourceType, variant);
        assert.equal(created.statusCode, 201, created.body);
        const resource = created.json<Resource>();
        const read = await get(`/${variant.resourceType}/${resource.id ?? ''}`);
        assert.equal(read.statusCode, 200, read.body);
        assert.deepEqual(resource, read.json());
      });
    }

    test('the CapabilityStatement lists the four types, their search parameters, and that a search needs a patient', async () => {
      const statement = (await get('/metadata')).json<CapabilityStatement>();
      const resources = statement.rest?.[0]?.resource ?? [];
      for (const type of CLINICAL_TYPES) {
        const listed = resources.find((resource) => resource.type === type);
        assert.ok(listed !== undefined, type);
        assert.deepEqual(listed.interaction?.map((interaction) => interaction.code).sort(), [
          'create',
          'read',
          'search-type',
        ]);
        assert.equal(listed.versioning, 'no-version');
        assert.match(listed.documentation ?? '', /patient=<id>/);
        for (const parameter of listed.searchParam ?? []) {
          const value =
            parameter.type === 'date' ? '2000' : parameter.type === 'reference' ? `Patient/${mine}` : 'ab';
          const response = await get(`/${type}?patient=${mine}&${parameter.name}=${value}`);
          assert.equal(response.statusCode, 200, `${type} ${parameter.name}: ${response.body}`);
        }
      }
    });
  });
}
