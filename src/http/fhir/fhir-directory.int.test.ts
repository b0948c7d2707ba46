import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type {
  Bundle,
  OperationOutcome,
  Organization,
  PlanDefinition,
  Practitioner,
  PractitionerRole,
  Resource,
} from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { assertValidR4 as assertValid } from '../../fhir/mappers/mapper-test-support.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../../tests/support/factories.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

const RPPS = 'https://rpps.esante.gouv.fr';
const ID_NAT_PS = 'urn:oid:1.2.250.1.71.4.2.1';
const FINESS = 'https://finess.esante.gouv.fr';
const ID_NAT_ST = 'urn:oid:1.2.250.1.71.4.2.2';

/** Fictional directory entries: a hospital with FINESS and one service, an MSP, three professionals. */
const hospital = {
  id: randomUUID(),
  kind: 'hospital' as const,
  name: 'Centre hospitalier de Val-Relais',
  finess: '450000088',
  parentId: null,
  specialty: null,
};
const cardiology = {
  id: randomUUID(),
  kind: 'hospital_service' as const,
  name: 'Cardiologie',
  finess: null,
  parentId: hospital.id,
  specialty: 'cardiology',
};
const practice = {
  id: randomUUID(),
  kind: 'practice' as const,
  name: 'Maison de santé des Ormeaux',
  finess: null,
  parentId: null,
  specialty: null,
};
const cardiologist = {
  id: randomUUID(),
  rpps: '10101010101',
  familyName: 'Rivière',
  givenName: 'Maëlle',
  profession: 'physician',
  specialty: 'cardiology',
  organizationId: cardiology.id,
};
const nurse = {
  id: randomUUID(),
  rpps: '10202020202',
  familyName: 'Le Goff',
  givenName: 'Jean-Noël',
  profession: 'nurse',
  specialty: null,
  organizationId: practice.id,
};
const gp = {
  id: randomUUID(),
  rpps: '10303030303',
  familyName: 'Rivière-Durand',
  givenName: 'Éric',
  profession: 'physician',
  specialty: 'general_practice',
  organizationId: practice.id,
};

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR directory (Practitioner, PractitionerRole, Organization) on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let token: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      await relais.services.directory.register([hospital, cardiology, practice], [cardiologist, nurse, gp]);
      token = (await createProfessional(relais)).token;
    });
    after(() => relais.close());

    const get = (url: string, as: string | null = token) =>
      relais.http.inject({ url: `${FHIR_PREFIX}${url}`, headers: as === null ? {} : bearer(as) });
    const search = async <R extends Resource>(url: string) => {
      const response = await get(url);
      assert.equal(response.statusCode, 200, response.body);
      const bundle = response.json<Bundle<R>>();
      const resources = (bundle.entry ?? []).map((entry) => entry.resource as R);
      resources.forEach(assertValid);
      return { total: bundle.total, ids: resources.map((resource) => resource.id), bundle };
    };

    test('a Practitioner reads with its RPPS and idNatPs, name and profession', async () => {
      const response = await get(`/Practitioner/${cardiologist.id}`);
      assert.equal(response.statusCode, 200, response.body);
      const practitioner = response.json<Practitioner>();
      assertValid(practitioner);
      assert.deepEqual(
        practitioner.identifier?.map(({ system, value }) => [system, value]),
        [
          [RPPS, cardiologist.rpps],
          [ID_NAT_PS, `8${cardiologist.rpps}`],
        ],
      );
      assert.deepEqual(practitioner.name, [{ use: 'usual', family: 'Rivière', given: ['Maëlle'] }]);
      for (const id of [randomUUID(), 'not-an-id']) {
        const missing = await get(`/Practitioner/${id}`);
        assert.equal(missing.statusCode, 404, id);
        assert.equal(missing.json<OperationOutcome>().issue[0]?.code, 'not-found');
      }
    });

    test('Practitioner search: identifier by RPPS, idNatPs or bare value; name, family, given', async () => {
      const byRpps = await search(`/Practitioner?identifier=${encodeURIComponent(`${RPPS}|${nurse.rpps}`)}`);
      assert.deepEqual([byRpps.total, byRpps.ids], [1, [nurse.id]]);
      const byIdNatPs = await search(
        `/Practitioner?identifier=${encodeURIComponent(`${ID_NAT_PS}|8${nurse.rpps}`)}`,
      );
      assert.deepEqual(byIdNatPs.ids, [nurse.id]);
      assert.deepEqual((await search(`/Practitioner?identifier=8${gp.rpps}`)).ids, [gp.id]);
      assert.deepEqual((await search(`/Practitioner?identifier=${gp.rpps}`)).ids, [gp.id]);
      // The RPPS under the idNatPs system (without its 8) names nobody, nor does another system.
      assert.equal(
        (await search(`/Practitioner?identifier=${encodeURIComponent(`${ID_NAT_PS}|${gp.rpps}`)}`)).total,
        0,
      );
      assert.equal(
        (await search(`/Practitioner?identifier=${encodeURIComponent(`urn:x|${gp.rpps}`)}`)).total,
        0,
      );

      // Words start a word of the name, accents and case aside; family and given look at their part.
      const riviere = await search('/Practitioner?name=riviere');
      assert.deepEqual(riviere.ids, [cardiologist.id, gp.id], 'by family, then given name');
      assert.deepEqual((await search('/Practitioner?family=goff')).ids, [nurse.id]);
      assert.deepEqual((await search('/Practitioner?given=jean%20noel')).ids, [nurse.id]);
      assert.equal((await search('/Practitioner?family=maelle')).total, 0, 'a given name is no family');
      assert.deepEqual((await search('/Practitioner?name=eric,maelle')).ids, [cardiologist.id, gp.id]);
      assert.deepEqual((await search('/Practitioner?name=riviere&given=eric')).ids, [gp.id]);
      assert.deepEqual((await search(`/Practitioner?_id=${nurse.id},not-an-id`)).ids, [nurse.id]);
    });

    test('paging: _count and _offset with the total and the links', async () => {
      const first = await search('/Practitioner?name=riviere&_count=1');
      assert.deepEqual([first.total, first.ids], [2, [cardiologist.id]]);
      const next = first.bundle.link?.find((link) => link.relation === 'next')?.url ?? '';
      assert.match(next, /_offset=1/);
      const second = await search('/Practitioner?name=riviere&_count=1&_offset=1');
      assert.deepEqual([second.total, second.ids], [2, [gp.id]]);
      const counted = await search('/Practitioner?name=riviere&_count=0');
      assert.deepEqual([counted.total, counted.ids], [2, []]);
    });

    test('a PractitionerRole says where and as what; searched by practitioner, organization, role', async () => {
      const response = await get(`/PractitionerRole/${cardiologist.id}`);
      assert.equal(response.statusCode, 200, response.body);
      const role = response.json<PractitionerRole>();
      assertValid(role);
      assert.equal(role.practitioner?.reference, `Practitioner/${cardiologist.id}`);
      assert.equal(role.organization?.reference, `Organization/${cardiology.id}`);
      assert.deepEqual((await search(`/PractitionerRole?practitioner=Practitioner/${nurse.id}`)).ids, [
        nurse.id,
      ]);
      assert.deepEqual((await search(`/PractitionerRole?organization=${practice.id}`)).ids, [
        nurse.id,
        gp.id,
      ]);
      // TRE_G15: 10 médecin, 60 infirmier.
      assert.deepEqual((await search(`/PractitionerRole?organization=${practice.id}&role=60`)).ids, [
        nurse.id,
      ]);
      const g15 = 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante';
      assert.deepEqual(
        (
          await search(
            `/PractitionerRole?organization=${practice.id}&role=${encodeURIComponent(`${g15}|10`)}`,
          )
        ).ids,
        [gp.id],
      );
      const wrongType = await get(`/PractitionerRole?practitioner=Organization/${practice.id}`);
      assert.equal(wrongType.statusCode, 400);
      assert.deepEqual(wrongType.json<OperationOutcome>().issue[0]?.expression, ['practitioner']);
    });

    test('an Organization reads with its FINESS and idNatSt; searched by identifier, name, type, partof', async () => {
      const response = await get(`/Organization/${hospital.id}`);
      assert.equal(response.statusCode, 200, response.body);
      const organization = response.json<Organization>();
      assertValid(organization);
      assert.deepEqual(
        organization.identifier?.map(({ system, value }) => [system, value]),
        [
          [FINESS, hospital.finess],
          [ID_NAT_ST, `1${hospital.finess}`],
        ],
      );
      const service = (await get(`/Organization/${cardiology.id}`)).json<Organization>();
      assertValid(service);
      assert.equal(service.partOf?.reference, `Organization/${hospital.id}`);

      for (const identifier of [
        `${FINESS}|${hospital.finess}`,
        `${ID_NAT_ST}|1${hospital.finess}`,
        hospital.finess,
      ])
        assert.deepEqual(
          (await search(`/Organization?identifier=${encodeURIComponent(identifier)}`)).ids,
          [hospital.id],
          identifier,
        );
      assert.deepEqual((await search('/Organization?name=ormeaux')).ids, [practice.id]);
      assert.deepEqual((await search(`/Organization?partof=Organization/${hospital.id}`)).ids, [
        cardiology.id,
      ]);
      assert.deepEqual((await search('/Organization?type=dept')).ids, [cardiology.id]);
      const providers = await search('/Organization?type=prov&name=val,ormeaux');
      assert.deepEqual(providers.ids, [hospital.id, practice.id]);
    });

    test('an unsupported parameter, modifier or sort is refused with 400 naming it', async () => {
      for (const [url, named] of [
        ['/Practitioner?birthdate=1980', 'birthdate'],
        ['/PractitionerRole?specialty=cardiology', 'specialty'],
        ['/Organization?address=Orléans', 'address'],
        ['/Practitioner?name:exact=Rivière', 'name:exact'],
        ['/Organization?_sort=name', '_sort'],
      ] as const) {
        const response = await get(url);
        assert.equal(response.statusCode, 400, url);
        const outcome = response.json<OperationOutcome>();
        assertValid(outcome);
        assert.deepEqual(outcome.issue[0]?.expression, [named], url);
      }
    });

    test('professionals only, as the directory routes; nothing is audited', async () => {
      const patientId = await createPatient(relais, [gp.id]);
      const patient = await createPatientAccount(relais, patientId);
      const seq = await lastAuditSeq(relais);
      for (const url of [
        `/Practitioner/${gp.id}`,
        '/Practitioner?name=riviere',
        `/PractitionerRole/${gp.id}`,
        '/PractitionerRole',
        `/Organization/${practice.id}`,
        '/Organization',
      ]) {
        assert.equal((await get(url, patient.token)).statusCode, 403, `a patient: ${url}`);
        assert.equal((await get(url, null)).statusCode, 401, `nobody: ${url}`);
        assert.equal((await get(url)).statusCode, 200, `a professional: ${url}`);
      }
      assert.deepEqual(await auditRowsAfter(relais, seq), []);
    });

    test('the care-pathway templates are PlanDefinitions, for professionals, as /api/pathway-templates', async () => {
      const api = await relais.http.inject({ url: '/api/pathway-templates', headers: bearer(token) });
      const templates = api.json<{ items: { id: string; steps: unknown[] }[] }>().items;
      const all = await search<PlanDefinition>('/PlanDefinition');
      assert.equal(all.total, templates.length);
      assert.deepEqual([...all.ids].sort(), templates.map((template) => template.id).sort());
      const [first] = templates;
      assert.ok(first !== undefined);
      const read = await get(`/PlanDefinition/${first.id}`);
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(read.json<PlanDefinition>().action?.length, first.steps.length);
      assert.deepEqual((await search(`/PlanDefinition?name=${first.id}`)).ids, [first.id]);
      assert.equal((await get('/PlanDefinition/no-such-pathway')).statusCode, 404);
      const patient = await createPatientAccount(relais, await createPatient(relais, [gp.id]));
      assert.equal((await get('/PlanDefinition', patient.token)).statusCode, 403);
    });
  });
}
