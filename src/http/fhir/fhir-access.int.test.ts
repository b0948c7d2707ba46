import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bundle, CapabilityStatement, OperationOutcome, Patient } from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../../tests/support/factories.ts';
import { fhirPatient, insToken } from '../../../tests/support/fhir-patients.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { SESSION_COOKIE } from '../authentication.ts';
import { CSRF_HEADER, csrfTokenOf } from '../csrf.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR access and audit on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Awaited<ReturnType<typeof createProfessional>>;
    let outsider: Awaited<ReturnType<typeof createProfessional>>;
    before(async () => {
      relais = await startTestRelais(dialect);
      gp = await createProfessional(relais);
      outsider = await createProfessional(relais);
    });
    after(() => relais.close());

    const get = (url: string, token: string | null) =>
      relais.http.inject({ url: `${FHIR_PREFIX}${url}`, headers: token === null ? {} : bearer(token) });

    test('a read is audited; outside the care team it is 403 (audited too); the patient reads their own', async () => {
      const patientId = await createPatient(relais, [gp.practitionerId]);
      let seq = await lastAuditSeq(relais);
      const read = await get(`/Patient/${patientId}`, gp.token);
      assert.equal(read.statusCode, 200);
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => [
          row.account_id,
          row.patient_id,
          row.action,
          row.outcome,
        ]),
        [[await accountIdOf(relais, gp.token), patientId, 'read', 'allowed']],
      );

      seq = await lastAuditSeq(relais);
      const refused = await get(`/Patient/${patientId}`, outsider.token);
      assert.equal(refused.statusCode, 403);
      const outcome = refused.json<OperationOutcome>();
      assert.equal(outcome.issue[0]?.code, 'forbidden');
      assert.match(outcome.issue[0].diagnostics ?? '', /not in the patient's care team/);
      assert.ok(!refused.body.includes('Lefèvre'), 'the refusal names nobody');
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => row.outcome),
        ['denied'],
      );
      for (const url of [`/Patient/${patientId}/_history`, `/Patient/${patientId}/_history/1`])
        assert.equal((await get(url, outsider.token)).statusCode, 403, url);

      const own = await createPatientAccount(relais, patientId);
      assert.equal((await get(`/Patient/${patientId}`, own.token)).json<Patient>().id, patientId);
      const otherId = await createPatient(relais, [gp.practitionerId]);
      assert.equal((await get(`/Patient/${otherId}`, own.token)).statusCode, 403);
      assert.equal((await get('/Patient?name=lef', own.token)).statusCode, 403, 'patients do not search');
    });

    test('anonymous callers get 401 everywhere but the CapabilityStatement', async () => {
      const patientId = await createPatient(relais, [gp.practitionerId]);
      for (const url of [`/Patient/${patientId}`, '/Patient?name=lef', `/Patient/${patientId}/_history`]) {
        const response = await get(url, null);
        assert.equal(response.statusCode, 401, url);
        assert.equal(response.json<OperationOutcome>().issue[0]?.code, 'login');
      }
      const create = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: FHIR_JSON,
        payload: JSON.stringify(fhirPatient()),
      });
      assert.equal(create.statusCode, 401);
      assert.equal((await get('/metadata', null)).statusCode, 200);
    });

    test('a cookie session writes only with the CSRF header, as under /api', async () => {
      const cookie = { cookie: `${SESSION_COOKIE}=${gp.token}` };
      const payload = JSON.stringify(fhirPatient());
      const forged = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: { ...cookie, ...FHIR_JSON },
        payload,
      });
      assert.equal(forged.statusCode, 403);
      assert.match(forged.json<OperationOutcome>().issue[0]?.diagnostics ?? '', /x-csrf-token/);
      const sent = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: { ...cookie, ...FHIR_JSON, [CSRF_HEADER]: csrfTokenOf(gp.token) },
        payload,
      });
      assert.equal(sent.statusCode, 201, sent.body);
    });

    test('search results and totals count only patients within reach; every hit is audited', async () => {
      const family = `Zorglub${String(Date.now()).slice(-6)}`;
      const mine = await Promise.all(
        ['Anne', 'Bruno', 'Chloé'].map((given) =>
          createPatient(relais, [gp.practitionerId], {
            identity: { birthFamilyName: family, firstGivenName: given, givenNames: given },
          }),
        ),
      );
      const theirs = await createPatient(relais, [outsider.practitionerId], {
        identity: { birthFamilyName: family, firstGivenName: 'Zoé', givenNames: 'Zoé' },
      });
      const seq = await lastAuditSeq(relais);
      const page = (await get(`/Patient?family=${family}&_count=2&_sort=given`, gp.token)).json<
        Bundle<Patient>
      >();
      assert.equal(page.total, 3, 'the outsider’s patient is not counted');
      assert.deepEqual(
        page.entry?.map((entry) => entry.resource?.name?.[0]?.given?.[0]),
        ['Anne', 'Bruno'],
      );
      const next = page.link?.find((link) => link.relation === 'next')?.url ?? '';
      assert.match(next, /_offset=2/);
      const second = (await get(next.slice(next.indexOf('/Patient')), gp.token)).json<Bundle<Patient>>();
      assert.deepEqual(
        second.entry?.map((entry) => entry.resource?.id),
        [mine[2]],
      );
      assert.ok(second.link?.some((link) => link.relation === 'previous'));
      const hits = (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.action]);
      assert.deepEqual(
        hits.sort(),
        [
          [mine[0], 'search'],
          [mine[1], 'search'],
          [mine[2], 'search'],
        ].sort(),
      );
      const descending = (await get(`/Patient?family=${family}&_sort=-given`, gp.token)).json<
        Bundle<Patient>
      >();
      assert.equal(descending.entry?.[0]?.resource?.id, mine[2]);
      const outsiders = (await get(`/Patient?family=${family}`, outsider.token)).json<Bundle<Patient>>();
      assert.deepEqual(
        outsiders.entry?.map((entry) => entry.resource?.id),
        [theirs],
      );
      assert.equal(outsiders.total, 1);
    });

    test('name searches match any of the names, every word and any value; a page past the end still counts', async () => {
      const tag = String(Date.now()).slice(-6);
      const [family, used] = [`Quintal${tag}`, `Rivemont${tag}`];
      const [married, other] = await Promise.all([
        createPatient(relais, [gp.practitionerId], {
          identity: {
            birthFamilyName: family,
            usedFamilyName: used,
            firstGivenName: 'Éloïse',
            givenNames: 'Éloïse',
          },
        }),
        createPatient(relais, [gp.practitionerId], {
          identity: {
            birthFamilyName: family,
            firstGivenName: 'Paul',
            givenNames: 'Paul',
            birthDate: '1990-01-02',
          },
        }),
      ]);
      const search = async (query: string) =>
        (await get(`/Patient?${query}`, gp.token)).json<Bundle<Patient>>();
      const found = async (query: string) =>
        (await search(query)).entry?.map((entry) => entry.resource?.id ?? '').sort() ?? [];
      assert.deepEqual(await found(`name=${used.slice(0, 8)}`), [married], 'the used family name');
      assert.deepEqual(await found(`family=${used}`), [married]);
      assert.deepEqual(await found(`name=${encodeURIComponent(`eloi ${family}`)}`), [married], 'every word');
      assert.deepEqual(await found(`name=paul,${used}`), [married, other].sort(), 'any value');
      assert.deepEqual(await found(`given=eloise&family=${family}`), [married]);
      assert.deepEqual(await found(`name=${encodeURIComponent(`paul ${used}`)}`), [], 'no one has both');
      const ordered = async (query: string) =>
        (await search(query)).entry?.map((entry) => entry.resource?.id ?? '') ?? [];
      assert.deepEqual(await ordered(`name=${family}&_sort=birthdate`), [married, other], 'by birth date');
      assert.deepEqual(await ordered(`name=${family}&_sort=-birthdate`), [other, married]);
      assert.deepEqual(await ordered(`name=${family}&_sort=-given`), [other, married], 'by given name');
      assert.deepEqual(await ordered(`name=${family}&birthdate=ge1985`), [other], 'a name and a birth date');
      const pastTheEnd = await search(`name=${family}&_offset=5`);
      assert.equal(pastTheEnd.total, 2);
      assert.deepEqual(pastTheEnd.entry ?? [], []);
    });

    test('search by _id, identifier, birthdate with prefixes and _lastUpdated', async () => {
      const body = fhirPatient({ birthDate: '1955-03-04' });
      const created = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: { ...bearer(gp.token), ...FHIR_JSON },
        payload: JSON.stringify(body),
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json<Patient>().id ?? '';
      const ids = async (query: string) =>
        (await get(`/Patient?${query}`, gp.token))
          .json<Bundle<Patient>>()
          .entry?.map((entry) => entry.resource?.id);
      assert.deepEqual(await ids(`_id=${id}`), [id]);
      assert.deepEqual(await ids(`identifier=${encodeURIComponent(insToken(body))}`), [id]);
      assert.deepEqual(await ids(`identifier=urn:oid:1.2.3|${body.identifier?.[0]?.value ?? ''}`), []);
      assert.deepEqual(await ids(`_id=${id}&birthdate=1955-03-04`), [id]);
      assert.deepEqual(await ids(`_id=${id}&birthdate=1955`), [id]);
      assert.deepEqual(await ids(`_id=${id}&birthdate=gt1955-03-04`), []);
      assert.deepEqual(await ids(`_id=${id}&birthdate=ge1955-03-04&birthdate=lt1955-03-05`), [id]);
      assert.deepEqual(await ids(`_id=${id}&birthdate=le1955-03-03`), []);
      const today = new Date().toISOString().slice(0, 10);
      assert.deepEqual(await ids(`_id=${id}&_lastUpdated=ge${today}`), [id]);
      assert.deepEqual(await ids(`_id=${id}&_lastUpdated=lt${today}`), []);
      // The INS of the outsider's patient is within nobody else's reach: a conditional create cannot find it.
      const someone = fhirPatient();
      const theirs = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: { ...bearer(outsider.token), ...FHIR_JSON },
        payload: JSON.stringify(someone),
      });
      assert.equal(theirs.statusCode, 201);
      const conditional = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: { ...bearer(gp.token), ...FHIR_JSON, 'if-none-exist': `identifier=${insToken(someone)}` },
        payload: JSON.stringify(someone),
      });
      assert.equal(
        conditional.statusCode,
        409,
        'the INS is taken, and the existing patient is not handed out',
      );
      assert.ok(!conditional.body.includes(theirs.json<Patient>().id ?? 'x'));
    });

    test('If-None-Exist matching several patients is 412, nothing written', async () => {
      const family = `Doublon${String(Date.now()).slice(-6)}`;
      for (const given of ['Luc', 'Léa'])
        await createPatient(relais, [gp.practitionerId], {
          identity: { birthFamilyName: family, firstGivenName: given },
        });
      const response = await relais.http.inject({
        method: 'POST',
        url: `${FHIR_PREFIX}/Patient`,
        headers: { ...bearer(gp.token), ...FHIR_JSON, 'if-none-exist': `family=${family}` },
        payload: JSON.stringify(fhirPatient({ name: [{ use: 'official', family, given: ['Max'] }] })),
      });
      assert.equal(response.statusCode, 412, response.body);
      const total = (await get(`/Patient?family=${family}`, gp.token)).json<Bundle>().total;
      assert.equal(total, 2);
    });

    test('the CapabilityStatement lists exactly the routes served, from the one registry', async () => {
      const statement = (await get('/metadata', null)).json<CapabilityStatement>();
      assert.equal(statement.fhirVersion, '4.0.1');
      assert.deepEqual(statement.format, ['json']);
      const PATHS: Readonly<Record<string, (type: string) => string>> = {
        read: (type) => `GET ${FHIR_PREFIX}/${type}/:id`,
        vread: (type) => `GET ${FHIR_PREFIX}/${type}/:id/_history/:vid`,
        'history-instance': (type) => `GET ${FHIR_PREFIX}/${type}/:id/_history`,
        'search-type': (type) => `GET ${FHIR_PREFIX}/${type}`,
        create: (type) => `POST ${FHIR_PREFIX}/${type}`,
        update: (type) => `PUT ${FHIR_PREFIX}/${type}/:id`,
      };
      const listed = (statement.rest?.[0]?.resource ?? []).flatMap((resource) =>
        (resource.interaction ?? []).map((interaction) => {
          const path = PATHS[interaction.code];
          assert.ok(path !== undefined, `no route shape for ${interaction.code}`);
          return path(resource.type);
        }),
      );
      // transaction and batch at the base URL; operations on instances.
      const rest = statement.rest?.[0];
      assert.deepEqual(
        rest?.interaction?.map((interaction) => interaction.code),
        ['transaction', 'batch'],
      );
      listed.push(`POST ${FHIR_PREFIX}`);
      for (const resource of rest.resource ?? [])
        for (const operation of resource.operation ?? [])
          listed.push(`GET ${FHIR_PREFIX}/${resource.type}/:id/$${operation.name}`);
      const served = relais.http.routeTable
        .filter((route) => route.method !== 'HEAD' && route.url.startsWith(FHIR_PREFIX))
        .map((route) => `${route.method} ${route.url}`)
        .filter((route) => route !== `GET ${FHIR_PREFIX}/metadata`);
      assert.deepEqual([...listed].sort(), [...served].sort());
      const patient = statement.rest?.[0]?.resource?.find((resource) => resource.type === 'Patient');
      assert.deepEqual(patient?.searchParam?.map((parameter) => parameter.name).sort(), [
        '_id',
        '_lastUpdated',
        'birthdate',
        'family',
        'given',
        'identifier',
        'name',
      ]);
      // Every listed search parameter is one the server takes (an unlisted one is refused).
      for (const parameter of patient.searchParam) {
        const value = parameter.type === 'date' ? '2000' : 'ab';
        const response = await get(`/Patient?${parameter.name}=${value}`, gp.token);
        assert.equal(response.statusCode, 200, `${parameter.name}: ${response.body}`);
      }
    });
  });
}
