import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Appointment,
  Binary,
  Bundle,
  CareTeam,
  DocumentReference,
  Encounter,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import { assertValidR4 as assertValid } from '../../fhir/mappers/mapper-test-support.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../../tests/support/factories.ts';
import { admitPatient, dischargePatient } from '../../../tests/support/stays.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { startTestRelais } from '../../../tests/support/test-relais.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

type Professional = Awaited<ReturnType<typeof createProfessional>>;

const document = (
  title: string,
  extra: Partial<ClinicalEntry & { kind: 'document' }> = {},
): ClinicalEntry => ({
  kind: 'document',
  typeCode: '11488-4',
  title,
  mimeType: 'text/plain',
  content: new TextEncoder().encode(`contenu de ${title}`),
  ...extra,
});

const appointment = (startsAt: string, reason: string): ClinicalEntry => ({
  kind: 'appointment',
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
  appointmentKind: 'consultation',
  practitionerId: null,
  organizationId: null,
  reason,
  instructions: null,
});

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR CareTeam, Encounter, DocumentReference, Binary, Appointment on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Professional;
    let nurse: Professional;
    let psychologist: Professional;
    let outsider: Professional;
    let patientId: string;
    let otherPatientId: string;
    let ids: { report: string; psyNote: string; letter: string; stay: string; visit: string };
    let appointmentIds: { past: string; next: string };
    /** The patients' own portal accounts. */
    let self: { token: string };
    let otherSelf: { token: string };

    before(async () => {
      relais = await startTestRelais(dialect);
      [gp, nurse, psychologist, outsider] = await Promise.all([
        createProfessional(relais),
        createProfessional(relais, 'nurse'),
        createProfessional(relais, 'psychologist'),
        createProfessional(relais),
      ]);
      patientId = await createPatient(
        relais,
        [gp.practitionerId, nurse.practitionerId, psychologist.practitionerId],
        {
          entries: [
            document('Compte rendu de consultation'),
            document('Note du psychologue', { category: 'mental-health' }),
            document('Lettre de liaison', { typeCode: '11490-0', mimeType: 'application/pdf' }),
            appointment('2020-03-02T08:00:00.000Z', 'Bilan initial'),
            appointment('2030-06-01T08:00:00.000Z', 'Suivi'),
          ],
        },
      );
      otherPatientId = await createPatient(relais, [outsider.practitionerId], {
        entries: [document('Autre compte rendu'), appointment('2030-06-02T08:00:00.000Z', 'Autre')],
      });
      const db = relais.database.db;
      const documentId = async (title: string) =>
        (await db.selectFrom('documents').select('id').where('title', '=', title).executeTakeFirstOrThrow())
          .id;
      const appointmentId = async (reason: string) =>
        (
          await db
            .selectFrom('appointments')
            .select('id')
            .where('reason', '=', reason)
            .executeTakeFirstOrThrow()
        ).id;
      appointmentIds = { past: await appointmentId('Bilan initial'), next: await appointmentId('Suivi') };
      // The first appointment took place: the record writes statuses as R4's codes.
      await db
        .updateTable('appointments')
        .set({ status: 'fulfilled' })
        .where('id', '=', appointmentIds.past)
        .execute();
      const stay = await dischargePatient(
        relais,
        await admitPatient(relais, patientId, { admittedAt: new Date('2026-01-10T09:00:00Z') }),
        new Date('2026-01-14T15:00:00Z'),
      );
      const visit = await admitPatient(relais, patientId, {
        admittedAt: new Date('2026-02-20T22:00:00Z'),
        patientClass: 'emergency',
      });
      await admitPatient(relais, otherPatientId);
      ids = {
        report: await documentId('Compte rendu de consultation'),
        psyNote: await documentId('Note du psychologue'),
        letter: await documentId('Lettre de liaison'),
        stay: stay.id,
        visit: visit.id,
      };
      // The patient keeps mental health to the psychologist.
      const restricted = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/sharing-choices`,
        headers: bearer(gp.token),
        payload: {
          kind: 'restriction',
          category: 'mental-health',
          allowedPractitionerIds: [psychologist.practitionerId],
        },
      });
      assert.equal(restricted.statusCode, 201, restricted.body);
      self = await createPatientAccount(relais, patientId);
      otherSelf = await createPatientAccount(relais, otherPatientId);
    });
    after(() => relais.close());

    const get = (url: string, as: string | null, headers: Record<string, string> = {}) =>
      relais.http.inject({
        url: `${FHIR_PREFIX}${url}`,
        headers: { ...headers, ...(as === null ? {} : bearer(as)) },
      });
    const read = async <R extends Resource>(url: string, as: string) => {
      const response = await get(url, as);
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      const resource = response.json<R>();
      assertValid(resource);
      return resource;
    };
    const search = async (url: string, as: string) => {
      const response = await get(url, as);
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      const bundle = response.json<Bundle>();
      const resources = (bundle.entry ?? []).flatMap((entry) => entry.resource ?? []);
      resources.forEach(assertValid);
      return { total: bundle.total, resources, ids: resources.map((resource) => resource.id) };
    };
    const refused = async (url: string, as: string | null, status: number) => {
      const response = await get(url, as);
      assert.equal(response.statusCode, status, `${url}: ${response.body}`);
      const outcome = response.json<OperationOutcome>();
      assertValid(outcome);
      return outcome;
    };

    test('CareTeam: the patient’s team under the patient’s id, the médecin traitant coded PP', async () => {
      const team = await read<CareTeam>(`/CareTeam/${patientId}`, gp.token);
      assert.equal(team.subject?.reference, `Patient/${patientId}`);
      const gpMember = team.participant?.find(
        (member) => member.member?.reference === `Practitioner/${gp.practitionerId}`,
      );
      assert.equal(gpMember?.role?.[0]?.coding?.[0]?.code, 'PP');
      assert.equal(team.participant?.length, 3);
      for (const query of [
        `patient=${patientId}`,
        `subject=Patient/${patientId}`,
        `patient=${patientId}&status=active`,
      ]) {
        const found = await search(`/CareTeam?${query}`, nurse.token);
        assert.deepEqual([found.total, found.ids], [1, [patientId]], query);
      }
      assert.equal((await search(`/CareTeam?patient=${patientId}&status=inactive`, gp.token)).total, 0);
      // The patient reads their own team.
      assert.equal((await read<CareTeam>(`/CareTeam/${patientId}`, self.token)).id, patientId);
    });

    test('Encounter: the stays, read by id and searched by patient, status, class, date', async () => {
      const stay = await read<Encounter>(`/Encounter/${ids.stay}`, gp.token);
      assert.deepEqual([stay.status, stay.period?.end], ['finished', '2026-01-14T15:00:00.000Z']);
      assert.ok(stay.meta?.lastUpdated !== undefined);
      const all = await search(`/Encounter?patient=${patientId}`, gp.token);
      assert.deepEqual([all.total, all.ids], [2, [ids.visit, ids.stay]], 'latest admission first');
      const by = async (query: string) =>
        (await search(`/Encounter?subject=${patientId}&${query}`, gp.token)).ids;
      assert.deepEqual(await by('status=in-progress'), [ids.visit]);
      assert.deepEqual(await by('class=EMER'), [ids.visit]);
      assert.deepEqual(
        await by(`class=${encodeURIComponent('http://terminology.hl7.org/CodeSystem/v3-ActCode|IMP')}`),
        [ids.stay],
      );
      assert.deepEqual(await by('date=2026-01-12'), [ids.stay], 'a day within the stay');
      assert.deepEqual(await by('date=lt2026-01-10'), [], 'nothing admitted before');
      assert.deepEqual(await by('date=gt2026-02-01'), [ids.visit], 'still in: it goes on');
      assert.deepEqual(await by('date=ge2026-01-01&date=le2026-01-31'), [ids.stay]);
      assert.deepEqual(await by('_count=1&_offset=1'), [ids.stay]);
      // Stays are followed by professionals.
      await refused(`/Encounter?patient=${otherPatientId}`, otherSelf.token, 403);
      await refused(`/Encounter/${ids.stay}`, self.token, 403);
    });

    test('DocumentReference: content at Binary/<id>; searched by patient, type, date', async () => {
      const letter = await read<DocumentReference>(`/DocumentReference/${ids.letter}`, gp.token);
      assert.equal(letter.content[0]?.attachment.url, `Binary/${ids.letter}`);
      assert.equal(letter.type?.coding?.[0]?.code, '11490-0');
      const all = await search(`/DocumentReference?patient=${patientId}`, psychologist.token);
      assert.deepEqual(all.total, 3, 'the psychologist is named: they see the note');
      const note = all.resources.find((resource) => resource.id === ids.psyNote) as
        DocumentReference | undefined;
      assert.equal(note?.securityLabel?.[0]?.coding?.[0]?.code, 'PSY');
      const types = await search(
        `/DocumentReference?subject=Patient/${patientId}&type=${encodeURIComponent('http://loinc.org|11490-0')}`,
        gp.token,
      );
      assert.deepEqual(types.ids, [ids.letter]);
      const today = relais.clock().toISOString().slice(0, 10);
      assert.equal(
        (await search(`/DocumentReference?patient=${patientId}&date=${today}`, gp.token)).total,
        2,
      );
      assert.equal((await search(`/DocumentReference?patient=${patientId}&date=lt2020`, gp.token)).total, 0);
      assert.equal(
        (await search(`/DocumentReference?patient=${patientId}&status=current`, gp.token)).total,
        2,
      );
    });

    test('a document of a restricted category is hidden from those the patient keeps it from', async () => {
      for (const excluded of [gp, nurse]) {
        const found = await search(`/DocumentReference?patient=${patientId}`, excluded.token);
        assert.equal(found.total, 2, 'the total does not count it');
        assert.ok(!found.ids.includes(ids.psyNote));
        const seq = await lastAuditSeq(relais);
        for (const url of [`/DocumentReference/${ids.psyNote}`, `/Binary/${ids.psyNote}`]) {
          const outcome = await refused(url, excluded.token, 403);
          assert.match(outcome.issue[0]?.diagnostics ?? '', /restricted mental-health/);
        }
        assert.deepEqual(
          (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.resource, row.outcome]),
          [
            [patientId, 'document', 'allowed'],
            [patientId, 'document', 'denied'],
            [patientId, 'document', 'allowed'],
            [patientId, 'document', 'denied'],
          ],
          'the gate opens, then the category refuses: both audited',
        );
      }
      const binary = await get(`/Binary/${ids.psyNote}`, psychologist.token);
      assert.equal(binary.statusCode, 200);
      assert.equal(binary.body, 'contenu de Note du psychologue');
    });

    test('Binary: the bytes with their type, or a Binary resource for FHIR clients', async () => {
      for (const accept of [undefined, '*/*', 'text/plain']) {
        const raw = await get(`/Binary/${ids.report}`, gp.token, accept === undefined ? {} : { accept });
        assert.equal(raw.statusCode, 200);
        assert.match(String(raw.headers['content-type']), /^text\/plain/);
        assert.equal(raw.body, 'contenu de Compte rendu de consultation');
      }
      const pdf = await get(`/Binary/${ids.letter}`, gp.token);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      for (const accept of ['application/fhir+json', 'application/json']) {
        const response = await get(`/Binary/${ids.report}`, gp.token, { accept });
        assert.equal(response.statusCode, 200);
        assert.match(String(response.headers['content-type']), /^application\/fhir\+json/);
        const binary = response.json<Binary>();
        assertValid(binary);
        assert.equal(binary.contentType, 'text/plain');
        assert.equal(binary.securityContext?.reference, `DocumentReference/${ids.report}`);
        assert.equal(
          Buffer.from(binary.data ?? '', 'base64').toString(),
          'contenu de Compte rendu de consultation',
        );
      }
    });

    test('Appointment: past and upcoming with their status; searched by patient, status, date', async () => {
      const past = await read<Appointment>(`/Appointment/${appointmentIds.past}`, nurse.token);
      assert.deepEqual([past.status, past.description], ['fulfilled', 'Bilan initial']);
      const all = await search(`/Appointment?patient=Patient/${patientId}`, gp.token);
      assert.deepEqual([all.total, all.ids], [2, [appointmentIds.past, appointmentIds.next]]);
      const by = async (query: string) =>
        (await search(`/Appointment?patient=${patientId}&${query}`, gp.token)).ids;
      assert.deepEqual(await by('status=booked'), [appointmentIds.next]);
      assert.deepEqual(await by('status=booked,fulfilled'), [appointmentIds.past, appointmentIds.next]);
      assert.deepEqual(await by('date=ge2026'), [appointmentIds.next]);
      assert.deepEqual(await by('date=2020-03-02'), [appointmentIds.past]);
      const mine = await search(`/Appointment?patient=${otherPatientId}`, otherSelf.token);
      assert.equal(mine.total, 1, 'the patient reads their own appointments');
    });

    test('out of reach: every read and search is 403 (audited), never a result or a count', async () => {
      const urls = [
        `/CareTeam/${patientId}`,
        `/Encounter/${ids.stay}`,
        `/DocumentReference/${ids.report}`,
        `/Binary/${ids.report}`,
        `/Appointment/${appointmentIds.next}`,
        `/CareTeam?patient=${patientId}`,
        `/Encounter?patient=${patientId}`,
        `/DocumentReference?patient=${patientId}`,
        `/Appointment?patient=${patientId}`,
      ];
      const seq = await lastAuditSeq(relais);
      for (const url of urls) {
        const response = await get(url, outsider.token);
        assert.equal(response.statusCode, 403, url);
        assert.ok(!response.body.includes('"total"'), url);
        assert.match(
          response.json<OperationOutcome>().issue[0]?.diagnostics ?? '',
          /not in the patient's care team/,
        );
      }
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.outcome]),
        urls.map(() => [patientId, 'denied']),
      );
      // The outsider's own patient: found, and only theirs.
      const theirs = await search(`/DocumentReference?patient=${otherPatientId}`, outsider.token);
      assert.equal(theirs.total, 1);
      await refused(`/CareTeam/${patientId}`, otherSelf.token, 403);
      await refused(`/Appointment?patient=${patientId}`, otherSelf.token, 403);
      for (const url of [
        `/Encounter/00000000-0000-4000-8000-000000000000`,
        '/DocumentReference/not-an-id',
        `/Binary/00000000-0000-4000-8000-000000000000`,
        `/CareTeam/00000000-0000-4000-8000-000000000000`,
        '/Appointment?patient=00000000-0000-4000-8000-000000000000',
      ])
        await refused(url, gp.token, 404);
      for (const url of [`/CareTeam/${patientId}`, `/Encounter?patient=${patientId}`])
        await refused(url, null, 401);
    });

    test('a search names one patient; an unsupported parameter is refused naming it', async () => {
      for (const [url, named] of [
        ['/DocumentReference', 'patient'],
        ['/Encounter?status=finished', 'patient'],
        [`/Appointment?patient=${patientId},${otherPatientId}`, 'patient'],
        [`/CareTeam?patient=${patientId}&subject=${otherPatientId}`, 'patient'],
        [`/Encounter?subject=Group/${patientId}`, 'subject'],
        [`/Appointment?subject=${patientId}`, 'subject'],
        [`/DocumentReference?patient=${patientId}&category=clinical-note`, 'category'],
        [`/Encounter?patient=${patientId}&date=2026-13`, 'date'],
        [`/Appointment?patient=${patientId}&_sort=date`, '_sort'],
      ] as const) {
        const outcome = await refused(url, gp.token, 400);
        assert.deepEqual(outcome.issue[0]?.expression, [named], url);
      }
      const crossPatient = await refused('/Appointment?status=booked', gp.token, 400);
      assert.match(crossPatient.issue[0]?.diagnostics ?? '', /must name one patient/);
    });

    test('a status outside R4’s required value set is refused, even for a patient with nothing to match', async () => {
      // A bare patient: no stay, document or appointment, so no resource is ever looked at.
      const barePatientId = await createPatient(relais, [gp.practitionerId]);
      for (const [type, allowed] of [
        ['Encounter', 'in-progress'],
        ['DocumentReference', 'current'],
        ['Appointment', 'booked'],
        ['CareTeam', 'active'],
      ] as const) {
        const outcome = await refused(`/${type}?patient=${barePatientId}&status=nonsense`, gp.token, 400);
        assert.deepEqual(outcome.issue[0]?.expression, ['status'], type);
        assert.match(
          outcome.issue[0].diagnostics ?? '',
          new RegExp(`'nonsense' is not a status code.*${allowed}`),
        );
      }
      const badDate = await refused(`/Encounter?patient=${barePatientId}&date=2026-13`, gp.token, 400);
      assert.deepEqual(badDate.issue[0]?.expression, ['date']);
    });

    test('the CapabilityStatement lists the new types with their search parameters', async () => {
      const response = await get('/metadata', null);
      const resources = response.json<{
        rest: { resource: { type: string; searchParam?: { name: string }[] }[] }[];
      }>().rest[0]?.resource;
      const params = (type: string) =>
        resources?.find((resource) => resource.type === type)?.searchParam?.map((p) => p.name);
      assert.deepEqual(params('Appointment'), ['patient', '_id', 'status', 'date']);
      assert.deepEqual(params('Binary'), []);
      for (const type of [
        'Practitioner',
        'PractitionerRole',
        'Organization',
        'CareTeam',
        'Encounter',
        'DocumentReference',
      ])
        assert.ok(params(type) !== undefined, type);
    });
  });
}
