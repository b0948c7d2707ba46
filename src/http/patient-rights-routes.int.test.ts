import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import type { Relais } from '../app.ts';
import type { CoordinationRecord } from '../contracts/record-contracts.ts';
import type { PatientExportFile } from '../domain/patient-rights/patient-export.ts';
import { PATIENT_SCOPED_COLUMNS } from '../store/sql-patient-export.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
  fictionalIns,
} from '../../tests/support/factories.ts';
import { pdfText } from '../../tests/support/pdf-text.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';

const SECTION_HEADINGS_FR = [
  'Identité',
  'Équipe de soins',
  'Problèmes de santé',
  'Traitements',
  'Allergies',
  'Derniers résultats',
  'Documents',
  'Prochains rendez-vous',
  'Parcours de soins',
  'Vos choix de partage',
  'Demander une correction',
];

for (const { dialect, skip } of testDialects()) {
  describe(`patient rights (GDPR) on ${dialect}`, { skip }, () => {
    let relais: Relais;
    const logLines: string[] = [];
    before(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logLines.push(chunk.toString('utf8'));
          callback();
        },
      });
      relais = await startTestRelais(dialect, {}, { logger: pino({ level: 'debug' }, sink) });
    });
    after(() => relais.close());

    /** A patient with distinctive rows in several tables, so a leak from one patient to another shows. */
    const plantPatient = async (gpId: string, mark: string) => {
      // Bytes that are no text (a PNG signature, a NUL, 0xff), so only a faithful encoding round-trips.
      const content = new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x7f,
      ]);
      const patientId = await createPatient(relais, [gpId], {
        identity: {
          birthFamilyName: `Nom${mark}`,
          firstGivenName: `Prénom${mark}`,
          givenNames: `Prénom${mark}`,
        },
        entries: [
          {
            kind: 'medication',
            atcCode: 'A10BA02',
            name: `Metformine ${mark}`,
            dosage: '1 cp matin et soir',
            startedOn: null,
            status: 'active',
          },
          { kind: 'allergy', substance: `Pénicilline ${mark}`, reaction: null, criticality: 'high' },
          {
            kind: 'document',
            typeCode: '11488-4',
            title: `CR ${mark}`,
            mimeType: 'image/png',
            content,
          },
        ],
      });
      // A raw HL7 message naming someone else too (as an A40 merge would): its raw text stays out.
      await relais.database.db
        .insertInto('hl7_messages')
        .values({
          id: randomUUID(),
          facility: '750000001',
          application: 'ADT',
          control_id: randomUUID().slice(0, 20),
          event: 'A40',
          message_type: 'ADT^A40',
          version: '2.5',
          raw: `MSH|...|PID|||${mark}^^^IPP||NomVoisin${mark}^Autre`,
          received_at: new Date(),
          ack_code: 'AA',
          ack_text: 'accepted',
          status: 'applied',
          status_reason: null,
          patient_id: patientId,
          applied_at: new Date(),
        })
        .execute();
      return { patientId, content, mark };
    };

    /** A task about the patient, assigned to the GP, with one comment; answers the comment's id. */
    const commentOnTaskAbout = async (
      { token, practitionerId }: { token: string; practitionerId: string },
      patientId: string,
      text: string,
    ) => {
      const task = await relais.http.inject({
        method: 'POST',
        url: '/api/tasks',
        headers: bearer(token),
        payload: {
          patientId,
          title: 'Rappeler le patient',
          details: null,
          assignee: { kind: 'practitioner', practitionerId },
          priority: 'normal',
          dueAt: null,
          about: null,
        },
      });
      assert.equal(task.statusCode, 201, task.body);
      const comment = await relais.http.inject({
        method: 'POST',
        url: `/api/tasks/${task.json<{ id: string }>().id}/comments`,
        headers: bearer(token),
        payload: { text },
      });
      assert.equal(comment.statusCode, 201, comment.body);
      return comment.json<{ id: string }>().id;
    };

    const exportOf = async (url: string, token: string) => {
      const response = await relais.http.inject({ url, headers: bearer(token) });
      assert.equal(response.statusCode, 200, response.body);
      assert.match(
        String(response.headers['content-disposition']),
        /^attachment; filename="relais-export-.*\.json"$/,
      );
      return { file: response.json<PatientExportFile>(), text: response.body };
    };

    test('the export holds every patient-scoped table, this patient’s rows and none of another’s', async () => {
      const gp = await createProfessional(relais);
      const mine = await plantPatient(gp.practitionerId, `A${randomUUID().slice(0, 6)}`);
      const theirs = await plantPatient(gp.practitionerId, `B${randomUUID().slice(0, 6)}`);
      const patient = await createPatientAccount(relais, mine.patientId);
      const comment = await commentOnTaskAbout(gp, mine.patientId, `Commentaire ${mine.mark}`);
      await settleJournal(relais);

      const { file, text } = await exportOf('/api/portal/export', patient.token);
      assert.equal(file.format, 'relais-patient-export');
      assert.equal(file.formatVersion, 1);
      assert.equal(file.patientId, mine.patientId);
      assert.equal(file.requestedBy, 'patient');
      assert.ok(!Number.isNaN(Date.parse(file.exportedAt)));

      // Every table with a patient_id column, as the catalogue says, and nothing else.
      const { rows: catalogue } = await PATIENT_SCOPED_COLUMNS.execute(relais.database.db);
      const scoped = [...new Set(catalogue.map((row) => row.table_name))].sort();
      assert.deepEqual(Object.keys(file.tables).sort(), scoped);
      for (const table of ['patients', 'medications', 'documents', 'events', 'audit_entries', 'accounts'])
        assert.ok(scoped.includes(table), `${table} is patient-scoped`);

      for (const [name, table] of Object.entries(file.tables)) {
        for (const row of table.rows) assert.equal(row['patient_id'], mine.patientId, `a row of ${name}`);
      }
      assert.ok(!text.includes(theirs.patientId), "the other patient's id appears nowhere");
      assert.ok(!text.includes('NomB'), "the other patient's name appears nowhere");
      assert.ok(!text.includes('NomVoisin'), 'the raw HL7 message is left out');
      assert.deepEqual(
        file.tables['medications']?.rows.map((row) => row['name']),
        [`Metformine ${mine.mark}`],
      );
      assert.deepEqual(
        file.tables['task_comments']?.rows.map((row) => [row['id'], row['body']]),
        [[comment, `Commentaire ${mine.mark}`]],
        "a comment on the patient's task is their data",
      );
      const document = file.tables['documents']?.rows[0];
      assert.equal(typeof document?.['content'], 'string');
      assert.deepEqual(new Uint8Array(Buffer.from(String(document?.['content']), 'base64')), mine.content);
      assert.equal(typeof document?.['created_at'], 'string');
      assert.match(String(document?.['created_at']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.ok(
        file.tables['documents']?.columns.some(
          (column) => column.name === 'content' && column.type === 'bytea',
        ),
      );

      // Reductions, each named with its reason; secrets never leave.
      const accountColumns = file.tables['accounts']?.columns.map((column) => column.name) ?? [];
      assert.ok(accountColumns.includes('login') && !accountColumns.includes('password_hash'));
      assert.ok(!accountColumns.includes('totp_secret'));
      assert.ok(!text.includes('$argon2'), 'no password hash');
      const leftOut = file.leftOut.columns.map(({ table, column }) => `${table}.${column}`);
      for (const column of [
        'accounts.password_hash',
        'accounts.totp_secret',
        'hl7_messages.raw',
        'audit_entries.client_address',
      ])
        assert.ok(leftOut.includes(column), `${column} is listed as left out`);
      assert.ok(file.leftOut.columns.every(({ why }) => why.length > 10));
      assert.equal(file.leftOut.hiddenCategories, null);

      // The access log: the patient's own export request is in it.
      const accessLog = file.tables['audit_entries']?.rows ?? [];
      assert.ok(accessLog.some((row) => row['resource'] === 'export' && row['action'] === 'read'));
    });

    test('an export is audited as an export; outside the care team it is refused and audited', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const { patientId } = await plantPatient(gp.practitionerId, `C${randomUUID().slice(0, 6)}`);
      const { file } = await exportOf(`/api/patients/${patientId}/export`, gp.token);
      assert.equal(file.requestedBy, 'professional');
      assert.equal(file.basis, 'care-team');
      // The identity is qualifiée (factory): its INS is shared with the care team.
      assert.notEqual(file.tables['patients']?.rows[0]?.['ins_matricule'], null);

      const refused = await relais.http.inject({
        url: `/api/patients/${patientId}/export`,
        headers: bearer(outsider.token),
      });
      assert.equal(refused.statusCode, 403, refused.body);
      const refusedPdf = await relais.http.inject({
        url: `/api/patients/${patientId}/export/summary.pdf`,
        headers: bearer(outsider.token),
      });
      assert.equal(refusedPdf.statusCode, 403);

      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['account_id', 'action', 'resource', 'outcome'])
        .where('patient_id', '=', patientId)
        .where('resource', 'in', ['export', 'export-summary'])
        .orderBy('seq')
        .execute();
      const gpAccount = await accountIdOf(relais, gp.token);
      const outsiderAccount = await accountIdOf(relais, outsider.token);
      assert.deepEqual(audit, [
        { account_id: gpAccount, action: 'read', resource: 'export', outcome: 'allowed' },
        { account_id: gpAccount, action: 'export', resource: 'export', outcome: 'allowed' },
        { account_id: outsiderAccount, action: 'read', resource: 'export', outcome: 'denied' },
        { account_id: outsiderAccount, action: 'read', resource: 'export-summary', outcome: 'denied' },
      ]);
    });

    test('a patient exports only themself; professionals use the record routes, not the portal', async () => {
      const gp = await createProfessional(relais);
      const own = await createPatient(relais, [gp.practitionerId]);
      const other = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, own);
      for (const url of [`/api/patients/${other}/export`, `/api/patients/${other}/export/summary.pdf`]) {
        const response = await relais.http.inject({ url, headers: bearer(patient.token) });
        assert.equal(response.statusCode, 403, url);
      }
      for (const url of ['/api/portal/export', '/api/portal/export/summary.pdf']) {
        const response = await relais.http.inject({ url, headers: bearer(gp.token) });
        assert.equal(response.statusCode, 403, url);
      }
      const { file } = await exportOf('/api/portal/export', patient.token);
      assert.equal(file.patientId, own);
    });

    test('a professional’s export leaves out the categories the patient restricted away from them, and says so', async () => {
      const gp = await createProfessional(relais);
      const psychiatrist = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId, psychiatrist.practitionerId], {
        identity: { identityStatus: 'VALI' },
        entries: [
          {
            kind: 'document',
            typeCode: '11488-4',
            title: 'Suivi psychiatrique',
            mimeType: 'text/plain',
            content: new TextEncoder().encode('notes'),
            category: 'mental-health',
          },
          {
            kind: 'document',
            typeCode: '11488-4',
            title: 'Bilan cardiologique',
            mimeType: 'text/plain',
            content: new TextEncoder().encode('ECG'),
          },
        ],
      });
      const patient = await createPatientAccount(relais, patientId);
      const gad7 = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/questionnaires',
        headers: bearer(patient.token),
        payload: { instrument: 'GAD-7', answers: [1, 1, 1, 1, 1, 1, 1], difficulty: null },
      });
      assert.equal(gad7.statusCode, 201, gad7.body);
      await relais.database.db
        .insertInto('sharing_choices')
        .values({
          patient_id: patientId,
          id: randomUUID(),
          kind: 'restriction',
          practitioner_id: null,
          organization_id: null,
          category: 'mental-health',
          allowed_practitioner_ids: [psychiatrist.practitionerId],
          recorded_by_account_id: await accountIdOf(relais, patient.token),
          on_behalf: false,
          recorded_at: new Date(),
          withdrawn_at: null,
          withdrawn_by_account_id: null,
        })
        .execute();

      const { file, text } = await exportOf(`/api/patients/${patientId}/export`, gp.token);
      assert.deepEqual(
        file.tables['documents']?.rows.map((row) => row['title']),
        ['Bilan cardiologique'],
      );
      assert.deepEqual(file.tables['questionnaire_responses']?.rows, []);
      assert.ok(!text.includes('Suivi psychiatrique'));
      assert.ok(
        !(file.tables['events']?.rows ?? []).some((row) => String(row['type']).startsWith('questionnaire.')),
      );
      assert.deepEqual(file.leftOut.hiddenCategories?.categories, ['mental-health']);
      assert.ok(file.leftOut.hiddenCategories.tables.includes('documents'));
      assert.ok(file.leftOut.hiddenCategories.tables.includes('questionnaire_responses'));
      // The identity is validée, not qualifiée: the INS stays with the patient, as on the record.
      // So do the identity's versions (migration 0021), which hold it too.
      assert.equal(file.tables['patients']?.rows[0]?.['ins_matricule'], null);
      assert.equal(file.tables['patient_identity_versions']?.rows[0]?.['ins_matricule'], null);
      assert.deepEqual(file.leftOut.withheld.map((item) => [item.table, item.columns]).sort(), [
        ['patient_identity_versions', ['ins_matricule', 'ins_oid']],
        ['patients', ['ins_matricule', 'ins_oid']],
      ]);

      const named = await exportOf(`/api/patients/${patientId}/export`, psychiatrist.token);
      assert.equal(named.file.tables['documents']?.rows.length, 2);
      const own = await exportOf('/api/portal/export', patient.token);
      assert.equal(own.file.tables['documents']?.rows.length, 2);
      assert.equal(own.file.tables['questionnaire_responses']?.rows.length, 1);
      assert.notEqual(own.file.tables['patients']?.rows[0]?.['ins_matricule'], null);
      assert.equal(own.file.leftOut.hiddenCategories, null);
    });

    test('the readable summary is a PDF in plain French (or English) with every section', async () => {
      const gp = await createProfessional(relais);
      const mark = `D${randomUUID().slice(0, 6)}`;
      const { patientId } = await plantPatient(gp.practitionerId, mark);
      const patient = await createPatientAccount(relais, patientId);
      const enrolled = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${patientId}/pathways`,
        headers: bearer(gp.token),
        payload: { templateId: 'dt2-adulte-suivi', startOn: new Date().toISOString().slice(0, 10) },
      });
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      await relais.database.db
        .insertInto('sharing_choices')
        .values({
          patient_id: patientId,
          id: randomUUID(),
          kind: 'consent',
          practitioner_id: (await createProfessional(relais)).practitionerId,
          organization_id: null,
          category: null,
          allowed_practitioner_ids: [],
          recorded_by_account_id: await accountIdOf(relais, gp.token),
          on_behalf: true,
          recorded_at: new Date(),
          withdrawn_at: null,
          withdrawn_by_account_id: null,
        })
        .execute();

      const response = await relais.http.inject({
        url: '/api/portal/export/summary.pdf',
        headers: bearer(patient.token),
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.match(String(response.headers['content-disposition']), /^attachment; filename=".*\.pdf"$/);
      assert.equal(response.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdfText(response.rawPayload);
      for (const heading of SECTION_HEADINGS_FR) assert.ok(text.includes(heading), `missing "${heading}"`);
      assert.ok(text.includes(`Metformine ${mark} : 1 cp matin et soir (En cours)`), text);
      assert.ok(text.includes(`Pénicilline ${mark}`));
      assert.ok(text.includes('Identité qualifiée'));
      assert.ok(text.includes('Médecin traitant'));
      assert.ok(text.includes('Accord pour partager avec'));
      assert.ok(text.includes('Mes données') || text.includes('rectification'));

      const english = await relais.http.inject({
        url: `/api/patients/${patientId}/export/summary.pdf?lang=en`,
        headers: bearer(gp.token),
      });
      assert.equal(english.statusCode, 200, english.body);
      const englishText = pdfText(english.rawPayload);
      for (const heading of [
        'Identity',
        'Care team',
        'Medications',
        'Your sharing choices',
        'How to ask for a correction',
      ])
        assert.ok(englishText.includes(heading), `missing "${heading}"`);
      assert.ok(englishText.includes(`Metformine ${mark}: 1 cp matin et soir (Current)`));

      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['actor_kind', 'action'])
        .where('patient_id', '=', patientId)
        .where('resource', '=', 'export-summary')
        .where('action', '=', 'export')
        .orderBy('seq')
        .execute();
      assert.deepEqual(audit, [
        { actor_kind: 'patient', action: 'export' },
        { actor_kind: 'professional', action: 'export' },
      ]);
    });

    const rectify = (patientId: string, token: string, payload: Record<string, unknown>) =>
      relais.http.inject({
        method: 'PATCH',
        url: `/api/patients/${patientId}/identity`,
        headers: bearer(token),
        payload,
      });

    const rectifiedEvents = (patientId: string) =>
      relais.database.db
        .selectFrom('events')
        .select(['payload', 'actor_account_id'])
        .where('patient_id', '=', patientId)
        .where('type', '=', 'patient.identity-rectified')
        .orderBy('seq')
        .execute();

    test('a GP rectifies a strict trait: the identity changes, its status is lowered, the event keeps before and after', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        identity: { birthFamilyName: 'Lefevre', firstGivenName: 'Hélène' },
      });
      const response = await rectify(patientId, gp.token, {
        changes: { birthFamilyName: 'Lefèvre', phone: '06 12 34 56 78' },
        reason: 'Accent manquant, vu sur la carte d’identité',
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {
        changedFields: ['birthFamilyName', 'phone'],
        identityStatusBefore: 'QUAL',
        identityStatusAfter: 'RECUP',
      });
      const record = (
        await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(gp.token) })
      ).json<CoordinationRecord>();
      assert.equal(record.identity.birthFamilyName, 'Lefèvre');
      assert.equal(record.identity.phone, '06 12 34 56 78');
      assert.equal(record.identity.identityStatus, 'RECUP');
      const [event] = await rectifiedEvents(patientId);
      assert.deepEqual(event?.payload, {
        fields: 'birthFamilyName,phone',
        reason: 'Accent manquant, vu sur la carte d’identité',
        identityStatusBefore: 'QUAL',
        identityStatusAfter: 'RECUP',
        'birthFamilyName.before': 'Lefevre',
        'birthFamilyName.after': 'Lefèvre',
        'phone.before': null,
        'phone.after': '06 12 34 56 78',
      });
      assert.equal(event.actor_account_id, await accountIdOf(relais, gp.token));
      const timeline = record.timeline.find((entry) => entry.type === 'patient.identity-rectified');
      assert.equal(timeline?.summary['birthFamilyName.before'], 'Lefevre');
      // The care team finds the patient under the corrected name.
      const search = await relais.http.inject({
        url: '/api/patients?q=lefèvre hélène',
        headers: bearer(gp.token),
      });
      assert.ok(
        search.json<{ items: { patientId: string }[] }>().items.some((hit) => hit.patientId === patientId),
      );

      // A validée identity becomes provisoire; contact details alone change no status.
      const validated = await createPatient(relais, [gp.practitionerId], {
        identity: { identityStatus: 'VALI' },
      });
      const lowered = await rectify(validated, gp.token, {
        changes: { birthDate: '1980-05-13' },
        reason: 'Erreur de saisie',
      });
      assert.equal(lowered.json<{ identityStatusAfter: string }>().identityStatusAfter, 'PROV');
      const contact = await rectify(validated, gp.token, {
        changes: { email: 'h@example.org' },
        reason: 'Nouveau courriel',
      });
      assert.equal(contact.json<{ identityStatusAfter: string }>().identityStatusAfter, 'PROV');
      const qualified = await createPatient(relais, [gp.practitionerId]);
      const kept = await rectify(qualified, gp.token, {
        changes: { address: '1 rue de la Paix' },
        reason: 'Déménagement',
      });
      assert.deepEqual(kept.json(), {
        changedFields: ['address'],
        identityStatusBefore: 'QUAL',
        identityStatusAfter: 'QUAL',
      });

      // The journal consumers read the new event like any other, without failing or logging its values.
      await settleJournal(relais);
      const logs = logLines.join('');
      assert.ok(!logs.includes('"level":50'), 'no error was logged');
      assert.ok(logs.includes('/api/patients/:patientId/identity'), 'the requests were logged, by route');
      for (const value of ['Lefevre', 'Lefèvre', '06 12 34 56 78', 'Accent manquant', '1 rue de la Paix'])
        assert.ok(!logs.includes(value), `a log line carries "${value}"`);
    });

    test('bad rectifications are refused with 400 and write nothing', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const before = await relais.database.db
        .selectFrom('patients')
        .selectAll()
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      const badIns = { ...fictionalIns('female') };
      badIns.matricule = `${badIns.matricule.slice(0, 13)}${badIns.matricule.slice(13) === '00' ? '01' : '00'}`;
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ['an unknown field', { changes: { nickname: 'Lili' }, reason: 'x' }, /nickname|additional/],
        ['no change at all', { changes: {}, reason: 'x' }, /changes/],
        ['an invalid INS key', { changes: { ins: badIns }, reason: 'Nouvel INS' }, /INS key/],
        [
          'an INS of the other sex',
          { changes: { ins: fictionalIns('male') }, reason: 'Nouvel INS' },
          /contradicts the INS/,
        ],
        [
          'a birth date in the future',
          { changes: { birthDate: '2999-01-01' }, reason: 'x' },
          /in the future/,
        ],
        ['a birth date that is no date', { changes: { birthDate: '1980-02-31' }, reason: 'x' }, /birthDate/],
        ['an empty reason', { changes: { phone: '0102030405' }, reason: '' }, /reason/],
        ['a blank reason', { changes: { phone: '0102030405' }, reason: '   ' }, /reason/],
        [
          'the current value',
          { changes: { birthFamilyName: before.birth_family_name }, reason: 'x' },
          /nothing to rectify/,
        ],
      ];
      for (const [what, payload, detail] of cases) {
        const response = await rectify(patientId, gp.token, payload);
        assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.match(response.body, detail, what);
      }
      const after = await relais.database.db
        .selectFrom('patients')
        .selectAll()
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
      assert.deepEqual(await rectifiedEvents(patientId), []);

      // A patient may not rectify their record themself, nor may a professional outside the team.
      const patient = await createPatientAccount(relais, patientId);
      const outsider = await createProfessional(relais);
      for (const token of [patient.token, outsider.token]) {
        const response = await rectify(patientId, token, { changes: { phone: '0102030405' }, reason: 'x' });
        assert.equal(response.statusCode, 403, response.body);
      }
      assert.deepEqual(await rectifiedEvents(patientId), []);
    });

    test('a patient asks for a correction from the portal: a task for their GP, or their coordinator', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      const asked = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/rectification-requests',
        headers: bearer(patient.token),
        payload: { text: 'Mon deuxième prénom est Marie, pas Maria.' },
      });
      assert.equal(asked.statusCode, 201, asked.body);
      const { taskId, assignedTo } = asked.json<{ taskId: string; assignedTo: string }>();
      assert.equal(assignedTo, 'medecin_traitant');
      const task = await relais.database.db
        .selectFrom('tasks')
        .select([
          'patient_id',
          'title',
          'details',
          'assignee_kind',
          'assignee_role',
          'status',
          'created_by_account_id',
          'due_at',
        ])
        .where('id', '=', taskId)
        .executeTakeFirstOrThrow();
      assert.equal(task.patient_id, patientId);
      assert.match(task.title, /rectification/);
      assert.equal(task.details, 'Mon deuxième prénom est Marie, pas Maria.');
      assert.equal(task.assignee_kind, 'care-team-role');
      assert.equal(task.assignee_role, 'medecin_traitant');
      assert.equal(task.status, 'todo');
      assert.equal(task.created_by_account_id, await accountIdOf(relais, patient.token));
      assert.ok(task.due_at !== null && task.due_at.getTime() > Date.now() + 27 * 86_400_000);
      // The GP finds it in their task list.
      const worklist = await relais.http.inject({ url: '/api/worklist', headers: bearer(gp.token) });
      assert.ok(worklist.body.includes(taskId), worklist.body);

      const empty = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/rectification-requests',
        headers: bearer(patient.token),
        payload: { text: '  ' },
      });
      assert.equal(empty.statusCode, 400);

      // Without a GP, the coordinator gets it.
      const coordinator = await createProfessional(relais, 'nurse');
      const noGp = await createPatient(relais, []);
      await relais.database.db
        .insertInto('care_team_members')
        .values({
          patient_id: noGp,
          id: randomUUID(),
          practitioner_id: coordinator.practitionerId,
          role: 'coordinator',
          started_on: '2020-01-01',
          ended_on: null,
          added_by: null,
        })
        .execute();
      const other = await createPatientAccount(relais, noGp);
      const toCoordinator = await relais.http.inject({
        method: 'POST',
        url: '/api/portal/rectification-requests',
        headers: bearer(other.token),
        payload: { text: 'Mon adresse a changé.' },
      });
      assert.equal(toCoordinator.json<{ assignedTo: string }>().assignedTo, 'coordinator');
    });
  });
}
