import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { formatHl7DateTime } from '../../src/domain/hl7/hl7-time.ts';
import type { ClinicalEntry } from '../../src/domain/record/clinical-entry.ts';
import { startMllpListener, type MllpListener } from '../../src/integrations/hl7/mllp-listener.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { COMPLETE_LETTER } from '../support/discharge-letters.ts';
import {
  bearer,
  createHospitalService,
  createPatient,
  createProfessional,
  fictionalIns,
} from '../support/factories.ts';
import { ackOf } from '../support/hl7.ts';

const TIMEOUT = { timeout: 20_000 };

const medication = (name: string, atcCode: string, dosage: string): ClinicalEntry => ({
  kind: 'medication',
  atcCode,
  name,
  dosage,
  startedOn: '2025-06-01',
  status: 'active',
});

/** `count` empty HL7 fields, to reach a field by its position. */
const blanks = (count: number): string[] => new Array<string>(count).fill('');

/** HL7 time (Paris, as PAM France sends it) of an instant `hoursAgo` hours back. */
const hl7Time = (hoursAgo: number): string =>
  formatHl7DateTime(new Date(Date.now() - hoursAgo * 3_600_000), 'Europe/Paris');

/** A PAM France 2.11 admission or discharge of the patient whose INS (test OID) is `ins`. */
function adt(event: 'A01' | 'A03', facility: string, ins: string, at: string, admittedAt: string): string {
  const pid = `PID|||${ins}^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS~IPP-E2E^^^${facility}^PI||LEFEVRE^HELENE^^^^^L||19800512|F`;
  const pv1 = [
    'PV1',
    '',
    'I',
    `CARDIO^101^1^${facility}`,
    'U',
    ...blanks(14),
    `VISIT-E2E^^^${facility}^VN`,
    ...blanks(16),
    event === 'A03' ? '01' : '',
    ...blanks(7),
    admittedAt,
    event === 'A03' ? at : '',
  ].join('|');
  return [
    `MSH|^~\\&|SIH|${facility}|RELAIS|RELAIS|${at}||ADT^${event}^ADT_${event}|E2E-${event}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|||2.11^IHE_FRANCE-2.11-PAM`,
    `EVN||${at}||||${at}`,
    pid,
    pv1,
    `ZBE|MVT-${event}^${facility}|${at}||INSERT|N`,
  ].join('\r');
}

describe('a hospital stay from ADT to the GP, in the browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  let listener: MllpListener;
  let client: Hl7Client;
  before(async () => {
    app = await startBrowserApp();
    listener = await startMllpListener({
      host: '127.0.0.1',
      port: 0,
      intake: app.relais.services.hl7Intake,
      logger: app.relais.logger,
    });
    client = new Hl7Client({ host: '127.0.0.1', port: listener.port });
  });
  after(async () => {
    await client.close();
    await listener.close();
    await app.close();
  });

  const send = async (text: string) => ackOf(await client.sendAndWait(Hl7Message.parse(text)));

  test('an A01 then an A03 arrive: the GP is alerted, follows the checklist, reads the letter and confirms the reconciliation', async () => {
    const { relais, browser, baseUrl } = app;
    const gp = await createProfessional(relais);
    // The hospital sends its FINESS as MSH-4, which is how Relais knows where the stay takes place.
    const facility = `99${String(randomInt(0, 1e7)).padStart(7, '0')}`;
    const serviceId = await createHospitalService(relais, 'cardiology', { hospitalFiness: facility });
    const hospitalDoctor = await createProfessional(relais, 'physician', { organizationId: serviceId });
    const ins = fictionalIns('female');
    const patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { ins },
      entries: [
        medication('Furosémide 40 mg', 'C03CA01', '1 cp le matin'),
        medication('Ibuprofène 400 mg', 'M01AE01', '1 cp si douleur'),
      ],
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    await signIn(page, baseUrl, gp.login);
    await page.getByTestId('search-input').waitFor();

    // The hospital admits her: the ACK comes once the message is stored, the GP is told within seconds.
    const admittedAt = hl7Time(30);
    assert.deepEqual(await send(adt('A01', facility, ins.matricule, admittedAt, admittedAt)), {
      code: 'AA',
      controlId: 'E2E-A01',
    });
    await page.locator('[data-testid=notification-bell][data-unread-count="1"]').waitFor(TIMEOUT);
    await page.getByTestId('notification-bell').click();
    assert.match(await page.getByTestId('notification-item').first().innerText(), /Admission/);
    await page.goto(`${baseUrl}/patients/${patientId}`);
    await page.getByTestId('inpatient-banner').waitFor(TIMEOUT);

    // She goes home: the discharge opens the transition and its checklist.
    assert.deepEqual(await send(adt('A03', facility, ins.matricule, hl7Time(2), admittedAt)), {
      code: 'AA',
      controlId: 'E2E-A03',
    });
    const [stay] = await relais.database.db
      .selectFrom('stays')
      .select(['id', 'status'])
      .where('patient_id', '=', patientId)
      .execute();
    assert.ok(stay !== undefined, 'the ADT messages made a stay');
    await page.goto(`${baseUrl}/patients/${patientId}/stays/${stay.id}`);
    const letterItem = page.getByTestId('transition-item-discharge-letter');
    await letterItem.waitFor(TIMEOUT);
    assert.equal(await letterItem.getAttribute('data-status'), 'pending');
    await page.getByTestId('transition-item-medication-reconciliation').waitFor();

    // The hospital doctor sends the structured lettre de liaison; the item is done on the GP's page.
    const sent = await relais.http.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/stays/${stay.id}/letter`,
      headers: bearer(hospitalDoctor.token),
      payload: { kind: 'structured', structured: COMPLETE_LETTER },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    await page.locator('[data-testid=transition-item-discharge-letter][data-status=done]').waitFor(TIMEOUT);

    // The GP opens the letter (a PDF) and acknowledges it.
    const letter = page.getByTestId('letter-panel');
    await letter.getByTestId('letter-status').waitFor(TIMEOUT);
    const pdfUrl = await letter.getByTestId('letter-open-pdf').getAttribute('href');
    assert.ok(pdfUrl !== null);
    const pdf = await page.request.get(new URL(pdfUrl, baseUrl).toString());
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    await letter.getByTestId('letter-acknowledge').click();
    await letter.getByTestId('letter-acknowledged').waitFor();

    // Then confirms the reconciliation: ibuprofen stopped (the letter says why), furosemide continued.
    const reconciliation = page.getByTestId('reconciliation-panel');
    await reconciliation.getByTestId('reconciliation-line').first().waitFor();
    const lines = await reconciliation.getByTestId('reconciliation-line').all();
    const classes = await Promise.all(lines.map((line) => line.getAttribute('data-class')));
    assert.deepEqual([...classes].sort(), ['continued', 'stopped']);
    await reconciliation.getByTestId('reconciliation-confirm').click();
    await reconciliation.getByTestId('reconciliation-confirmed').waitFor();
    await page
      .locator('[data-testid=transition-item-medication-reconciliation][data-status=done]')
      .waitFor(TIMEOUT);
    await page.screenshot({ path: join(ARTIFACTS, 'hospital-stay-fr.png'), fullPage: true });

    const medications = await relais.database.db
      .selectFrom('medications')
      .select(['name', 'status', 'provenance'])
      .where('patient_id', '=', patientId)
      .where('name', 'like', 'Ibuprof%')
      .execute();
    assert.deepEqual(
      medications.map((m) => m.status),
      ['stopped'],
    );
    await page.close();
  });
});
