import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { createPatient, createProfessional } from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { admitPatient, dischargePatient } from '../support/stays.ts';

describe('a hospital stay in a real browser', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;
  let app: BrowserApp;

  before(async () => {
    app = await startBrowserApp();
    ({ relais, browser, baseUrl } = app);
  });
  after(() => app.close());

  const waitFor = (page: Page, selector: string) => page.locator(selector).waitFor({ timeout: 15_000 });

  test('the GP sees the admission alert and the banner, then the checklist after discharge, and arranges home nursing', async () => {
    const gp = await createProfessional(relais);
    const patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Morvan', firstGivenName: 'Annick' },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, baseUrl, gp.login);
    await page.getByTestId('search-input').waitFor();

    // The hospital admits the patient: the bell says so without a reload.
    const admittedAt = new Date(Date.now() - 2 * 86_400_000);
    const stay = await admitPatient(relais, patientId, { unit: 'Cardiologie', admittedAt });
    await waitFor(page, '[data-testid=notification-bell][data-unread-count="1"]');
    await page.getByTestId('notification-bell').click();
    const notice = page.getByTestId('notification-item').first();
    assert.match(await notice.innerText(), /Admission de votre patient en Cardiologie/);
    assert.doesNotMatch(await notice.innerText(), /Morvan|Annick/);

    // The record shows the patient is in hospital.
    await page.goto(`${baseUrl}/patients/${patientId}`);
    await page.getByTestId('inpatient-banner').waitFor();
    assert.match(
      await page.getByTestId('inpatient-banner').innerText(),
      /Hospitalisé\(e\) depuis le .* Cardiologie/,
    );

    // Discharged: the stay page shows the checklist, live.
    await page.goto(`${baseUrl}/patients/${patientId}/stays/${stay.id}`);
    await page.getByTestId('stay-no-transition').waitFor();
    await dischargePatient(relais, stay);
    await page.getByTestId('transition-item-discharge-letter').waitFor({ timeout: 15_000 });
    assert.match(
      await page.getByTestId('transition-item-discharge-letter').innerText(),
      /règle officielle \(CSP R1112-1-2/,
    );
    assert.match(
      await page.getByTestId('transition-item-medication-reconciliation').innerText(),
      /délai par défaut de Relais, configurable/,
    );

    // Home nursing is needed: the GP adds it, then marks it arranged.
    await page.getByTestId('transition-add-open').click();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('transition-add-due').fill(tomorrow);
    await page.getByTestId('transition-add-note').fill('Pansement tous les deux jours');
    await page.getByTestId('transition-add-confirm').click();
    const nursing = page.getByTestId('transition-item-home-nursing');
    await nursing.waitFor();
    await nursing.getByTestId('transition-item-mark-done').click();
    await nursing.getByTestId('transition-item-note').fill('IDE libérale trouvée');
    await nursing.getByTestId('transition-item-confirm').click();
    await waitFor(page, '[data-testid=transition-item-home-nursing][data-status=done]');
    assert.match(await nursing.getByTestId('transition-item-done').innerText(), /IDE libérale trouvée/);
    assert.match(await nursing.getByTestId('transition-item-done').innerText(), new RegExp(gp.login));
    await page.screenshot({ path: join(ARTIFACTS, 'stay-page-fr.png'), fullPage: true });

    // The Hospitalisations tab lists the letter due today, with who must act.
    await page.getByTestId('back-to-record').waitFor();
    await page.goto(`${baseUrl}/worklist/inpatients`);
    await page.getByTestId('transition-indicators').waitFor();
    const row = page.getByTestId('transition-action-row').first();
    await row.waitFor();
    assert.match(await row.innerText(), /Morvan — Lettre de liaison de sortie reçue/);
    assert.match(await row.innerText(), /Médecin traitant/);
    await page.screenshot({ path: join(ARTIFACTS, 'inpatients-worklist-fr.png'), fullPage: true });
    await page.close();
  });
});
