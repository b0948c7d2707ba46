import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type { CoordinationRecord, PatientSearchResult } from '../contracts/record-contracts.ts';
import {
  bearer,
  createPatient,
  createProfessional,
  fictionalIns,
  identity,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`patient API on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    test('a GP registers a patient, adds entries, and reads the whole record with its timeline', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais, 'nurse');
      const ins = fictionalIns('male');
      const created = await relais.http.inject({
        method: 'POST',
        url: '/api/patients',
        headers: bearer(gp.token),
        payload: {
          ins,
          identityStatus: 'QUAL',
          birthFamilyName: 'Dubois-Élie',
          firstGivenName: 'Jérôme',
          sex: 'male',
          birthDate: '1980-05-02',
          careTeam: [
            { practitionerId: gp.practitionerId, role: 'medecin_traitant' },
            { practitionerId: nurse.practitionerId, role: 'nurse' },
          ],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { id } = created.json<{ id: string }>();

      const entries = [
        [
          'conditions',
          {
            codeSystem: 'ICD-10',
            code: 'E11.9',
            display: 'Diabète de type 2',
            clinicalStatus: 'active',
            onsetDate: '2019-03-01',
          },
        ],
        [
          'medications',
          {
            atcCode: 'A10BA02',
            name: 'Metformine 1000 mg',
            dosage: '1 cp matin et soir',
            startedOn: '2019-03-01',
            status: 'active',
          },
        ],
        ['allergies', { substance: 'Pénicilline', reaction: 'Urticaire', criticality: 'high' }],
        [
          'results',
          {
            loincCode: '4548-4',
            display: 'HbA1c',
            valueNumeric: 7.4,
            valueText: null,
            unit: '%',
            referenceRange: '4.0-6.0',
            interpretation: 'high',
            effectiveAt: '2026-10-01T08:00:00Z',
          },
        ],
        [
          'documents',
          {
            typeCode: '11488-4',
            title: 'CR consultation',
            mimeType: 'text/plain',
            contentBase64: Buffer.from('Bilan annuel.').toString('base64'),
          },
        ],
      ] as const;
      for (const [path, payload] of entries) {
        const response = await relais.http.inject({
          method: 'POST',
          url: `/api/patients/${id}/${path}`,
          headers: bearer(gp.token),
          payload,
        });
        assert.equal(response.statusCode, 201, `${path}: ${response.body}`);
      }

      const read = await relais.http.inject({ url: `/api/patients/${id}`, headers: bearer(nurse.token) });
      assert.equal(read.statusCode, 200, read.body);
      const record = read.json<CoordinationRecord>();
      assert.deepEqual(record.identity.ins, { matricule: ins.matricule, kind: 'INS-NIR-TEST' });
      assert.equal(record.careTeam[0]?.role, 'medecin_traitant');
      assert.equal(record.careTeam[0].practitionerId, gp.practitionerId);
      assert.equal(record.conditions[0]?.code, 'E11.9');
      assert.equal(record.medications[0]?.atcCode, 'A10BA02');
      assert.equal(record.allergies[0]?.criticality, 'high');
      assert.equal(record.latestResults[0]?.valueNumeric, 7.4);
      assert.equal(record.documents[0]?.sizeBytes, 'Bilan annuel.'.length);
      assert.deepEqual(
        record.timeline.map((event) => event.type),
        [
          'document.added',
          'result.recorded',
          'allergy.recorded',
          'medication.recorded',
          'condition.recorded',
          'care-team.member-added',
          'care-team.member-added',
          'patient.registered',
        ],
      );

      const documentId = record.documents[0].id;
      const content = await relais.http.inject({
        url: `/api/patients/${id}/documents/${documentId}/content`,
        headers: bearer(gp.token),
      });
      assert.equal(content.statusCode, 200);
      assert.equal(content.body, 'Bilan annuel.');
      assert.match(String(content.headers['content-type']), /^text\/plain/);
    });

    test('search finds my patients by name prefix (accents ignored), birth date and INS, and no one else', async () => {
      const gp = await createProfessional(relais);
      const other = await createProfessional(relais);
      const ins = fictionalIns('female');
      const mine = await createPatient(relais, [gp.practitionerId], {
        identity: { birthFamilyName: 'Ménard', ins, birthDate: '1980-05-12' },
      });
      const theirs = await createPatient(relais, [other.practitionerId], {
        identity: { birthFamilyName: 'Ménard', birthDate: '1980-05-12' },
      });
      const search = async (q: string) => {
        const response = await relais.http.inject({
          url: `/api/patients?q=${encodeURIComponent(q)}`,
          headers: bearer(gp.token),
        });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<PatientSearchResult>().items.map((hit) => hit.patientId);
      };
      assert.deepEqual(await search('mena'), [mine]);
      assert.deepEqual(await search('MÉNARD hél'), [mine]);
      assert.deepEqual(await search('12/05/1980'), [mine]);
      assert.deepEqual(await search(ins.matricule), [mine]);
      assert.deepEqual(await search('zzzz'), []);
      assert.ok(!(await search('menard')).includes(theirs));

      const tooShort = await relais.http.inject({ url: '/api/patients?q=a', headers: bearer(gp.token) });
      assert.equal(tooShort.statusCode, 400);
      assert.match(tooShort.json<{ detail: string }>().detail, /at least 2 letters/);
    });

    test('a professional who joins the care team later finds the patient by any of their names', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        identity: {
          birthFamilyName: 'Quéméner',
          usedFamilyName: 'Le Bihan',
          firstGivenName: 'Rozenn',
          givenNames: 'Rozenn Anna',
        },
      });
      const searchAsNurse = async (q: string) =>
        (
          await relais.http.inject({
            url: `/api/patients?q=${encodeURIComponent(q)}`,
            headers: bearer(nurse.token),
          })
        )
          .json<PatientSearchResult>()
          .items.map((hit) => hit.patientId);
      assert.deepEqual(await searchAsNurse('quem'), []);

      const joined = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/care-team`,
        headers: bearer(gp.token),
        payload: { practitionerId: nurse.practitionerId, role: 'nurse' },
      });
      assert.equal(joined.statusCode, 201, joined.body);
      assert.deepEqual(await searchAsNurse('quem'), [patientId]);
      assert.deepEqual(await searchAsNurse('le'), [patientId]);
      assert.deepEqual(await searchAsNurse('rozenn quem'), [patientId]);
      assert.deepEqual(await searchAsNurse('rozenn dupont'), []);
    });

    test('search lists at most 50 hits, ordered by family then given name', async () => {
      const gp = await createProfessional(relais);
      const givenNames = Array.from(
        { length: 55 },
        (_, i) => `Yann${String.fromCharCode(97 + (i % 26))}${i}`,
      );
      for (const given of givenNames) {
        await createPatient(relais, [gp.practitionerId], {
          identity: { birthFamilyName: 'Zabulon', firstGivenName: given, givenNames: given },
        });
      }
      const response = await relais.http.inject({ url: '/api/patients?q=zabu', headers: bearer(gp.token) });
      const hits = response.json<PatientSearchResult>().items.map((hit) => hit.firstGivenName);
      const expected = [...givenNames].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      assert.deepEqual(hits, expected.slice(0, 50));
    });

    test('an INS is withheld unless the identity is qualifiée', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        identity: { identityStatus: 'VALI' },
      });
      const record = (
        await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(gp.token) })
      ).json<CoordinationRecord>();
      assert.equal(record.identity.ins, null);
      assert.match(record.identity.insWithheldReason ?? '', /qualifiée/);
    });

    test('every read, search hit, write and denial leaves an audit entry', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        identity: { birthFamilyName: 'Audité' },
      });
      await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(gp.token) });
      await relais.http.inject({ url: '/api/patients?q=audite', headers: bearer(gp.token) });
      await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(outsider.token) });
      const rows = await relais.database.db
        .selectFrom('audit_entries')
        .select(['action', 'outcome', 'resource', 'reason', 'actor_role'])
        .where('patient_id', '=', patientId)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        rows.map((row) => [row.action, row.outcome, row.resource]),
        [
          ['read', 'allowed', 'record'],
          ['search', 'allowed', 'patient-search'],
          ['read', 'denied', 'record'],
        ],
      );
      assert.equal(rows[0]?.actor_role, 'medecin_traitant');
      assert.equal(rows[2]?.reason, "not in the patient's care team");
      await assert.rejects(relais.database.db.deleteFrom('audit_entries').execute(), /append-only/);
    });

    test('bad input gets a clear 4xx and writes nothing', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const countRows = async () => {
        const [patients, events] = await Promise.all([
          relais.database.db
            .selectFrom('patients')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow(),
          // Events of the record only: the journal consumers (rules, notices) write their own meanwhile.
          relais.database.db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('type', 'not like', 'notification%')
            .where('type', 'not like', 'rule.%')
            .executeTakeFirstOrThrow(),
        ]);
        return [patients.n, events.n].map(Number);
      };
      const before = await countRows();
      const newPatient = (body: Record<string, unknown>) =>
        relais.http.inject({
          method: 'POST',
          url: '/api/patients',
          headers: bearer(gp.token),
          payload: {
            ...identity(),
            careTeam: [{ practitionerId: gp.practitionerId, role: 'medecin_traitant' }],
            ...body,
          },
        });
      const cases: {
        name: string;
        send: () => ReturnType<typeof newPatient>;
        status: number;
        detail: RegExp;
      }[] = [
        {
          name: 'malformed JSON',
          send: () =>
            relais.http.inject({
              method: 'POST',
              url: '/api/patients',
              headers: { ...bearer(gp.token), 'content-type': 'application/json' },
              payload: '{"birthFamilyName":',
            }),
          status: 400,
          detail: /not valid JSON/,
        },
        {
          name: 'wrong type',
          send: () => newPatient({ birthDate: 19800512 }),
          status: 400,
          detail: /birthDate/,
        },
        {
          name: 'unknown field',
          send: () => newPatient({ nickname: 'x' }),
          status: 400,
          detail: /additional propert/,
        },
        {
          name: 'bad INS key',
          send: () => newPatient({ ins: { matricule: '279035121518912', oid: '1.2.250.1.213.1.4.10' } }),
          status: 400,
          detail: /INS key is 12 but 2790351215189 gives 89/,
        },
        {
          name: 'not an INS OID',
          send: () => newPatient({ ins: { matricule: '279035121518989', oid: '1.2.3' } }),
          status: 400,
          detail: /not an INS OID/,
        },
        {
          name: 'QUAL without INS',
          send: () => newPatient({ ins: undefined }),
          status: 400,
          detail: /requires the INS/,
        },
        {
          name: 'future birth date',
          send: () => newPatient({ birthDate: '2999-01-01' }),
          status: 400,
          detail: /in the future/,
        },
        {
          name: 'unknown practitioner',
          send: () =>
            newPatient({
              careTeam: [
                { practitionerId: gp.practitionerId, role: 'medecin_traitant' },
                { practitionerId: '00000000-0000-4000-8000-000000000000', role: 'nurse' },
              ],
            }),
          status: 404,
          detail: /no practitioner/,
        },
        {
          name: 'creator not in team',
          send: () =>
            newPatient({
              careTeam: [{ practitionerId: '00000000-0000-4000-8000-000000000000', role: 'nurse' }],
            }),
          status: 400,
          detail: /add yourself/,
        },
        {
          name: 'oversized body',
          send: () => newPatient({ address: 'x'.repeat(2 * 1024 * 1024) }),
          status: 413,
          detail: /too large/,
        },
        {
          name: 'bad LOINC',
          send: () =>
            relais.http.inject({
              method: 'POST',
              url: `/api/patients/${patientId}/results`,
              headers: bearer(gp.token),
              payload: {
                loincCode: 'HBA1C',
                display: 'x',
                valueNumeric: 1,
                valueText: null,
                unit: null,
                referenceRange: null,
                interpretation: null,
                effectiveAt: '2026-01-01T00:00:00Z',
              },
            }),
          status: 400,
          detail: /not a LOINC code/,
        },
        {
          name: 'bad base64',
          send: () =>
            relais.http.inject({
              method: 'POST',
              url: `/api/patients/${patientId}/documents`,
              headers: bearer(gp.token),
              payload: { typeCode: '11488-4', title: 'x', mimeType: 'text/plain', contentBase64: '@@@@' },
            }),
          status: 400,
          detail: /base64/,
        },
        {
          name: 'malformed id',
          send: () => relais.http.inject({ url: '/api/patients/not-a-uuid', headers: bearer(gp.token) }),
          status: 400,
          detail: /patientId/,
        },
        {
          name: 'unknown id',
          send: () =>
            relais.http.inject({
              url: '/api/patients/00000000-0000-4000-8000-000000000000',
              headers: bearer(gp.token),
            }),
          status: 404,
          detail: /no patient/,
        },
        {
          name: 'second médecin traitant',
          send: () =>
            relais.http.inject({
              method: 'POST',
              url: `/api/patients/${patientId}/care-team`,
              headers: bearer(gp.token),
              payload: { practitionerId: gp.practitionerId, role: 'medecin_traitant' },
            }),
          status: 409,
          detail: /already has a médecin traitant/,
        },
      ];
      for (const { name, send, status, detail } of cases) {
        const response = await send();
        assert.equal(response.statusCode, status, `${name}: ${response.body}`);
        assert.match(String(response.headers['content-type']), /application\/problem\+json/, name);
        assert.match(response.json<{ detail: string }>().detail, detail, name);
      }
      assert.deepEqual(await countRows(), before);
    });

    test('a duplicate INS is a conflict', async () => {
      const gp = await createProfessional(relais);
      const ins = fictionalIns('female');
      await createPatient(relais, [gp.practitionerId], { identity: { ins } });
      await assert.rejects(createPatient(relais, [gp.practitionerId], { identity: { ins } }), {
        code: 'conflict',
      });
    });
  });
}
