import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClinicalEntry } from '../../src/domain/record/clinical-entry.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { COMPLETE_LETTER } from '../support/discharge-letters.ts';
import { bearer, createHospitalService, createPatient, createProfessional } from '../support/factories.ts';
import { admitPatient, dischargePatient } from '../support/stays.ts';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

const medication = (name: string, atcCode: string | null, dosage: string): ClinicalEntry => ({
  kind: 'medication',
  atcCode,
  name,
  dosage,
  startedOn: '2025-06-01',
  status: 'active',
});

describe('discharge documents in the browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  before(async () => {
    app = await startBrowserApp();
  });
  after(() => app.close());

  test('the GP reads an incomplete letter, acknowledges it, confirms the reconciliation and sees the risk', async () => {
    const { relais, browser, baseUrl } = app;
    const gp = await createProfessional(relais);
    const serviceId = await createHospitalService(relais, 'cardiology');
    const hospitalDoctor = await createProfessional(relais, 'physician', { organizationId: serviceId });
    const patientId = await createPatient(relais, [gp.practitionerId], {
      entries: [
        medication('Bisoprolol 5 mg', 'C07AB07', '1 cp le matin'),
        medication('Furosémide 40 mg', 'C03CA01', '1 cp le matin'),
        medication('Ibuprofène 400 mg', 'M01AE01', '1 cp si douleur'),
        {
          kind: 'condition',
          codeSystem: 'ICD-10',
          code: 'I50.9',
          display: 'IC',
          clinicalStatus: 'active',
          onsetDate: null,
        },
      ],
    });
    const stay = await admitPatient(relais, patientId, { serviceId, admittedAt: daysAgo(16) });
    await dischargePatient(relais, stay, daysAgo(1));
    await relais.jobs.readmissionRisk?.drain();
    const sent = await relais.http.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/stays/${stay.id}/letter`,
      headers: bearer(hospitalDoctor.token),
      payload: { kind: 'structured', structured: { ...COMPLETE_LETTER, pendingResults: null } },
    });
    assert.equal(sent.statusCode, 201, sent.body);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
    await signIn(page, baseUrl, gp.login);
    await page.waitForURL(/\/(patients|worklist)/);
    await page.goto(`${baseUrl}/patients/${patientId}/stays/${stay.id}`);
    const letter = page.getByTestId('letter-panel');
    await letter.getByTestId('letter-status').waitFor();
    assert.equal(await letter.getByTestId('letter-status').getAttribute('data-status'), 'incomplete');
    assert.match(await letter.getByTestId('letter-missing-parts').innerText(), /Résultats en attente/);
    const risk = page.getByTestId('risk-panel');
    assert.equal(await risk.getByTestId('risk-lace-total').innerText(), '11');
    assert.match(await risk.getByTestId('risk-cutoff').innerText(), /valeur par défaut configurable/);
    assert.match(await risk.innerText(), /insuffisance cardiaque \(1\)/);
    await page.screenshot({ path: join(ARTIFACTS, 'discharge-documents.png'), fullPage: true });
    await letter.getByTestId('letter-write').locator('summary').click();
    await letter.getByTestId('letter-form').waitFor();
    await letter
      .getByTestId('letter-form')
      .screenshot({ path: join(ARTIFACTS, 'discharge-letter-form.png') });

    await letter.getByTestId('letter-acknowledge').click();
    await letter.getByTestId('letter-acknowledged').waitFor();

    const reconciliation = page.getByTestId('reconciliation-panel');
    const rows = await reconciliation.getByTestId('reconciliation-line').all();
    const classes = await Promise.all(rows.map((row) => row.getAttribute('data-class')));
    assert.deepEqual(classes, ['stopped', 'continued', 'stopped']);
    await reconciliation.getByTestId('reconciliation-confirm').click();
    await reconciliation.getByTestId('reconciliation-confirmed').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'discharge-documents-confirmed.png'), fullPage: true });

    // The record's medication list says where the stopped line's change came from.
    await page.goto(`${baseUrl}/patients/${patientId}`);
    await page.getByTestId('medication-provenance').first().waitFor();
    assert.match(
      await page.getByTestId('medication-provenance').first().innerText(),
      /conciliation de sortie/,
    );
    await page.close();
  });
});
