import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { createPatient, createPatientAccount, createProfessional } from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn as signInAt, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';

describe('patient rights (GDPR) in a real browser', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;
  let app: BrowserApp;
  let gp: Awaited<ReturnType<typeof createProfessional>>;
  let patientId: string;

  before(async () => {
    app = await startBrowserApp();
    ({ relais, browser, baseUrl } = app);
    gp = await createProfessional(relais);
    patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Lefevre', firstGivenName: 'Hélène', givenNames: 'Hélène Marie' },
      entries: [
        {
          kind: 'medication',
          atcCode: 'A10BA02',
          name: 'Metformine 1000 mg',
          dosage: '1 cp matin et soir',
          startedOn: null,
          status: 'active',
        },
      ],
    });
  });
  after(() => app.close());

  const signIn = (page: Page, login: string) => signInAt(page, baseUrl, login);

  test('a patient downloads all their data from "Mes données" on a phone, and asks for a correction', async () => {
    const patient = await createPatientAccount(relais, patientId);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await signIn(page, patient.login);
    await page.getByTestId('portal').waitFor();
    await page.getByTestId('my-data-link').click();
    await page.getByTestId('portal-my-data').waitFor();

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-json').click(),
    ]);
    assert.match(json.suggestedFilename(), /^relais-export-.*\.json$/);
    const file = JSON.parse(await readFile(await json.path(), 'utf8')) as {
      format: string;
      patientId: string;
      tables: Record<string, { rows: Record<string, unknown>[] }>;
    };
    assert.equal(file.format, 'relais-patient-export');
    assert.equal(file.patientId, patientId);
    assert.equal(file.tables['medications']?.rows[0]?.['name'], 'Metformine 1000 mg');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-pdf').click(),
    ]);
    const bytes = await readFile(await pdf.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');

    // Asking with nothing written says what is missing and sends nothing.
    await page.getByTestId('rectification-request-submit').click();
    assert.match(await page.getByTestId('portal-my-data').innerText(), /Dites ce qui doit être corrigé/);
    await page
      .getByTestId('rectification-request-text')
      .fill('Mon nom de naissance s’écrit Lefèvre, avec un accent.');
    await page.getByTestId('rectification-request-submit').click();
    assert.match(
      await page.getByTestId('rectification-request-sent').innerText(),
      /transmise à votre médecin traitant/,
    );
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `the page fits a phone screen (scroll width ${width})`);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-my-data.png'), fullPage: true });

    const tasks = await relais.database.db
      .selectFrom('tasks')
      .select(['assignee_role', 'details'])
      .where('patient_id', '=', patientId)
      .execute();
    assert.deepEqual(tasks, [
      { assignee_role: 'medecin_traitant', details: 'Mon nom de naissance s’écrit Lefèvre, avec un accent.' },
    ]);
    const exports = await relais.database.db
      .selectFrom('audit_entries')
      .select('resource')
      .where('patient_id', '=', patientId)
      .where('action', '=', 'export')
      .orderBy('seq')
      .execute();
    assert.deepEqual(exports, [{ resource: 'export' }, { resource: 'export-summary' }]);
    await page.close();
  });

  test('the GP rectifies the birth name on the record and sees the correction in the timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, gp.login);
    await page.getByTestId('search-input').waitFor();
    await page.goto(`${baseUrl}/patients/${patientId}`);
    await page.getByTestId('patient-identity').waitFor();
    assert.equal(await page.getByTestId('patient-family-name').innerText(), 'LEFEVRE');

    await page.getByTestId('rectify-identity').click();
    const field = page.getByTestId('rectify-birthFamilyName');
    assert.equal(await field.inputValue(), 'Lefevre', 'the form starts from the current values');
    await field.fill('Lefèvre');
    assert.match(await page.getByTestId('rectification-lowers-status').innerText(), /qualifiée → récupérée/);
    await page.getByTestId('rectify-reason').fill('Demande de la patiente, vu sur sa carte d’identité');
    await page.getByTestId('rectify-submit').click();
    assert.match(
      await page.getByTestId('rectification-done').innerText(),
      /1 champ corrigé.*Identité qualifiée → Identité récupérée/s,
    );
    await page.locator('[data-testid=patient-family-name]', { hasText: 'LEFÈVRE' }).waitFor();
    const entry = page.locator('[data-testid=timeline-entry][data-type="patient.identity-rectified"]');
    await entry.waitFor();
    const text = await entry.innerText();
    assert.match(text, /Identité rectifiée/);
    assert.match(text, /Nom de naissance : Lefevre → Lefèvre/);
    assert.match(text, /Motif : Demande de la patiente/);
    await page.screenshot({ path: join(ARTIFACTS, 'record-identity-rectified.png'), fullPage: true });
    await page.close();
  });
});
