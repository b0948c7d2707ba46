import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import type {
  LetterReceipt,
  LetterView,
  ReadmissionRiskView,
  ReconciliationView,
} from '../contracts/discharge-contracts.ts';
import type { CoordinationRecord } from '../contracts/record-contracts.ts';
import type { ClinicalEntry } from '../domain/record/clinical-entry.ts';
import { COMPLETE_LETTER } from '../../tests/support/discharge-letters.ts';
import {
  bearer,
  createHospitalService,
  createPatient,
  createProfessional,
} from '../../tests/support/factories.ts';
import { admitPatient, dischargePatient } from '../../tests/support/stays.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

type Caller = { readonly token: string };
type Method = 'GET' | 'POST' | 'PUT';

const medication = (name: string, atcCode: string | null, dosage: string): ClinicalEntry => ({
  kind: 'medication',
  atcCode,
  name,
  dosage,
  startedOn: '2025-06-01',
  status: 'active',
});
const condition = (code: string): ClinicalEntry => ({
  kind: 'condition',
  codeSystem: 'ICD-10',
  code,
  display: code,
  clinicalStatus: 'active',
  onsetDate: null,
});
const result = (loincCode: string, value: number, unit: string, at: Date): ClinicalEntry => ({
  kind: 'result',
  loincCode,
  display: loincCode,
  valueNumeric: value,
  valueText: null,
  unit,
  referenceRange: null,
  interpretation: null,
  effectiveAt: at.toISOString(),
});

for (const { dialect, skip } of testDialects()) {
  describe(`discharge documents on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    const call = (who: Caller, method: Method, url: string, payload?: object) => {
      const request: InjectOptions = { method, url, headers: bearer(who.token) };
      if (payload !== undefined) request.payload = payload;
      return relais.http.inject(request);
    };
    const ok = async <T>(who: Caller, method: Method, url: string, payload?: object) => {
      const response = await call(who, method, url, payload);
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.statusCode === 204 ? (undefined as T) : response.json<T>();
    };
    const eventsOf = async (patientId: string, type: string) =>
      (
        await relais.database.db
          .selectFrom('events')
          .select(['payload', 'actor_account_id'])
          .where('patient_id', '=', patientId)
          .where('type', '=', type)
          .orderBy('seq')
          .execute()
      ).map((row) => row.payload as Record<string, unknown>);
    const countRows = async (table: 'events' | 'documents' | 'discharge_letters', patientId: string) =>
      Number(
        (
          await relais.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('patient_id', '=', patientId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** A GP's patient on a few treatments, admitted to a cardiology service and discharged. */
    const territory = async (entries: ClinicalEntry[] = []) => {
      const gp = await createProfessional(relais);
      const serviceId = await createHospitalService(relais, 'cardiology');
      const hospitalDoctor = await createProfessional(relais, 'physician', { organizationId: serviceId });
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          medication('Bisoprolol 5 mg', 'C07AB07', '1 cp le matin'),
          medication('Furosémide 40 mg', 'C03CA01', '1 cp le matin'),
          medication('Ibuprofène 400 mg', null, '1 cp si douleur'),
          ...entries,
        ],
      });
      const stay = await admitPatient(relais, patientId, { serviceId, admittedAt: daysAgo(9) });
      const discharged = await dischargePatient(relais, stay, daysAgo(2));
      const base = `/api/patients/${patientId}/stays/${stay.id}`;
      return { gp, serviceId, hospitalDoctor, outsider, patientId, stay: discharged, base };
    };

    test('a structured letter is rendered to PDF, stored as the record document and announced', async () => {
      const { gp, hospitalDoctor, patientId, stay, base } = await territory();
      const receipt = await ok<LetterReceipt>(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'structured',
        structured: COMPLETE_LETTER,
      });
      assert.equal(receipt.status, 'complete');
      assert.deepEqual(receipt.missingParts, []);
      const document = await relais.database.db
        .selectFrom('documents')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('id', '=', receipt.documentId)
        .executeTakeFirstOrThrow();
      assert.equal(document.type_code, '11490-0');
      assert.equal(document.mime_type, 'application/pdf');
      assert.equal(Buffer.from(document.content.subarray(0, 5)).toString('latin1'), '%PDF-');
      assert.equal(document.author_practitioner_id, hospitalDoctor.practitionerId);

      const [received] = await eventsOf(patientId, 'discharge-letter.received');
      assert.deepEqual(received, {
        stayId: stay.id,
        letterId: receipt.id,
        documentId: receipt.documentId,
        kind: 'structured',
        complete: true,
        missingParts: 0,
        version: 1,
      });
      const added = await eventsOf(patientId, 'document.added');
      assert.ok(
        added.some(
          (payload) => payload['entryId'] === receipt.documentId && payload['typeCode'] === '11490-0',
        ),
      );

      // The GP reads it, and the PDF (also in the record's documents).
      const view = await ok<LetterView>(gp, 'GET', `${base}/letter`);
      assert.equal(view.status, 'complete');
      assert.equal(view.letter?.content?.reasonForAdmission, 'Décompensation cardiaque');
      assert.equal(view.canAcknowledge, true);
      const pdf = await call(gp, 'GET', `${base}/letter/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const record = await ok<CoordinationRecord>(gp, 'GET', `/api/patients/${patientId}`);
      assert.ok(record.documents.some((d) => d.id === receipt.documentId));
    });

    test('an incomplete structured letter is kept and lists its missing parts in French and English', async () => {
      const { hospitalDoctor, gp, patientId, base } = await territory();
      const receipt = await ok<LetterReceipt>(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'structured',
        structured: { ...COMPLETE_LETTER, reasonForAdmission: null, pendingResults: null },
      });
      assert.equal(receipt.status, 'incomplete');
      assert.deepEqual(receipt.missingParts, [
        { part: 'reason-for-admission', fr: "Motif d'hospitalisation", en: 'Reason for admission' },
        { part: 'pending-results', fr: 'Résultats en attente', en: 'Pending results' },
      ]);
      const view = await ok<LetterView>(gp, 'GET', `${base}/letter`);
      assert.equal(view.status, 'incomplete');
      assert.deepEqual(
        view.letter?.missingParts.map((m) => m.part),
        ['reason-for-admission', 'pending-results'],
      );
      const [received] = await eventsOf(patientId, 'discharge-letter.received');
      assert.equal(received?.['complete'], false);
      assert.equal(received['missingParts'], 2);
    });

    test('a PDF upload is stored unchecked; what is not a PDF, or malformed, is refused and nothing is written', async () => {
      const { hospitalDoctor, gp, patientId, base } = await territory();
      const before = await countRows('events', patientId);
      const notPdf = await call(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'pdf',
        contentBase64: Buffer.from('<html>lettre</html>').toString('base64'),
      });
      assert.equal(notPdf.statusCode, 400);
      assert.equal(notPdf.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.match(notPdf.json<{ detail: string }>().detail, /contentBase64 is not a PDF/);
      const badAtc = await call(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'structured',
        structured: {
          ...COMPLETE_LETTER,
          dischargeTreatments: [{ name: 'X', atcCode: 'XX', dosage: '1', duration: null }],
        },
      });
      assert.equal(badAtc.statusCode, 400);
      assert.match(
        badAtc.json<{ detail: string }>().detail,
        /dischargeTreatments\/0\/atcCode "XX" is not an ATC code/,
      );
      const unknownField = await call(hospitalDoctor, 'POST', `${base}/letter`, { kind: 'pdf', pdf: 'x' });
      assert.equal(unknownField.statusCode, 400);
      assert.equal(await countRows('events', patientId), before);
      assert.equal(await countRows('documents', patientId), 0);

      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const receipt = await ok<LetterReceipt>(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'pdf',
        contentBase64: pdf.toString('base64'),
      });
      assert.equal(receipt.status, 'unchecked');
      const view = await ok<LetterView>(gp, 'GET', `${base}/letter`);
      assert.equal(view.letter?.kind, 'pdf');
      assert.equal(view.status, 'unchecked');
      const served = await call(gp, 'GET', `${base}/letter/pdf`);
      assert.deepEqual(served.rawPayload, pdf);
      const [received] = await eventsOf(patientId, 'discharge-letter.received');
      assert.equal(received?.['kind'], 'pdf');
      assert.equal(received['complete'], false);
    });

    test('the GP acknowledges the letter once; the hospital doctor outside the care team cannot', async () => {
      const { gp, hospitalDoctor, patientId, stay, base } = await territory();
      const missing = await call(gp, 'POST', `${base}/letter/acknowledge`);
      assert.equal(missing.statusCode, 404);
      const receipt = await ok<LetterReceipt>(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'structured',
        structured: COMPLETE_LETTER,
      });
      assert.equal((await call(hospitalDoctor, 'POST', `${base}/letter/acknowledge`)).statusCode, 403);
      await ok(gp, 'POST', `${base}/letter/acknowledge`);
      await ok(gp, 'POST', `${base}/letter/acknowledge`);
      assert.deepEqual(await eventsOf(patientId, 'discharge-letter.acknowledged'), [
        { stayId: stay.id, letterId: receipt.id, version: 1 },
      ]);
      const view = await ok<LetterView>(gp, 'GET', `${base}/letter`);
      assert.equal(view.letter?.acknowledgedBy, gp.practitionerId);
      assert.equal(view.canAcknowledge, false);
    });

    test('access: an outsider is refused and audited; staff of the stay hospital write the letter, other staff do not', async () => {
      const { outsider, hospitalDoctor, patientId, base } = await territory();
      const otherHospital = await createProfessional(relais, 'physician', {
        organizationId: await createHospitalService(relais, 'cardiology'),
      });
      for (const [method, url] of [
        ['GET', `${base}/letter`],
        ['GET', `${base}/reconciliation`],
        ['GET', `${base}/readmission-risk`],
      ] as const) {
        const response = await call(outsider, method, url);
        assert.equal(response.statusCode, 403, url);
      }
      const refused = await call(otherHospital, 'POST', `${base}/letter`, {
        kind: 'structured',
        structured: COMPLETE_LETTER,
      });
      assert.equal(refused.statusCode, 403);
      // The stay's hospital doctor is not in the care team: the letter yes, the reconciliation no.
      await ok(hospitalDoctor, 'POST', `${base}/letter`, { kind: 'structured', structured: COMPLETE_LETTER });
      await ok(hospitalDoctor, 'GET', `${base}/letter`);
      assert.equal((await call(hospitalDoctor, 'GET', `${base}/reconciliation`)).statusCode, 403);

      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['resource', 'action', 'outcome', 'reason', 'actor_role'])
        .where('patient_id', '=', patientId)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.filter((entry) => entry.outcome === 'denied').map((entry) => [entry.resource, entry.action]),
        [
          ['discharge-letter', 'read'],
          ['medication-reconciliation', 'read'],
          ['readmission-risk', 'read'],
          ['discharge-letter', 'write'],
          ['medication-reconciliation', 'read'],
        ],
      );
      assert.deepEqual(
        audit
          .filter((entry) => entry.outcome === 'allowed')
          .map((entry) => [entry.resource, entry.action, entry.reason, entry.actor_role]),
        [
          ['discharge-letter', 'write', "staff of the stay's hospital", 'hospital-staff'],
          ['discharge-letter', 'read', "staff of the stay's hospital", 'hospital-staff'],
        ],
      );
    });

    test('reconciliation: drafted from the record and the letter, reasons edited, confirmed into the medication list', async () => {
      const { gp, hospitalDoctor, patientId, stay, base } = await territory();
      await ok(hospitalDoctor, 'POST', `${base}/letter`, {
        kind: 'structured',
        structured: {
          ...COMPLETE_LETTER,
          dischargeTreatments: [
            { name: 'Bisoprolol 5 mg', atcCode: 'C07AB07', dosage: '1 cp le matin', duration: null },
            { name: 'Furosémide 40 mg', atcCode: 'C03CA01', dosage: '2 cp le matin', duration: '1 mois' },
            { name: 'Spironolactone 25 mg', atcCode: 'C03DA01', dosage: '1 cp le matin', duration: '3 mois' },
          ],
          stoppedTreatments: [
            { name: 'Ibuprofène', atcCode: null, dosage: null, reason: 'Insuffisance rénale' },
          ],
        },
      });
      const proposal = await ok<ReconciliationView>(gp, 'GET', `${base}/reconciliation`);
      assert.equal(proposal.version, 0);
      assert.equal(proposal.dischargeSource, 'letter');
      const byName = (view: ReconciliationView) =>
        Object.fromEntries(
          view.lines.map((line) => [(line.before ?? line.after)?.name ?? '', [line.class, line.reason]]),
        ) as Record<string, [string, string | null]>;
      assert.deepEqual(byName(proposal), {
        'Bisoprolol 5 mg': ['continued', null],
        'Furosémide 40 mg': ['changed', null],
        'Ibuprofène 400 mg': ['stopped', 'Insuffisance rénale'],
        'Spironolactone 25 mg': ['new', null],
      });
      const furosemide = proposal.lines.find((line) => line.class === 'changed');
      assert.ok(furosemide);
      const draft = await ok<ReconciliationView>(gp, 'PUT', `${base}/reconciliation`, {
        version: 0,
        reasons: [{ key: furosemide.key, reason: 'Congestion résiduelle' }],
      });
      assert.equal(draft.version, 1);
      const stale = await call(gp, 'PUT', `${base}/reconciliation`, { version: 0, reasons: [] });
      assert.equal(stale.statusCode, 409);
      const unknownLine = await call(gp, 'PUT', `${base}/reconciliation`, {
        version: 1,
        reasons: [{ key: 'med:nope', reason: 'x' }],
      });
      assert.equal(unknownLine.statusCode, 400);
      assert.match(unknownLine.json<{ detail: string }>().detail, /reasons: no line med:nope/);
      // The letter is structured: its treatments cannot be overridden here.
      const typed = await call(gp, 'PUT', `${base}/reconciliation`, {
        version: 1,
        reasons: [],
        dischargeLines: [{ name: 'X', atcCode: null, dosage: '1', duration: null }],
      });
      assert.equal(typed.statusCode, 400);

      const confirmed = await ok<ReconciliationView>(gp, 'POST', `${base}/reconciliation/confirm`, {
        version: 1,
        reasons: [],
      });
      assert.equal(confirmed.status, 'confirmed');
      assert.equal(byName(confirmed)['Furosémide 40 mg']?.[1], 'Congestion résiduelle');
      assert.equal(
        (await call(gp, 'POST', `${base}/reconciliation/confirm`, { version: 2, reasons: [] })).statusCode,
        409,
      );

      const provenance = `reconciliation:${confirmed.id ?? ''}`;
      const medications = await relais.database.db
        .selectFrom('medications')
        .select(['name', 'dosage', 'status', 'ended_on', 'started_on', 'provenance'])
        .where('patient_id', '=', patientId)
        .orderBy('name')
        .orderBy('status')
        .execute();
      const dischargeDay = stay.dischargedAt?.toISOString().slice(0, 10) ?? '';
      assert.deepEqual(
        medications.map((m) => [m.name, m.dosage, m.status, m.ended_on, m.provenance]),
        [
          ['Bisoprolol 5 mg', '1 cp le matin', 'active', null, null],
          ['Furosémide 40 mg', '2 cp le matin (durée : 1 mois)', 'active', null, provenance],
          ['Furosémide 40 mg', '1 cp le matin', 'stopped', dischargeDay, provenance],
          ['Ibuprofène 400 mg', '1 cp si douleur', 'stopped', dischargeDay, provenance],
          ['Spironolactone 25 mg', '1 cp le matin (durée : 3 mois)', 'active', null, provenance],
        ],
      );
      assert.deepEqual(await eventsOf(patientId, 'medication-reconciliation.confirmed'), [
        { stayId: stay.id, reconciliationId: confirmed.id, continued: 1, changed: 1, stopped: 1, new: 1 },
      ]);
      assert.equal((await eventsOf(patientId, 'medication.stopped')).length, 2);
      const recorded = await eventsOf(patientId, 'medication.recorded');
      assert.equal(recorded.filter((payload) => payload['provenance'] === provenance).length, 2);
      const record = await ok<CoordinationRecord>(gp, 'GET', `/api/patients/${patientId}`);
      assert.equal(record.medications.filter((m) => m.provenance === provenance).length, 4);
    });

    test('with a PDF letter the discharge lines are typed in; confirming with none at all is refused', async () => {
      const { gp, hospitalDoctor, base } = await territory();
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
      await ok(hospitalDoctor, 'POST', `${base}/letter`, { kind: 'pdf', contentBase64: pdf });
      const empty = await call(gp, 'POST', `${base}/reconciliation/confirm`, { version: 0, reasons: [] });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.json<{ detail: string }>().detail, /no discharge prescription yet/);
      const draft = await ok<ReconciliationView>(gp, 'PUT', `${base}/reconciliation`, {
        version: 0,
        reasons: [],
        dischargeLines: [{ name: 'BISOPROLOL 5mg', atcCode: null, dosage: '1 cp le matin', duration: null }],
      });
      assert.equal(draft.dischargeSource, 'entered');
      assert.deepEqual(
        draft.lines.map((line) => [line.before?.name ?? line.after?.name, line.class, line.matchedBy]),
        [
          ['Bisoprolol 5 mg', 'continued', 'name'],
          ['Furosémide 40 mg', 'stopped', null],
          ['Ibuprofène 400 mg', 'stopped', null],
        ],
      );
      // The typed lines are kept with the draft.
      const again = await ok<ReconciliationView>(gp, 'GET', `${base}/reconciliation`);
      assert.equal(again.lines[0]?.after?.name, 'BISOPROLOL 5mg');
    });

    test('discharge: the readmission risk is assessed from the record; a high risk gives the coordinator one task', async () => {
      const coordinator = await createProfessional(relais, 'nurse');
      const gp = await createProfessional(relais);
      const serviceId = await createHospitalService(relais, 'cardiology');
      const patientId = await createPatient(relais, [gp.practitionerId], {
        entries: [
          condition('I50.9'),
          condition('J44.9'),
          condition('N18.3'),
          condition('E11.9'),
          { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
          result('718-7', 10.8, 'g/dL', daysAgo(17)),
          result('718-7', 11.4, 'g/dL', daysAgo(4)),
          result('2951-2', 131, 'mmol/L', daysAgo(4)),
          // Before the stay: not read.
          result('2951-2', 128, 'mmol/L', daysAgo(60)),
        ],
      });
      // Two ED visits in the last 6 months, and one a year ago.
      for (const days of [40, 120, 300]) {
        const visit = await admitPatient(relais, patientId, {
          patientClass: 'emergency',
          admittedAt: daysAgo(days),
        });
        await dischargePatient(relais, visit, daysAgo(days - 0.2));
      }
      const stay = await admitPatient(relais, patientId, { serviceId, admittedAt: daysAgo(20) });
      await dischargePatient(relais, stay, daysAgo(3));
      await relais.jobs.readmissionRisk?.drain();
      await settleJournal(relais);

      const risk = await ok<ReadmissionRiskView>(
        gp,
        'GET',
        `/api/patients/${patientId}/stays/${stay.id}/readmission-risk`,
      );
      const assessment = risk.assessment;
      assert.ok(assessment);
      assert.deepEqual(
        assessment.lace.items.map(({ item, value, points }) => [item, value, points]),
        [
          ['L', 17, 7],
          ['A', true, 3],
          ['C', 5, 5],
          ['E', 2, 2],
        ],
      );
      assert.equal(assessment.lace.total, 17);
      assert.equal(assessment.cutoff, 10);
      assert.equal(assessment.band, 'high');
      // H 1 (11.4) + O 0 + S 1 (131) + P 0 + I 1 + A 0 (no earlier admission) + L 2 = 5.
      assert.equal(assessment.hospital?.total, 5);
      assert.equal(assessment.hospital.band, 'intermediate');
      const [assessed] = await eventsOf(patientId, 'readmission-risk.assessed');
      assert.deepEqual(assessed, {
        stayId: stay.id,
        lace: 17,
        band: 'high',
        hospitalScore: 5,
        hospitalBand: 'intermediate',
      });

      const tasks = () =>
        relais.database.db
          .selectFrom('tasks')
          .select(['assignee_kind', 'assignee_role', 'origin_kind', 'origin_ref', 'idempotency_key'])
          .where('patient_id', '=', patientId)
          .where('origin_kind', '=', 'transition')
          .execute();
      assert.deepEqual(await tasks(), [
        {
          assignee_kind: 'care-team-role',
          assignee_role: 'coordinator',
          origin_kind: 'transition',
          origin_ref: stay.id,
          idempotency_key: `readmission-risk:${stay.id}`,
        },
      ]);
      // The same discharge handed over again (a replay) adds nothing.
      const [event] = await relais.database.db
        .selectFrom('events')
        .select(['id', 'type', 'patient_id', 'actor_account_id', 'occurred_at', 'payload'])
        .where('patient_id', '=', patientId)
        .where('type', '=', 'stay.discharged')
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      assert.ok(event);
      await relais.services.readmissionAssessor.handleEvents([
        {
          id: event.id,
          type: 'stay.discharged',
          patientId,
          actorAccountId: null,
          occurredAt: event.occurred_at,
          payload: event.payload as Record<string, string>,
        },
      ]);
      assert.equal((await tasks()).length, 1);
      assert.equal((await eventsOf(patientId, 'readmission-risk.assessed')).length, 1);
    });

    test('a low-risk discharge without laboratory values: LACE only, no task', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const stay = await admitPatient(relais, patientId, {
        admissionKind: 'elective',
        admittedAt: daysAgo(3),
      });
      await dischargePatient(relais, stay, daysAgo(1));
      await relais.jobs.readmissionRisk?.drain();
      await settleJournal(relais);
      const risk = await ok<ReadmissionRiskView>(
        gp,
        'GET',
        `/api/patients/${patientId}/stays/${stay.id}/readmission-risk`,
      );
      assert.equal(risk.assessment?.lace.total, 2);
      assert.equal(risk.assessment.band, 'below-cutoff');
      assert.equal(risk.assessment.hospital, null);
      const tasks = await relais.database.db
        .selectFrom('tasks')
        .select('id')
        .where('patient_id', '=', patientId)
        .execute();
      assert.equal(tasks.length, 0);
    });
  });
}
